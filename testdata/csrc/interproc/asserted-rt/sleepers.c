/* The queue: its lock is a spinlock_t, which sleeps on PREEMPT_RT. */
#include <linux/spinlock.h>
#include <linux/lockdep.h>

#include "sleepers.h"

static DEFINE_SPINLOCK(sleepers_lock_demo);
static int queued_demo;

static void queue_task_demo(unsigned int token)
{
	spin_lock(&sleepers_lock_demo);
	queued_demo += token;
	spin_unlock(&sleepers_lock_demo);
}

void task_wait_schedule_demo(unsigned int token)
{
	lockdep_assert_irqs_disabled();
	queue_task_demo(token);
}

int async_pf_enabled_demo;

int __handle_async_pf_demo(unsigned int token)
{
	if (!token)
		return 0;
	task_wait_schedule_demo(token);
	return 1;
}
