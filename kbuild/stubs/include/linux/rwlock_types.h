/* rwlock_types.h: rwlock_t and DEFINE_RWLOCK; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_RWLOCK_TYPES_H
#define __LINUX_RWLOCK_TYPES_H

#include <linux/types.h>
#include <linux/compiler.h>

typedef struct {
	unsigned int raw_lock;
} rwlock_t;

#define __RW_LOCK_UNLOCKED(lockname)	{ .raw_lock = 0 }
#define DEFINE_RWLOCK(x)		rwlock_t x = __RW_LOCK_UNLOCKED(x)

#endif /* __LINUX_RWLOCK_TYPES_H */
