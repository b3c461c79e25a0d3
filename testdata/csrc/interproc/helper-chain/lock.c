/*
 * interproc: a lock helper pair (kernel/irq/irqdesc.c's
 * __irq_get_desc_lock() and __irq_put_desc_unlock() are such a pair).
 * Silent here.
 */
#include <linux/spinlock.h>

static DEFINE_RAW_SPINLOCK(bus_lock);

void bus_lock_acquire(void)
{
	raw_spin_lock(&bus_lock);
}

void bus_lock_release(void)
{
	raw_spin_unlock(&bus_lock);
}
