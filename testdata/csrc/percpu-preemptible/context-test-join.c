/*
 * percpu-preemptible: net/core/dev.c netif_rx(). A caller that may run in
 * any context disables bottom halves only where the context test says it
 * is not in an interrupt or with them disabled already; the per-CPU work
 * past the join is protected on both ways in, a tracepoint's own
 * preempt_disable_notrace()/preempt_enable_notrace() pair between them
 * notwithstanding. Not flagged.
 */
#include <linux/preempt.h>
#include <linux/bottom_half.h>
#include <linux/percpu.h>
#include <linux/types.h>

/* As include/linux/preempt.h has them: macros, not functions. */
#undef hardirq_count
#undef softirq_count
#define hardirq_count()	(preempt_count() & 0x000f0000UL)
#define softirq_count()	(preempt_count() & 0x0000ff00UL)

struct backlog { int qlen; };
DEFINE_PER_CPU(struct backlog, rx_backlog);
extern void rx_probe(int len);

static int rx_enqueue(int len)
{
	struct backlog *b = this_cpu_ptr(&rx_backlog);

	b->qlen += len;
	return b->qlen;
}

/* A tracepoint's probes run with preemption disabled, and enabled again. */
static inline void trace_rx_entry(int len)
{
	preempt_disable_notrace();
	rx_probe(len);
	preempt_enable_notrace();
}

int rx_any_context(int len)
{
	bool need_bh_off = !(hardirq_count() | softirq_count());
	int ret;

	if (need_bh_off)
		local_bh_disable();
	trace_rx_entry(len);
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
