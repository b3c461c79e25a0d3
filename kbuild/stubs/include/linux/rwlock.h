/* rwlock.h: read_lock/write_lock families; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_RWLOCK_H
#define __LINUX_RWLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/rwlock_types.h>

void rwlock_init(rwlock_t *lock);
void read_lock(rwlock_t *lock);
void read_lock_bh(rwlock_t *lock);
void read_lock_irq(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void read_unlock_bh(rwlock_t *lock);
void read_unlock_irq(rwlock_t *lock);
void read_unlock_irqrestore(rwlock_t *lock, unsigned long flags);
int read_trylock(rwlock_t *lock);
void write_lock(rwlock_t *lock);
void write_lock_bh(rwlock_t *lock);
void write_lock_irq(rwlock_t *lock);
void write_lock_nested(rwlock_t *lock, int subclass);
void write_unlock(rwlock_t *lock);
void write_unlock_bh(rwlock_t *lock);
void write_unlock_irq(rwlock_t *lock);
void write_unlock_irqrestore(rwlock_t *lock, unsigned long flags);
int write_trylock(rwlock_t *lock);
int rwlock_is_contended(rwlock_t *lock);

unsigned long __kp_read_lock_irqsave(rwlock_t *lock);
unsigned long __kp_write_lock_irqsave(rwlock_t *lock);
int __kp_write_trylock_irqsave(rwlock_t *lock, unsigned long *flags);

#define read_lock_irqsave(lock, flags)	((flags) = __kp_read_lock_irqsave(lock))
#define write_lock_irqsave(lock, flags)	((flags) = __kp_write_lock_irqsave(lock))
#define write_trylock_irqsave(lock, flags) \
	(__kp_write_trylock_irqsave((lock), &(flags)))

#endif /* __LINUX_RWLOCK_H */
