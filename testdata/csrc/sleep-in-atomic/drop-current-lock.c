/*
 * sleep-in-atomic: a lock reached through a local copy of current's
 * member is the lock current->member names. Cut down from
 * kernel/signal.c: get_signal() takes sighand->siglock, sighand being
 * current->sighand, and calls do_signal_stop(), which is annotated
 * __releases(&current->sighand->siglock), drops it and sleeps. Not
 * flagged; a sleep before the drop is.
 */
#include <linux/sched.h>
#include <linux/spinlock.h>

struct sighand_demo {
	spinlock_t siglock;
	int stop;
};

struct task_struct {
	struct sighand_demo *sighand;
};

static int do_signal_stop_demo(int signr)
	__releases(&current->sighand->siglock)
{
	struct sighand_demo *sighand = current->sighand;

	sighand->stop = signr;
	spin_unlock_irq(&current->sighand->siglock);
	schedule();
	return 1;
}

static int stop_after_sleep(void)
	__releases(&current->sighand->siglock)
{
	schedule();
	spin_unlock_irq(&current->sighand->siglock);
	return 0;
}

int get_signal_demo(int signr)
{
	struct sighand_demo *sighand = current->sighand;

	spin_lock_irq(&sighand->siglock);
	if (signr > 1)
		return do_signal_stop_demo(signr);
	return stop_after_sleep(); /* want "stop_after_sleep\\(\\) may sleep in atomic context" */
}
