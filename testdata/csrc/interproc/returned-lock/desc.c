/*
 * interproc: a lookup that returns an object with its lock held, or NULL
 * without (genirq's __irq_get_desc_lock()). The lock is known to the
 * caller by the variable it keeps the value in, also through an inline
 * wrapper that returns the lookup's value directly. Silent here.
 */
#include <linux/spinlock.h>

struct desc {
	raw_spinlock_t lock;
	unsigned int istate;
	unsigned int depth;
};

struct desc *desc_of(unsigned int irq);

struct desc *desc_get_lock(unsigned int irq, unsigned long *flags)
{
	struct desc *desc = desc_of(irq);

	if (!desc)
		return NULL;
	raw_spin_lock_irqsave(&desc->lock, *flags);
	return desc;
}

void chip_bus_sync_unlock(struct desc *desc);

void __desc_put_unlock(struct desc *desc, unsigned long flags, bool bus)
	__releases(&desc->lock)
{
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	if (bus)
		chip_bus_sync_unlock(desc);
}
