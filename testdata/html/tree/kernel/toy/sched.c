/*
 * A toy scheduler: a per-CPU run counter read through a helper that one
 * caller calls with preemption enabled (the path crosses three functions
 * and two files), and a sleep under the runqueue lock.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/slab.h>

struct toy_rq {
	spinlock_t lock;
	void *buf;
};

DEFINE_PER_CPU(unsigned long, toy_runs);

int toy_tick_helper(void);

static unsigned long *toy_runs_here(void)
{
	return this_cpu_ptr(&toy_runs);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */
}

/* Pinned caller: safe. */
void toy_tick(void)
{
	preempt_disable();
	(*toy_runs_here())++;
	preempt_enable();
}

/* Preemptible caller: the reason the helper is reported. */
unsigned long toy_peek(void)
{
	return *toy_runs_here();
}

int toy_resize(struct toy_rq *rq)
{
	spin_lock(&rq->lock);
	rq->buf = kmalloc(64, GFP_KERNEL);	/* want "kmalloc\\(\\) may sleep in atomic context" */
	spin_unlock(&rq->lock);
	return rq->buf ? 0 : -ENOMEM;
}
