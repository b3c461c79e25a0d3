/*
 * percpu-preemptible: net/core/dev.c netif_rx(). A caller that may run in
 * any context disables bottom halves only where the context test says it
 * is not in an interrupt or with them disabled already; the per-CPU work
 * past the join is protected on both ways in. Not flagged.
 */
#include <linux/preempt.h>
#include <linux/bottom_half.h>
#include <linux/percpu.h>
#include <linux/types.h>

struct backlog { int qlen; };
DEFINE_PER_CPU(struct backlog, rx_backlog);

static int rx_enqueue(int len)
{
	struct backlog *b = this_cpu_ptr(&rx_backlog);

	b->qlen += len;
	return b->qlen;
}

int rx_any_context(int len)
{
	bool need_bh_off = !(hardirq_count() | softirq_count());
	int ret;

	if (need_bh_off)
		local_bh_disable();
	ret = rx_enqueue(len);
	if (need_bh_off)
		local_bh_enable();
	return ret;
}

/* The same without the test: flagged in the callee. */
static int rx_enqueue_unprotected(int len)
{
	struct backlog *b = this_cpu_ptr(&rx_backlog); /* want "this_cpu_ptr" */

	b->qlen += len;
	return b->qlen;
}

int rx_process_context(int len)
{
	bool bh = len > 4;
	int ret;

	if (bh)
		local_bh_disable();
	ret = rx_enqueue_unprotected(len);
	if (bh)
		local_bh_enable();
	return ret;
}

/* Bottom halves enabled again on the way that disabled them: flagged. */
static int rx_enqueue_late(int len)
{
	struct backlog *b = this_cpu_ptr(&rx_backlog); /* want "this_cpu_ptr" */

	b->qlen += len;
	return b->qlen;
}

int rx_enabled_first(int len)
{
	bool need_bh_off = !(hardirq_count() | softirq_count());

	if (need_bh_off)
		local_bh_disable();
	if (need_bh_off)
		local_bh_enable();
	return rx_enqueue_late(len);
}
