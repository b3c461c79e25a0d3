/*
 * interproc: per-CPU statistics helpers with callers in other files. A
 * helper is entered the way its callers call it: silent when every
 * caller protects the call, reported (with the caller that does not in
 * its trace) when one calls it preemptible.
 */
#include <linux/percpu.h>
#include <linux/smp.h>

DEFINE_PER_CPU(unsigned long, rx_packets);
DEFINE_PER_CPU(unsigned long, tx_packets);

/* Called under preempt_disable() by rx_fast() and under a spinlock by rx_locked(). Not flagged. */
void stats_rx(void)
{
	__this_cpu_inc(rx_packets);
}

/* Called under preempt_disable() by tx_fast(), and preemptible by tx_slow(). Flagged. */
void stats_tx(void)
{
	__this_cpu_inc(tx_packets);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

/* Two calls down: stats_tx_batch() is called preemptible by tx_slow(). Flagged. */
static void stats_tx_one(void)
{
	__this_cpu_inc(tx_packets);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

void stats_tx_batch(int n)
{
	while (n--)
		stats_tx_one();
}
