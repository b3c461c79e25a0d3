/*
 * On PREEMPT_RT an irq_work item runs in a per-CPU thread, interrupts
 * enabled, unless IRQ_WORK_INIT_HARD() made it hard (kernel/irq_work.c):
 * cut down from kernel/sched/topology.c's rto_push_work.
 */
#include <linux/spinlock.h>

struct irq_work {
	unsigned int flags;
	void (*func)(struct irq_work *);
};
#define IRQ_WORK_HARD_IRQ 4
#define __IRQ_WORK_INIT(_func, _flags) (struct irq_work){ .flags = (_flags), .func = (_func), }
#define IRQ_WORK_INIT_HARD(_func) __IRQ_WORK_INIT(_func, IRQ_WORK_HARD_IRQ)
void init_irq_work(struct irq_work *work, void (*func)(struct irq_work *));

struct root_domain {
	raw_spinlock_t rto_lock;
	spinlock_t stats_lock;
	struct irq_work rto_push_work;
	struct irq_work stats_work;
	int rto_cpu, pushes;
};

/* Hard on every kernel: interrupts are off, and a raw lock is right. */
static void rto_push_irq_work_func(struct irq_work *work)
{
	struct root_domain *rd = (struct root_domain *)work;

	raw_spin_lock(&rd->rto_lock);
	rd->rto_cpu = -1;
	raw_spin_unlock(&rd->rto_lock);
	spin_lock(&rd->stats_lock);	/* want "spin_lock\\(\\) takes \"rd->stats_lock\", a sleeping lock on PREEMPT_RT, where the context is atomic on every kernel" */
	rd->pushes++;
	spin_unlock(&rd->stats_lock);
}

/* A thread on PREEMPT_RT: a spinlock_t is fine there. */
static void stats_work_func(struct irq_work *work)
{
	struct root_domain *rd = (struct root_domain *)work;

	spin_lock(&rd->stats_lock);
	rd->pushes = 0;
	spin_unlock(&rd->stats_lock);
}

void init_rootdomain(struct root_domain *rd)
{
	rd->rto_push_work = IRQ_WORK_INIT_HARD(rto_push_irq_work_func);
	init_irq_work(&rd->stats_work, stats_work_func);
}
