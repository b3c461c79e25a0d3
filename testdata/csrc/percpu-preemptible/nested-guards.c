/*
 * Scope guards nest: the end of a scoped_guard() inside a function-wide
 * guard(preempt)() ends only its own protection (cut down from
 * try_to_wake_up(), kernel/sched/core.c, whose statistics run after the
 * scoped_guard() on p->pi_lock, still under guard(preempt)()).
 */
#include <linux/spinlock.h>
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/cleanup.h>

struct tsk {
	raw_spinlock_t pi_lock;
	int state;
};

static DEFINE_PER_CPU(unsigned long, nr_wakeups);

static void wake_stat(struct tsk *p)
{
	__this_cpu_inc(nr_wakeups);
}

/* Not flagged: preemption stays disabled after the scoped_guard() ends. */
int wake_task(struct tsk *p, int state)
{
	guard(preempt)();
	int success = 0;

	scoped_guard (raw_spinlock_irq, &p->pi_lock) {
		if (!(p->state & state))
			break;
		success = 1;
		p->state = 0;
	}
	if (success)
		wake_stat(p);
	return success;
}

/* Flagged: the guard's scope has ended when the statistics are counted. */
int wake_task_late(struct tsk *p, int state)
{
	int success = 0;

	scoped_guard (preempt) {
		scoped_guard (raw_spinlock_irq, &p->pi_lock) {
			success = p->state & state;
		}
	}
	__this_cpu_inc(nr_wakeups);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	return success;
}
