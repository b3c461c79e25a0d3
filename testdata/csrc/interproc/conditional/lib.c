/*
 * interproc: helpers in one file whose effect their callers in another
 * file apply: conditional lock helpers (told apart by the value they
 * return), and helpers that drop their caller's lock, preemption or FPU
 * section around a sleep and take it back. Silent; a caller that misuses
 * them is reported in its own file.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include <asm/fpu/api.h>

struct pool {
	spinlock_t lock;
	struct mutex mutex;
	int free;
};

int pool_ready(struct pool *p)
{
	return p->free > 0;
}

/* nonzero with pool->lock held. */
int pool_trylock(struct pool *p)
{
	if (!spin_trylock(&p->lock))
		return 0;
	return 1;
}

/* 0 with pool->mutex held, an errno without. */
int pool_lock_killable(struct pool *p)
{
	int err = mutex_lock_killable(&p->mutex);

	if (err)
		return err;
	p->free--;
	return 0;
}

/* Drops the caller's lock around a sleep. */
void pool_wait(struct pool *p)
	__must_hold(&p->lock)
{
	spin_unlock(&p->lock);
	msleep(1);
	spin_lock(&p->lock);
}

/* Gives up the caller's preempt count around schedule(). */
void pool_yield(void)
{
	preempt_enable();
	schedule();
	preempt_disable();
}

/* Ends the caller's FPU section around a reschedule. */
void pool_fpu_break(void)
{
	kernel_fpu_end();
	cond_resched();
	kernel_fpu_begin();
}
