/*
 * A helper that drops its caller's lock only on a path that never
 * returns (it sleeps forever once a deadlock is detected) hands the lock
 * back held on every return: the caller's unlock is its own (cut down
 * from rt_mutex_handle_deadlock() and rt_mutex_slowlock(),
 * kernel/locking/rtmutex.c). A helper that drops it and returns does
 * release it.
 */
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/errno.h>

struct rtm {
	raw_spinlock_t wait_lock;
	int owner;
};

int rtm_block(struct rtm *lock);

static void rtm_handle_deadlock(int res, struct rtm *lock)
{
	if (res != -EDEADLK)
		return;
	raw_spin_unlock_irq(&lock->wait_lock);
	while (1) {
		set_current_state(TASK_INTERRUPTIBLE);
		schedule();
	}
}

static int rtm_slowlock_locked(struct rtm *lock)
{
	int ret = rtm_block(lock);

	if (ret)
		rtm_handle_deadlock(ret, lock);
	return ret;
}

/* Not flagged: the lock comes back held from every return of the helpers. */
int rtm_slowlock(struct rtm *lock)
{
	unsigned long flags;
	int ret;

	raw_spin_lock_irqsave(&lock->wait_lock, flags);
	ret = rtm_slowlock_locked(lock);
	raw_spin_unlock_irqrestore(&lock->wait_lock, flags);
	return ret;
}

static void rtm_give_up(struct rtm *lock)
{
	lock->owner = 0;
	raw_spin_unlock_irq(&lock->wait_lock);
}

/* Flagged: rtm_give_up() has released the lock and returned. */
int rtm_trylock_once(struct rtm *lock)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&lock->wait_lock, flags);
	if (lock->owner)
		rtm_give_up(lock);
	raw_spin_unlock_irqrestore(&lock->wait_lock, flags);	/* want "releases \"lock->wait_lock\", which is not held on one way here" */
	return 0;
}
