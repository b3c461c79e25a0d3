/*
 * lock-owner: locks held or not as a value says. A helper that returns
 * holding a lock on some exits only is a conditional helper when the
 * values it returns tell the exits apart, as the kernel writes them: a
 * trylock (nonzero: held, 0: the lock was never taken), an interruptible
 * lock (0: held, an errno: not). Its callers, and kapi's trylocks and
 * interruptible locks, hold the lock on the branch that tests the value,
 * also through a variable. An errno returned holding a lock that the
 * success path released is an error path that forgot to unlock.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/list.h>

struct engine {
	spinlock_t lock;
	int queued;
};

struct gpu {
	struct engine *engine;
	struct mutex mutex;
	spinlock_t lock;
	atomic_t ref;
	struct list_head node;
	int busy;
};

extern int gpu_prepare(struct gpu *g);
static DEFINE_SPINLOCK(gpu_list_lock);

/* A trylock helper: nonzero with the lock, 0 without it. Not flagged. */
static int gpu_trylock(struct gpu *g)
{
	if (!spin_trylock(&g->lock))
		return 0;
	g->busy = 1;
	return 1;
}

/* Its caller takes the branch that holds the lock. Not flagged. */
void gpu_poke(struct gpu *g)
{
	if (gpu_trylock(g)) {
		g->busy = 0;
		spin_unlock(&g->lock);
	}
}

/* An interruptible lock helper: 0 with the mutex, an errno without. Not flagged. */
static int gpu_lock_interruptible(struct gpu *g)
{
	int ret = mutex_lock_interruptible(&g->mutex);

	if (ret)
		return ret;
	g->busy++;
	return 0;
}

/* Its caller tests the value through a variable. Not flagged. */
int gpu_reset(struct gpu *g)
{
	int ret;

	ret = gpu_lock_interruptible(g);
	if (ret)
		return ret;
	g->busy = 0;
	mutex_unlock(&g->mutex);
	return 0;
}

/* mutex_lock_killable() itself, through a variable. Not flagged. */
int gpu_flush(struct gpu *g)
{
	int err = mutex_lock_killable(&g->mutex);

	if (err)
		return err;
	g->busy = 0;
	mutex_unlock(&g->mutex);
	return 0;
}

/* The last reference drops under the list lock. Not flagged. */
void gpu_put(struct gpu *g)
{
	if (atomic_dec_and_lock(&g->ref, &gpu_list_lock)) {
		list_del(&g->node);
		spin_unlock(&gpu_list_lock);
	}
}

/* RCU read-side sections nest: the inner unlock does not end the outer one. Not flagged. */
int gpu_busy(struct gpu *g)
{
	int busy;

	rcu_read_lock();
	rcu_read_lock();
	busy = g->busy;
	rcu_read_unlock();
	busy += g->busy;
	rcu_read_unlock();
	return busy;
}

/* The lock taken through a local copy of the pointer, released through the original. Not flagged. */
void gpu_kick(struct gpu *g)
{
	struct engine *engine = g->engine;

	spin_lock(&engine->lock);
	engine->queued++;
	spin_unlock(&g->engine->lock);
}

/* The error path jumps past the unlock: the errno is returned with the lock held. Flagged. */
int gpu_submit(struct gpu *g)
{
	int err;

	spin_lock_bh(&g->lock);
	err = gpu_prepare(g);
	if (err)
		goto out;
	g->busy++;
	spin_unlock_bh(&g->lock);
out:
	return err;	/* want `returns with "g->lock" held \(taken by spin_lock_bh\(\) at line 127\); other paths to this return do not hold it` */
}
