/*
 * A unit that includes .c files checks their functions as its own: kbuild
 * compiles kernel/sched/rt.c and deadline.c only through build_policy.c,
 * and kernel/locking/rtmutex.c only through rtmutex_api.c. rt_part.c is
 * empty on its own (as rtmutex.c is without RT_MUTEX_BUILD_MUTEX).
 */
#define BUILD_POLICY 1

#include <linux/spinlock.h>
#include <linux/percpu.h>
#include <linux/preempt.h>

struct rq {
	raw_spinlock_t lock;
	int nr_running;
};

#include "rt_part.c"

/* Not flagged: the statistics are counted with preemption disabled. */
void policy_tick(struct rq *rq)
{
	preempt_disable();
	rt_account(rq);
	preempt_enable();
}
