/* bit_spinlock.h: bit spinlocks; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_BIT_SPINLOCK_H
#define __LINUX_BIT_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/atomic.h>
#include <linux/bitops.h>

void bit_spin_lock(int bitnum, unsigned long *addr);
int bit_spin_trylock(int bitnum, unsigned long *addr);
void bit_spin_unlock(int bitnum, unsigned long *addr);
void __bit_spin_unlock(int bitnum, unsigned long *addr);
int bit_spin_is_locked(int bitnum, unsigned long *addr);

#endif /* __LINUX_BIT_SPINLOCK_H */
