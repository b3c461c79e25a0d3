/*
 * sleep-in-atomic: calls that may sleep (msleep, schedule, wait_event,
 * wait_for_completion, mutex_lock, down, copy_to_user, get_user, ...)
 * while preemption is disabled by a spinning lock, the preempt count, or
 * disabled bottom halves. The task would schedule away holding the CPU or
 * the lock. Busy-wait delays (udelay, mdelay) and the try-forms
 * (mutex_trylock, down_trylock) do not sleep. Where the only protection is
 * disabled interrupts the call is irqoff-resched's finding instead.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/preempt.h>
#include <linux/bottom_half.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/uaccess.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/jiffies.h>
#include <linux/errno.h>
#include <linux/threads.h>
#include <linux/types.h>

struct fw_dev {
	spinlock_t lock;
	rwlock_t cfg_lock;
	struct mutex io_mutex;
	struct semaphore cmd_sem;
	wait_queue_head_t wq;
	struct completion done;
	bool ready;
	u32 status;
	u32 regs[16];
};

static unsigned long fw_polls[NR_CPUS];

extern u32 fw_read_status(struct fw_dev *fw);
extern void fw_write_cmd(struct fw_dev *fw, u32 cmd);

/* Polling the firmware with msleep() under the device spinlock. Flagged. */
int fw_wait_ready(struct fw_dev *fw)
{
	int tries = 100;

	spin_lock(&fw->lock);
	while (!(fw_read_status(fw) & 1) && --tries)
		msleep(10);	/* want "msleep\\(\\) may sleep in atomic context" */
	spin_unlock(&fw->lock);
	return tries ? 0 : -ETIMEDOUT;
}

/* The same poll with udelay(): a busy wait, allowed under a spinlock. Not flagged. */
int fw_wait_ready_busy(struct fw_dev *fw)
{
	int tries = 100;

	spin_lock(&fw->lock);
	while (!(fw_read_status(fw) & 1) && --tries)
		udelay(10);
	spin_unlock(&fw->lock);
	return tries ? 0 : -ETIMEDOUT;
}

/* Drops the lock before sleeping and retakes it. Not flagged. */
int fw_wait_ready_unlocked(struct fw_dev *fw)
{
	int tries = 100;

	spin_lock(&fw->lock);
	while (!(fw_read_status(fw) & 1) && --tries) {
		spin_unlock(&fw->lock);
		msleep(10);
		spin_lock(&fw->lock);
	}
	spin_unlock(&fw->lock);
	return tries ? 0 : -ETIMEDOUT;
}

/* spin_lock_irqsave() holds a spinning lock: sleep-in-atomic, not irqoff-resched. Flagged. */
void fw_reset(struct fw_dev *fw)
{
	unsigned long flags;

	spin_lock_irqsave(&fw->lock, flags);
	fw_write_cmd(fw, 0xdead);
	usleep_range(100, 200);	/* want "usleep_range\\(\\) may sleep in atomic context" */
	fw_write_cmd(fw, 0);
	spin_unlock_irqrestore(&fw->lock, flags);
}

/* mdelay() with interrupts off and the lock held: busy-waits. Not flagged. */
void fw_reset_busy(struct fw_dev *fw)
{
	unsigned long flags;

	spin_lock_irqsave(&fw->lock, flags);
	fw_write_cmd(fw, 0xdead);
	mdelay(1);
	fw_write_cmd(fw, 0);
	spin_unlock_irqrestore(&fw->lock, flags);
}

/* Taking the I/O mutex inside the spinlock. Flagged. */
void fw_send(struct fw_dev *fw, u32 cmd)
{
	spin_lock(&fw->lock);
	mutex_lock(&fw->io_mutex);	/* want "mutex_lock\\(\\) may sleep in atomic context" */
	fw_write_cmd(fw, cmd);
	mutex_unlock(&fw->io_mutex);
	spin_unlock(&fw->lock);
}

/* Mutex first, spinlock inside it: the documented order. Not flagged. */
void fw_send_ordered(struct fw_dev *fw, u32 cmd)
{
	mutex_lock(&fw->io_mutex);
	spin_lock(&fw->lock);
	fw_write_cmd(fw, cmd);
	spin_unlock(&fw->lock);
	mutex_unlock(&fw->io_mutex);
}

/* mutex_trylock() never sleeps. Not flagged. */
int fw_try_send(struct fw_dev *fw, u32 cmd)
{
	int ret = -EBUSY;

	spin_lock(&fw->lock);
	if (mutex_trylock(&fw->io_mutex)) {
		fw_write_cmd(fw, cmd);
		mutex_unlock(&fw->io_mutex);
		ret = 0;
	}
	spin_unlock(&fw->lock);
	return ret;
}

/* down() on the command semaphore under the config rwlock. Flagged. */
void fw_cmd_locked(struct fw_dev *fw, u32 cmd)
{
	read_lock(&fw->cfg_lock);
	down(&fw->cmd_sem);	/* want "down\\(\\) may sleep in atomic context" */
	fw_write_cmd(fw, cmd);
	up(&fw->cmd_sem);
	read_unlock(&fw->cfg_lock);
}

/* wait_event() under write_lock(). Flagged. */
void fw_wait_event_locked(struct fw_dev *fw)
{
	write_lock(&fw->cfg_lock);
	wait_event(fw->wq, fw->ready);	/* want "wait_event\\(\\) may sleep in atomic context" */
	fw->status = 0;
	write_unlock(&fw->cfg_lock);
}

/* wait_for_completion_timeout() with bottom halves disabled. Flagged. */
int fw_wait_done_bh(struct fw_dev *fw)
{
	unsigned long left;

	local_bh_disable();
	left = wait_for_completion_timeout(&fw->done, HZ);	/* want "wait_for_completion_timeout\\(\\) may sleep in atomic context" */
	local_bh_enable();
	return left ? 0 : -ETIMEDOUT;
}

/* copy_to_user() between get_cpu() and put_cpu(): a page fault may sleep. Flagged. */
int fw_read_polls(unsigned long __user *ubuf)
{
	int cpu = get_cpu();
	int ret = 0;

	fw_polls[cpu]++;
	if (copy_to_user(ubuf, &fw_polls[cpu], sizeof(fw_polls[cpu])))	/* want "copy_to_user\\(\\) may sleep in atomic context" */
		ret = -EFAULT;
	put_cpu();
	return ret;
}

/* The value copied out after put_cpu(). Not flagged. */
int fw_read_polls_fixed(unsigned long __user *ubuf)
{
	unsigned long val;
	int cpu = get_cpu();

	val = ++fw_polls[cpu];
	put_cpu();
	if (copy_to_user(ubuf, &val, sizeof(val)))
		return -EFAULT;
	return 0;
}

/* get_user() under preempt_disable(). Flagged. */
int fw_set_reg(struct fw_dev *fw, unsigned int idx, const u32 __user *uval)
{
	int ret;

	preempt_disable();
	ret = get_user(fw->regs[idx & 15], uval);	/* want "get_user\\(\\) may sleep in atomic context" */
	preempt_enable();
	return ret;
}

/* might_sleep() and schedule_timeout_uninterruptible() in a nested preempt_disable() region. Flagged at both. */
void fw_settle(struct fw_dev *fw)
{
	preempt_disable();
	fw_write_cmd(fw, 1);
	preempt_disable();
	might_sleep();	/* want "might_sleep\\(\\) may sleep in atomic context" */
	preempt_enable();
	schedule_timeout_uninterruptible(1);	/* want "schedule_timeout_uninterruptible\\(\\) may sleep in atomic context" */
	preempt_enable();
}

/* cond_resched() with the preempt count raised. Flagged. */
void fw_poll_all(struct fw_dev *devs, int n)
{
	int i;

	preempt_disable();
	for (i = 0; i < n; i++) {
		fw_read_status(&devs[i]);
		cond_resched();	/* want "cond_resched\\(\\) may sleep in atomic context" */
	}
	preempt_enable();
}

/* The classic wait: set the state, drop the lock, schedule, retake. Not flagged. */
void fw_wait_status(struct fw_dev *fw, u32 want)
{
	spin_lock(&fw->lock);
	while (fw->status != want) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock(&fw->lock);
		schedule();
		spin_lock(&fw->lock);
	}
	__set_current_state(TASK_RUNNING);
	spin_unlock(&fw->lock);
}

/* schedule_timeout() called before dropping the lock. Flagged. */
void fw_wait_status_locked(struct fw_dev *fw, u32 want)
{
	spin_lock(&fw->lock);
	while (fw->status != want) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_timeout(HZ / 10);	/* want "schedule_timeout\\(\\) may sleep in atomic context" */
	}
	__set_current_state(TASK_RUNNING);
	spin_unlock(&fw->lock);
}

/* Sleeping after local_irq_restore(): interrupts are back on. Not flagged. */
void fw_kick_then_wait(struct fw_dev *fw)
{
	unsigned long flags;

	local_irq_save(flags);
	fw_write_cmd(fw, 2);
	local_irq_restore(flags);
	msleep(5);
}

/* Only interrupts are off: flagged by irqoff-resched, not by sleep-in-atomic. */
void fw_kick_irqoff_wait(struct fw_dev *fw)
{
	unsigned long flags;

	local_irq_save(flags);
	fw_write_cmd(fw, 2);
	msleep(5);	/* want "msleep\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_restore(flags);
}

/* msleep_interruptible() and ssleep() after the lock is dropped. Not flagged. */
void fw_backoff(struct fw_dev *fw, bool long_wait)
{
	spin_lock(&fw->lock);
	fw->ready = false;
	spin_unlock(&fw->lock);
	if (long_wait)
		ssleep(1);
	else
		msleep_interruptible(20);
}

struct fw_iter {
	bool user_backed;
	size_t count;
};

/*
 * A copy into an iterator: when it is backed by user memory the copy can
 * fault, and a page fault sleeps; might_fault() says so (lib/iov_iter.c's
 * _copy_to_iter()).
 */
static size_t fw_copy_to_iter(struct fw_iter *it, size_t len)
{
	if (it->user_backed)
		might_fault();
	it->count -= len;
	return len;
}

/* The copy out made under the device lock (sg's teardown, through blk_rq_unmap_user()). Flagged. */
void fw_drain(struct fw_dev *fw, struct fw_iter *it)
{
	spin_lock(&fw->lock);
	fw_copy_to_iter(it, 4);	/* want "fw_copy_to_iter\\(\\) may sleep in atomic context \\(it calls might_fault\\(\\)\\)" */
	fw->ready = false;
	spin_unlock(&fw->lock);
}
