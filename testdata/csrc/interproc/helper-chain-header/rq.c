/*
 * interproc: header helpers that a header helper calls count as the
 * file's calls do, cut down from kernel/sched/sched.h: a file that calls
 * rq_lock_irqsave() alone still sees what rq_pin_lock() and
 * _raw_spin_rq_lock_irqsave() do, below it. Here the lock is taken two
 * helpers down; the CPU id read under it is stable.
 */
#include <linux/mutex.h>
#include <linux/smp.h>
#include "rq.h"

static DEFINE_MUTEX(shares_demo);

static void resched_curr_demo(struct rq_demo *rq)
{
	rq->cpu = smp_processor_id();
}

int set_shares_demo(struct rq_demo *rq)
{
	mutex_lock(&shares_demo);
	rq_lock_demo(rq);
	resched_curr_demo(rq);
	rq_unlock_demo(rq);
	mutex_unlock(&shares_demo);
	return 0;
}
