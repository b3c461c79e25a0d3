/* spinlock.h: spin_lock and raw_spin_lock families; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>
#include <linux/atomic.h>
#include <linux/spinlock_types.h>
#include <linux/rwlock.h>
#include <linux/spinlock_api_smp.h>
#include <asm/barrier.h>
#include <asm/processor.h>

void raw_spin_lock_init(raw_spinlock_t *lock);
void raw_spin_lock(raw_spinlock_t *lock);
void raw_spin_lock_bh(raw_spinlock_t *lock);
void raw_spin_lock_irq(raw_spinlock_t *lock);
void raw_spin_lock_nested(raw_spinlock_t *lock, int subclass);
void raw_spin_unlock(raw_spinlock_t *lock);
void raw_spin_unlock_bh(raw_spinlock_t *lock);
void raw_spin_unlock_irq(raw_spinlock_t *lock);
void raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);
int raw_spin_trylock(raw_spinlock_t *lock);
int raw_spin_trylock_bh(raw_spinlock_t *lock);
int raw_spin_trylock_irq(raw_spinlock_t *lock);
int raw_spin_is_locked(raw_spinlock_t *lock);
int raw_spin_is_contended(raw_spinlock_t *lock);
void assert_raw_spin_locked(raw_spinlock_t *lock);

unsigned long __kp_raw_spin_lock_irqsave(raw_spinlock_t *lock);
unsigned long __kp_raw_spin_lock_irqsave_nested(raw_spinlock_t *lock, int subclass);
int __kp_raw_spin_trylock_irqsave(raw_spinlock_t *lock, unsigned long *flags);

#define raw_spin_lock_irqsave(lock, flags) \
	((flags) = __kp_raw_spin_lock_irqsave(lock))
#define raw_spin_lock_irqsave_nested(lock, flags, subclass) \
	((flags) = __kp_raw_spin_lock_irqsave_nested((lock), (subclass)))
#define raw_spin_trylock_irqsave(lock, flags) \
	(__kp_raw_spin_trylock_irqsave((lock), &(flags)))

void spin_lock_init(spinlock_t *lock);
void spin_lock(spinlock_t *lock);
void spin_lock_bh(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
void spin_lock_nested(spinlock_t *lock, int subclass);
void spin_lock_nest_lock(spinlock_t *lock, const void *nest_lock);
void spin_unlock(spinlock_t *lock);
void spin_unlock_bh(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
int spin_trylock(spinlock_t *lock);
int spin_trylock_bh(spinlock_t *lock);
int spin_trylock_irq(spinlock_t *lock);
int spin_is_locked(spinlock_t *lock);
int spin_is_contended(spinlock_t *lock);
int spin_needbreak(spinlock_t *lock);
void assert_spin_locked(spinlock_t *lock);

unsigned long __kp_spin_lock_irqsave(spinlock_t *lock);
unsigned long __kp_spin_lock_irqsave_nested(spinlock_t *lock, int subclass);
int __kp_spin_trylock_irqsave(spinlock_t *lock, unsigned long *flags);

#define spin_lock_irqsave(lock, flags) \
	((flags) = __kp_spin_lock_irqsave(lock))
#define spin_lock_irqsave_nested(lock, flags, subclass) \
	((flags) = __kp_spin_lock_irqsave_nested((lock), (subclass)))
#define spin_trylock_irqsave(lock, flags) \
	(__kp_spin_trylock_irqsave((lock), &(flags)))

int atomic_dec_and_lock(atomic_t *atomic, spinlock_t *lock);
int atomic_dec_and_raw_lock(atomic_t *atomic, raw_spinlock_t *lock);
int __kp_atomic_dec_and_lock_irqsave(atomic_t *atomic, spinlock_t *lock, unsigned long *flags);
#define atomic_dec_and_lock_irqsave(atomic, lock, flags) \
	(__kp_atomic_dec_and_lock_irqsave((atomic), (lock), &(flags)))

#endif /* __LINUX_SPINLOCK_H */
