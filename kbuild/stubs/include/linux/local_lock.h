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

#define INIT_LOCAL_LOCK(lockname)	{ 0 }

void local_lock_init(local_lock_t *lock);
void local_lock(local_lock_t *lock);
void local_unlock(local_lock_t *lock);
void local_lock_irq(local_lock_t *lock);
void local_unlock_irq(local_lock_t *lock);
void local_unlock_irqrestore(local_lock_t *lock, unsigned long flags);
void local_lock_nested_bh(local_lock_t *lock);
void local_unlock_nested_bh(local_lock_t *lock);

unsigned long __kp_local_lock_irqsave(local_lock_t *lock);

#define local_lock_irqsave(lock, flags)	((flags) = __kp_local_lock_irqsave(lock))

#endif /* _LINUX_LOCAL_LOCK_H */
