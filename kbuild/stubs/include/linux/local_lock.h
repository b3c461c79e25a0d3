/* local_lock.h: per-CPU local locks; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_LOCAL_LOCK_H
#define _LINUX_LOCAL_LOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>
#include <linux/percpu-defs.h>

typedef struct {
	unsigned int __kp_unused;
} local_lock_t;

/* local_trylock_t is interchangeable with local_lock_t here. */
typedef local_lock_t local_trylock_t;

#define INIT_LOCAL_LOCK(lockname)	{ 0 }
#define INIT_LOCAL_TRYLOCK(lockname)	{ 0 }

void local_lock_init(local_lock_t *lock);
void local_lock(local_lock_t *lock);
void local_unlock(local_lock_t *lock);
void local_lock_irq(local_lock_t *lock);
void local_unlock_irq(local_lock_t *lock);
void local_unlock_irqrestore(local_lock_t *lock, unsigned long flags);
int local_trylock(local_lock_t *lock);
void local_trylock_init(local_lock_t *lock);
void local_lock_nested_bh(local_lock_t *lock);
void local_unlock_nested_bh(local_lock_t *lock);

unsigned long __kp_local_lock_irqsave(local_lock_t *lock);
int __kp_local_trylock_irqsave(local_lock_t *lock, unsigned long *flags);

#define local_lock_irqsave(lock, flags)	((flags) = __kp_local_lock_irqsave(lock))
#define local_trylock_irqsave(lock, flags) \
	(__kp_local_trylock_irqsave((lock), &(flags)))

#endif /* _LINUX_LOCAL_LOCK_H */
