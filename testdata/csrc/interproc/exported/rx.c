/*
 * interproc: a symbol exported to modules and called nowhere in the
 * program is entered in whatever context its modules call it
 * (net/core/dev.c netif_receive_skb_core(), which drivers call from their
 * NAPI poll in softirq context): its per-CPU statistics are not flagged.
 * A function neither exported nor called is entered preemptible, and one
 * the program calls preemptible is flagged whether it is exported or not.
 */
#include <linux/export.h>
#include <linux/percpu.h>

struct skb_demo {
	int len;
};

DEFINE_PER_CPU(unsigned long, rx_packets);

static int deliver_demo(struct skb_demo *skb)
{
	__this_cpu_inc(rx_packets);
	return skb->len;
}

/* Exported, no caller in the program: entered in an unknown context. */
int receive_core_demo(struct skb_demo *skb)
{
	return deliver_demo(skb);
}
EXPORT_SYMBOL(receive_core_demo);

static int count_demo(struct skb_demo *skb)
{
	__this_cpu_inc(rx_packets);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	return skb->len;
}

/* Neither exported nor called: entered preemptible. */
int receive_plain_demo(struct skb_demo *skb)
{
	return count_demo(skb);
}

static int account_demo(struct skb_demo *skb)
{
	__this_cpu_inc(rx_packets);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	return skb->len;
}

/* Exported, and called preemptible by the program (below). */
int receive_account_demo(struct skb_demo *skb)
{
	return account_demo(skb);
}
EXPORT_SYMBOL_GPL(receive_account_demo);
