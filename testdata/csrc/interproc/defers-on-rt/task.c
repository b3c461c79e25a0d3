/*
 * A task's last reference dropped under a raw spinlock, in the shape of
 * drivers/tty/tty_ldsem.c's __ldsem_wake_readers(): on PREEMPT_RT,
 * put_task_struct() frees the task through call_rcu() unless
 * preemptible() (include/linux/sched/task.h), so the spinlock_t below
 * __put_task_struct() (io_uring's percpu_counter_destroy()) is not taken
 * under the raw lock there (kapi: DefersOnRT). A kernel configured
 * without PREEMPT_RT compiles only the branch that frees at once, which
 * is all the analysis sees.
 */
#include <linux/spinlock.h>

struct task_demo {
	int usage;
};

static DEFINE_SPINLOCK(counters_lock);

static void counter_destroy_demo(void)
{
	unsigned long flags;

	spin_lock_irqsave(&counters_lock, flags);
	spin_unlock_irqrestore(&counters_lock, flags);
}

void __put_task_struct(struct task_demo *t)
{
	counter_destroy_demo();
}

static inline void put_task_struct(struct task_demo *t)
{
	if (--t->usage == 0)
		__put_task_struct(t);
}

static DEFINE_RAW_SPINLOCK(wait_lock);

/* Not flagged: the put defers on PREEMPT_RT. */
void wake_readers_demo(struct task_demo *t)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&wait_lock, flags);
	put_task_struct(t);
	raw_spin_unlock_irqrestore(&wait_lock, flags);
}

/* Nor through a function between, as __ldsem_wake() calls it. */
static void wake_one_demo(struct task_demo *t)
{
	put_task_struct(t);
}

void wake_demo(struct task_demo *t)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&wait_lock, flags);
	wake_one_demo(t);
	raw_spin_unlock_irqrestore(&wait_lock, flags);
}

/* Flagged: destroying the counters has no such contract. */
void destroy_locked_demo(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&wait_lock, flags);
	counter_destroy_demo();	/* want "counter_destroy_demo\\(\\) takes a lock that sleeps on PREEMPT_RT" */
	raw_spin_unlock_irqrestore(&wait_lock, flags);
}
