#include <linux/preempt.h>

void stats_tx(void);
void stats_tx_batch(int n);

void tx_fast(void)
{
	preempt_disable();
	stats_tx();
	preempt_enable();
}

void tx_slow(void)
{
	stats_tx();
	stats_tx_batch(4);
}
