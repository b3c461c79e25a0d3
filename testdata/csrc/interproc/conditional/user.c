#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/errno.h>
#include <asm/fpu/api.h>

struct pool {
	spinlock_t lock;
	struct mutex mutex;
	int free;
};

int pool_trylock(struct pool *p);
int pool_lock_killable(struct pool *p);
void pool_wait(struct pool *p);
void pool_yield(void);
void pool_fpu_break(void);
int pool_ready(struct pool *p);

/* The trylock helper's branch holds the lock. Not flagged. */
void pool_poke(struct pool *p)
{
	if (pool_trylock(p)) {
		p->free++;
		spin_unlock(&p->lock);
	}
}

/* The killable helper's value tested through a variable. Not flagged. */
int pool_take(struct pool *p)
{
	int err = pool_lock_killable(p);

	if (err)
		return err;
	p->free--;
	mutex_unlock(&p->mutex);
	return 0;
}

/* An error path that returns with the helper's mutex held. Flagged. */
int pool_take_checked(struct pool *p)
{
	int err = pool_lock_killable(p);

	if (err)
		return err;
	if (!pool_ready(p))
		return -EAGAIN;	/* want `returns with "p->mutex" held \(taken by pool_lock_killable\(\) at line 44\); the return at line 47 does not hold it` */
	mutex_unlock(&p->mutex);
	return 0;
}

/* The drop helper sleeps with the caller's lock released. Not flagged. */
void pool_drain(struct pool *p)
{
	spin_lock(&p->lock);
	while (!p->free)
		pool_wait(p);
	spin_unlock(&p->lock);
}

/* The yield helper gives the count back. Not flagged. */
void pool_spin(struct pool *p)
{
	preempt_disable();
	pool_yield();
	preempt_enable();
}

/* The FPU helper ends and restarts the section. Not flagged. */
void pool_simd(struct pool *p)
{
	kernel_fpu_begin();
	pool_fpu_break();
	kernel_fpu_end();
}
