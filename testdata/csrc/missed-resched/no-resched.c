/*
 * missed-resched: preempt-locking.rst, "Solution": preempt_enable_no_resched()
 * "decrement, but do not immediately preempt"; preempt_check_resched() "if
 * needed, reschedule". A reschedule request that arrived while preemption
 * was off is only honoured at the next check, so outside the scheduler a
 * preempt_enable_no_resched() (or sched_preempt_enable_no_resched()) must
 * be followed, on every path to a return, by preempt_check_resched(),
 * preempt_enable() or schedule(). Reported at the no_resched call, with
 * " on some paths" when only some paths have the check. Paths ending in
 * BUG() do not count. Every function here is balanced for
 * preempt-imbalance.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/types.h>

struct softnet_stats {
	unsigned long processed;
	unsigned long dropped;
	unsigned long squeezed;
};

DEFINE_PER_CPU(struct softnet_stats, sn_stats);
DEFINE_PER_CPU(unsigned int, sn_budget);

extern bool sn_work_pending(void);
extern int sn_poll_one(void);
extern void sn_raise_softirq(void);

/* preempt_check_resched() right after. Not flagged. */
void sn_account(unsigned long n)
{
	preempt_disable();
	__this_cpu_add(sn_stats.processed, n);
	preempt_enable_no_resched();
	preempt_check_resched();
}

/* Returns right after: a pending reschedule waits for the next preemption point. Flagged. */
int sn_account_ret(unsigned long n)
{
	preempt_disable();
	__this_cpu_add(sn_stats.processed, n);
	preempt_enable_no_resched();	/* want "preempt_enable_no_resched\\(\\) is not followed by a reschedule check$" */
	return 0;
}

/* Falls off the end with no check. Flagged. */
void sn_drop(void)
{
	preempt_disable();
	__this_cpu_inc(sn_stats.dropped);
	preempt_enable_no_resched();	/* want "preempt_enable_no_resched\\(\\) is not followed by a reschedule check$" */
	sn_raise_softirq();
}

/* The idle-loop shape: enable without resched because schedule() comes next. Not flagged. */
void sn_wait_for_work(void)
{
	preempt_disable();
	while (!sn_work_pending()) {
		set_current_state(TASK_INTERRUPTIBLE);
		preempt_enable_no_resched();
		schedule();
		preempt_disable();
	}
	__set_current_state(TASK_RUNNING);
	preempt_enable();
}

/* A later preempt_disable()/preempt_enable() pair performs the check. Not flagged. */
void sn_account_then_squeeze(unsigned long n)
{
	preempt_disable();
	__this_cpu_add(sn_stats.processed, n);
	preempt_enable_no_resched();
	sn_raise_softirq();
	preempt_disable();
	__this_cpu_inc(sn_stats.squeezed);
	preempt_enable();
}

/* The inner enable skips the check; the outer preempt_enable() does it. Not flagged. */
void sn_account_nested(unsigned long n)
{
	preempt_disable();
	__this_cpu_add(sn_stats.processed, n);
	preempt_disable();
	__this_cpu_inc(sn_stats.squeezed);
	preempt_enable_no_resched();
	preempt_enable();
}

/* The check is made in one branch only. Flagged on some paths. */
int sn_poll(void)
{
	int done;

	preempt_disable();
	done = sn_poll_one();
	__this_cpu_add(sn_stats.processed, done);
	preempt_enable_no_resched();	/* want "preempt_enable_no_resched\\(\\) is not followed by a reschedule check on some paths" */
	if (done > 0)
		preempt_check_resched();
	return done;
}

/* The check in both branches. Not flagged. */
int sn_poll_both(void)
{
	int done;

	preempt_disable();
	done = sn_poll_one();
	if (done > 0)
		__this_cpu_add(sn_stats.processed, done);
	preempt_enable_no_resched();
	if (done > 0) {
		sn_raise_softirq();
		preempt_check_resched();
	} else {
		preempt_check_resched();
	}
	return done;
}

/* The error path returns before the check. Flagged on some paths. */
int sn_poll_checked(void)
{
	int done;

	preempt_disable();
	done = sn_poll_one();
	preempt_enable_no_resched();	/* want "preempt_enable_no_resched\\(\\) is not followed by a reschedule check on some paths" */
	if (done < 0)
		return -EIO;
	preempt_check_resched();
	return done;
}

/* The path that skips the check ends in BUG(). Not flagged. */
int sn_poll_strict(void)
{
	int done;

	preempt_disable();
	done = sn_poll_one();
	preempt_enable_no_resched();
	if (done < 0)
		BUG();
	preempt_check_resched();
	return done;
}

/* One no_resched per iteration, no check after the loop. Flagged. */
void sn_poll_loop(int budget)
{
	while (budget-- > 0) {
		preempt_disable();
		__this_cpu_add(sn_stats.processed, sn_poll_one());
		preempt_enable_no_resched();	/* want "preempt_enable_no_resched\\(\\) is not followed by a reschedule check$" */
	}
}

/* The same loop with one check after it. Not flagged. */
void sn_poll_loop_checked(int budget)
{
	while (budget-- > 0) {
		preempt_disable();
		__this_cpu_add(sn_stats.processed, sn_poll_one());
		preempt_enable_no_resched();
	}
	preempt_check_resched();
}

/* sched_preempt_enable_no_resched() is the same for this rule. Flagged. */
void sn_budget_reset(void)
{
	preempt_disable();
	__this_cpu_write(sn_budget, 300);
	sched_preempt_enable_no_resched();	/* want "sched_preempt_enable_no_resched\\(\\) is not followed by a reschedule check$" */
}

/* sched_preempt_enable_no_resched() followed by schedule(). Not flagged. */
void sn_budget_reset_yield(void)
{
	preempt_disable();
	__this_cpu_write(sn_budget, 300);
	sched_preempt_enable_no_resched();
	schedule();
}

/* A switch where one case forgets the check. Flagged on some paths. */
void sn_account_kind(int kind)
{
	preempt_disable();
	__this_cpu_inc(sn_stats.processed);
	preempt_enable_no_resched();	/* want "preempt_enable_no_resched\\(\\) is not followed by a reschedule check on some paths" */
	switch (kind) {
	case 0:
		preempt_check_resched();
		break;
	case 1:
		schedule();
		break;
	default:
		break;
	}
}

/* A goto to a common exit that performs the check. Not flagged. */
int sn_poll_goto(void)
{
	int done;

	preempt_disable();
	done = sn_poll_one();
	preempt_enable_no_resched();
	if (done < 0)
		goto out;
	preempt_disable();
	__this_cpu_add(sn_stats.processed, done);
	preempt_enable();
	return done;
out:
	preempt_check_resched();
	return done;
}
