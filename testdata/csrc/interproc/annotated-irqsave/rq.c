/*
 * interproc: a helper annotated as taking a lock (__acquires()) that
 * disables interrupts itself before it calls another file's lock
 * function, cut down from kernel/sched/sched.h: rq_lock_irqsave() takes
 * rq->lock through _raw_spin_rq_lock_irqsave(), which does
 * local_irq_save() and then raw_spin_rq_lock(). The annotated lock is of
 * no known kind and says nothing of interrupts: the helper leaves them
 * disabled, so the CPU id read under it is stable
 * (kernel/sched/fair.c __sched_group_set_shares() -> ... ->
 * resched_curr()). The same helper without local_irq_save() protects
 * nothing the analysis sees.
 */
#include <linux/irqflags.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

struct rq_demo {
	raw_spinlock_t __lock;
	int cpu;
};

struct rq_flags_demo {
	unsigned long flags;
};

void raw_spin_rq_lock_nested_demo(struct rq_demo *rq, int subclass);
void raw_spin_rq_unlock_demo(struct rq_demo *rq);

static inline unsigned long _raw_spin_rq_lock_irqsave_demo(struct rq_demo *rq)
{
	unsigned long flags;

	local_irq_save(flags);
	raw_spin_rq_lock_nested_demo(rq, 0);
	return flags;
}

#define raw_spin_rq_lock_irqsave_demo(rq, flags)	\
do {							\
	flags = _raw_spin_rq_lock_irqsave_demo(rq);	\
} while (0)

static inline void rq_lock_irqsave_demo(struct rq_demo *rq, struct rq_flags_demo *rf)
	__acquires(rq->lock)
{
	raw_spin_rq_lock_irqsave_demo(rq, rf->flags);
}

static inline void rq_unlock_irqrestore_demo(struct rq_demo *rq, struct rq_flags_demo *rf)
	__releases(rq->lock)
{
	raw_spin_rq_unlock_demo(rq);
	local_irq_restore(rf->flags);
}

static inline void rq_lock_demo(struct rq_demo *rq)
	__acquires(rq->lock)
{
	raw_spin_rq_lock_nested_demo(rq, 0);
}

static inline void rq_unlock_demo(struct rq_demo *rq)
	__releases(rq->lock)
{
	raw_spin_rq_unlock_demo(rq);
}

static DEFINE_MUTEX(shares_mutex_demo);

static void resched_curr_demo(struct rq_demo *rq)
{
	rq->cpu = smp_processor_id();
}

static void resched_other_demo(struct rq_demo *rq)
{
	rq->cpu = smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

int set_shares_demo(struct rq_demo *rq)
{
	struct rq_flags_demo rf;

	mutex_lock(&shares_mutex_demo);
	rq_lock_irqsave_demo(rq, &rf);
	resched_curr_demo(rq);
	rq_unlock_irqrestore_demo(rq, &rf);
	rq_lock_demo(rq);
	resched_other_demo(rq);
	rq_unlock_demo(rq);
	mutex_unlock(&shares_mutex_demo);
	return 0;
}
