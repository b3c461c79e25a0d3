/*
 * Helpers that disable interrupts pair with helpers that enable them
 * again, or restore what their caller saved, cut down from
 * kernel/softirq.c (ksoftirqd_run_begin(), ksoftirqd_run_end()),
 * kernel/sched (this_rq_lock_irq(), rq_unlock_irq()) and
 * kernel/sched/core.c (wake_up_new_task(): the task's pi_lock taken
 * with interrupts saved in its rq_flags, task_rq_unlock() restoring
 * them). Rescheduling after the pair is fine; between them, with
 * interrupts the only protection, it is not.
 */
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/completion.h>

struct task_demo {
	raw_spinlock_t pi_lock;
	int state;
	struct completion vfork_done;
};

struct rq_flags_demo {
	unsigned long flags;
};

static int pending_demo;

static inline void ksoftirqd_run_begin_demo(void)
{
	local_irq_disable();
}

static inline void ksoftirqd_run_end_demo(void)
{
	local_irq_enable();
}

void run_ksoftirqd_demo(unsigned int cpu)
{
	ksoftirqd_run_begin_demo();
	if (pending_demo) {
		pending_demo = 0;
		ksoftirqd_run_end_demo();
		cond_resched();
		return;
	}
	ksoftirqd_run_end_demo();
}

void run_ksoftirqd_early_demo(unsigned int cpu)
{
	ksoftirqd_run_begin_demo();
	cond_resched();	/* want "cond_resched\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	ksoftirqd_run_end_demo();
}

static void task_lock_demo(struct task_demo *p, struct rq_flags_demo *rf)
{
	raw_spin_lock_irqsave(&p->pi_lock, rf->flags);
}

static void task_unlock_demo(struct task_demo *p, struct rq_flags_demo *rf)
{
	raw_spin_unlock_irqrestore(&p->pi_lock, rf->flags);
}

void wake_up_new_task_demo(struct task_demo *p)
{
	struct rq_flags_demo rf;

	task_lock_demo(p, &rf);
	p->state = 1;
	task_unlock_demo(p, &rf);
}

void kernel_clone_demo(struct task_demo *p)
{
	wake_up_new_task_demo(p);
	wait_for_completion(&p->vfork_done);
}
