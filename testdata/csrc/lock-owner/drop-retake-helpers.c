/*
 * A function that drops its caller's lock through helpers and takes it
 * back (rq_unlock(rq); ...; rq_lock(rq)) is entered holding it: its
 * early returns, which never touch the lock, hold it too (cut down from
 * push_rt_task(), kernel/sched/rt.c, with raw_spin_rq_unlock() and
 * raw_spin_rq_lock(), which unlocks rq_lockp(rq)). A function that takes
 * the lock through a helper and forgets it on one return is still
 * reported.
 */
#include <linux/spinlock.h>
#include <linux/preempt.h>
#include "rq-lock.h"

void stop_cpu_nowait(int cpu);

static void rq_lock(struct rq *rq)
{
	raw_spin_lock(&rq->__lock);
}

/* The lock passed through an accessor is the member it returns. */
static void rq_unlock(struct rq *rq)
{
	raw_spin_unlock(rq_lockp(rq));
}

/* Not flagged: every return holds the caller's lock. */
int push_task(struct rq *rq, int busy)
{
	if (!rq->overloaded)
		return 0;
	if (busy) {
		preempt_disable();
		rq_unlock(rq);
		stop_cpu_nowait(rq->cpu);
		preempt_enable();
		rq_lock(rq);
		return 0;
	}
	return 1;
}

/* Flagged: the lock it takes is left held on one return only. */
void pull_task(struct rq *rq, int busy)
{
	rq_lock(rq);
	if (busy)
		return;	/* want "returns with \"rq->__lock\" held" */
	rq->overloaded = 0;
	rq_unlock(rq);
}

/* Flagged: taken by name, released through the accessor on one path only. */
void rq_balance(struct rq *rq, int busy)
{
	raw_spin_lock(&rq->__lock);
	if (busy)
		return;	/* want "returns with \"rq->__lock\" held" */
	rq->cpu = 0;
	raw_spin_unlock(rq_lockp(rq));
}
