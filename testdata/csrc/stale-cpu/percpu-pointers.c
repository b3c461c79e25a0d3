/*
 * stale-cpu: per-CPU pointers. A pointer computed while preemption is
 * disabled (this_cpu_ptr(), get_cpu_ptr(), &get_cpu_var(), or per_cpu_ptr()
 * of a protected CPU id) points into the area of the CPU the task was on;
 * dereferencing it (*p, p->field, p[i]) after the protection ended may race
 * with the code that now owns that CPU. Printing the pointer or
 * recomputing it under fresh protection is fine.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/irqflags.h>
#include <linux/cpumask.h>
#include <linux/printk.h>
#include <linux/types.h>

#define RX_HIST_BUCKETS	16

struct rx_queue {
	unsigned int head;
	unsigned int tail;
	void *skbs[64];
};

struct rx_counters {
	unsigned long packets;
	unsigned long drops;
};

DEFINE_PER_CPU(struct rx_queue, rx_backlog);
DEFINE_PER_CPU(struct rx_counters, rx_counters);
DEFINE_PER_CPU(unsigned long, rx_budget);
static DEFINE_SPINLOCK(rx_lock);

extern void rx_process(void *skb);
extern int rx_refill(unsigned int n);

/* this_cpu_ptr() pinned, the pointer used only while pinned. Not flagged. */
void *rx_dequeue(void)
{
	struct rx_queue *q;
	void *skb = NULL;

	preempt_disable();
	q = this_cpu_ptr(&rx_backlog);
	if (q->head != q->tail)
		skb = q->skbs[q->tail++ % 64];
	preempt_enable();
	return skb;
}

/* The queue pointer is dereferenced after preempt_enable(). Flagged. */
void *rx_dequeue_late(void)
{
	struct rx_queue *q;
	void *skb = NULL;

	preempt_disable();
	q = this_cpu_ptr(&rx_backlog);
	if (q->head != q->tail)
		skb = q->skbs[q->tail % 64];
	preempt_enable();
	q->tail++;	/* want `stale per-CPU pointer "q": used after preempt_enable\(\) ended the protection it was obtained under` */
	return skb;
}

/* get_cpu_ptr()/put_cpu_ptr() around every dereference. Not flagged. */
void rx_count(struct rx_counters __percpu *pcpu, bool dropped)
{
	struct rx_counters *c = get_cpu_ptr(pcpu);

	c->packets++;
	if (dropped)
		c->drops++;
	put_cpu_ptr(pcpu);
}

/* The drop is counted through the pointer after put_cpu_ptr(). Flagged. */
void rx_count_late(struct rx_counters __percpu *pcpu, bool dropped)
{
	struct rx_counters *c = get_cpu_ptr(pcpu);

	c->packets++;
	put_cpu_ptr(pcpu);
	if (dropped)
		c->drops++;	/* want `stale per-CPU pointer "c": used after put_cpu_ptr\(\)` */
}

/* &get_cpu_var() kept in a pointer and dereferenced after put_cpu_var(). Flagged. */
void rx_count_var_late(bool dropped)
{
	struct rx_counters *c = &get_cpu_var(rx_counters);

	c->packets++;
	put_cpu_var(rx_counters);
	if (dropped)
		c->drops++;	/* want `stale per-CPU pointer "c": used after put_cpu_var\(\)` */
}

/* per_cpu_ptr() of the id from get_cpu(): a per-CPU pointer that goes stale at put_cpu(). Flagged. */
void rx_count_cpu_late(void)
{
	int cpu = get_cpu();
	struct rx_counters *c = per_cpu_ptr(&rx_counters, cpu);

	c->packets++;
	put_cpu();
	c->drops++;	/* want `stale per-CPU pointer "c": used after put_cpu\(\)` */
}

/* per_cpu_ptr() of a CPU from for_each_online_cpu(): a remote slot by design. Not flagged. */
unsigned long rx_drops_total(void)
{
	struct rx_counters *c;
	unsigned long sum = 0;
	int cpu;

	for_each_online_cpu(cpu) {
		c = per_cpu_ptr(&rx_counters, cpu);
		sum += c->drops;
	}
	return sum;
}

/* *p after spin_unlock(): the budget of whatever CPU the task ran on. Flagged. */
void rx_consume_budget(unsigned long n)
{
	unsigned long *budget;

	spin_lock(&rx_lock);
	budget = this_cpu_ptr(&rx_budget);
	if (*budget < n)
		rx_refill(n);
	spin_unlock(&rx_lock);
	*budget -= n;	/* want `stale per-CPU pointer "budget": used after spin_unlock\(\)` */
}

/* p[i] after local_irq_restore() on a dynamically allocated per-CPU histogram. Flagged. */
void rx_hist_add(unsigned long __percpu *hist, unsigned int len)
{
	unsigned long *h;
	unsigned long flags;
	unsigned int bucket = len >> 7;

	local_irq_save(flags);
	h = this_cpu_ptr(hist);
	h[0]++;
	local_irq_restore(flags);
	if (bucket >= RX_HIST_BUCKETS)
		bucket = RX_HIST_BUCKETS - 1;
	h[bucket]++;	/* want `stale per-CPU pointer "h": used after local_irq_restore\(\)` */
}

/* Dereferenced after put_cpu_ptr() but inside a new preempt_disable(): still the old CPU's area. Flagged. */
void rx_count_repinned(struct rx_counters __percpu *pcpu)
{
	struct rx_counters *c = get_cpu_ptr(pcpu);

	c->packets++;
	put_cpu_ptr(pcpu);
	rx_refill(1);
	preempt_disable();
	c->drops++;	/* want `stale per-CPU pointer "c": used after put_cpu_ptr\(\)` */
	preempt_enable();
}

/* The pointer is recomputed under the new protection before use. Not flagged. */
void rx_count_recomputed(struct rx_counters __percpu *pcpu)
{
	struct rx_counters *c = get_cpu_ptr(pcpu);

	c->packets++;
	put_cpu_ptr(pcpu);
	rx_refill(1);
	c = get_cpu_ptr(pcpu);
	c->drops++;
	put_cpu_ptr(pcpu);
}

/* After the region the pointer is only printed. Not flagged. */
void rx_dequeue_trace(void)
{
	struct rx_queue *q;

	preempt_disable();
	q = this_cpu_ptr(&rx_backlog);
	q->head = q->tail;
	preempt_enable();
	pr_debug("rx: flushed backlog %p\n", q);
}

/* A copy of the pointer taken inside the region goes stale with it. Flagged. */
void rx_flush_copy(void)
{
	struct rx_queue *q, *backlog;

	preempt_disable();
	q = this_cpu_ptr(&rx_backlog);
	backlog = q;
	q->head = 0;
	preempt_enable();
	backlog->tail = 0;	/* want `stale per-CPU pointer "backlog": used after preempt_enable\(\)` */
}

/* Taken under spin_lock_bh(), dereferenced after spin_unlock_bh(). Flagged. */
void rx_drain_bh(void)
{
	struct rx_queue *q;
	void *skb;

	spin_lock_bh(&rx_lock);
	q = this_cpu_ptr(&rx_backlog);
	skb = q->skbs[q->tail % 64];
	spin_unlock_bh(&rx_lock);
	rx_process(skb);
	q->tail++;	/* want `stale per-CPU pointer "q": used after spin_unlock_bh\(\)` */
}

/* this_cpu_ptr() computed preemptible (flagged by percpu-preemptible): never protected, so not flagged by stale-cpu. */
void rx_drain_racy(void)
{
	struct rx_queue *q = this_cpu_ptr(&rx_backlog);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */

	preempt_disable();
	q->head = 0;
	preempt_enable();
	q->tail = 0;
}

/* raw_cpu_ptr() is a deliberate unprotected lookup, not a source. Not flagged. */
void rx_budget_hint(unsigned long n)
{
	unsigned long *budget = raw_cpu_ptr(&rx_budget);

	if (*budget > n)
		*budget -= n;
}

/* The pointer is replaced on one path only: stale on the other, still reported. Flagged. */
void rx_requeue(struct rx_queue *fallback, void *skb)
{
	struct rx_queue *q;
	unsigned int slot;

	preempt_disable();
	q = this_cpu_ptr(&rx_backlog);
	slot = q->head++ % 64;
	preempt_enable();
	if (fallback)
		q = fallback;
	q->skbs[slot] = skb;	/* want `stale per-CPU pointer "q": used after preempt_enable\(\)` */
}

/*
 * Read through after the protection ended, for a log message only
 * (kernel/sched/clock.c, __set_sched_clock_stable()): the message may show
 * another CPU's counters, which it tolerates. Not flagged; the same read
 * into a variable, whose value goes on, is.
 */
void rx_report(void)
{
	struct rx_counters *c;
	unsigned long drops;

	local_irq_disable();
	c = this_cpu_ptr(&rx_counters);
	c->packets++;
	local_irq_enable();

	printk(KERN_INFO "rx: %lu packets, %lu dropped\n", c->packets, c->drops);
	pr_debug("rx: %lu dropped\n", c->drops);
	drops = c->drops;	/* want `stale per-CPU pointer "c": used after local_irq_enable\(\)` */
	rx_refill(drops);
	printk(KERN_INFO "rx: %lu dropped\n", c->drops++);	/* want `stale per-CPU pointer "c": used after local_irq_enable\(\)` */
}
