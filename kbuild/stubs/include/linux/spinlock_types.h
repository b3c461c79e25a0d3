/* spinlock_types.h: spinlock_t, raw_spinlock_t and their static initializers; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <linux/rwlock_types.h>

typedef struct raw_spinlock {
	unsigned int raw_lock;
} raw_spinlock_t;

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

/* Brace initializers (not compound literals): valid in any static initializer. */
#define __RAW_SPIN_LOCK_UNLOCKED(lockname)	{ .raw_lock = 0 }
#define __SPIN_LOCK_UNLOCKED(lockname)		{ .rlock = { .raw_lock = 0 } }
#define DEFINE_RAW_SPINLOCK(x)			raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)
#define DEFINE_SPINLOCK(x)			spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#endif /* __LINUX_SPINLOCK_TYPES_H */
