#include <linux/preempt.h>
#include <linux/spinlock.h>

void stats_rx(void);
static DEFINE_SPINLOCK(rx_lock);

void rx_fast(void)
{
	preempt_disable();
	stats_rx();
	preempt_enable();
}

void rx_locked(void)
{
	spin_lock(&rx_lock);
	stats_rx();
	spin_unlock(&rx_lock);
}
