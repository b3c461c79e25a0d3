/*
 * lock-owner: sparse's context annotations on the function definition.
 * __acquires(x): the function may return holding x. __releases(x): x is
 * held on entry, releasing it (and returning without it) is the point.
 * __must_hold(x): x is held on entry and on return; dropping and retaking
 * it inside is fine. Without an annotation a lock/unlock helper is
 * reported like any other function. The annotation may name the lock with
 * or without '&'.
 */
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/errno.h>
#include <linux/types.h>

struct dev_ring {
	raw_spinlock_t lock;
	spinlock_t stats_lock;
	unsigned int head;
	unsigned int tail;
	unsigned long kicks;
	void *slots[256];
};

extern void dev_ring_kick_hw(struct dev_ring *r);
extern bool dev_ring_hw_busy(struct dev_ring *r);

/* A lock helper that says so. Not flagged. */
void dev_ring_lock(struct dev_ring *r)
	__acquires(&r->lock)
{
	raw_spin_lock(&r->lock);
}

/* Its unlock helper, also annotated. Not flagged. */
void dev_ring_unlock(struct dev_ring *r)
	__releases(&r->lock)
{
	raw_spin_unlock(&r->lock);
}

/* A caller of the annotated helpers. Not flagged. */
void dev_ring_put(struct dev_ring *r, void *p)
{
	dev_ring_lock(r);
	r->slots[r->head++ % 256] = p;
	dev_ring_unlock(r);
}

/*
 * The same lock helper without __acquires(): it returns holding the lock on
 * every path, a summary its callers apply, not a finding. Not flagged.
 */
void dev_ring_lock_stats(struct dev_ring *r)
{
	spin_lock(&r->stats_lock);
}

/* The matching unlock helper without __releases(): it never takes the lock it releases. Not flagged. */
void dev_ring_unlock_stats(struct dev_ring *r)
{
	spin_unlock(&r->stats_lock);
}

/* The annotation written without '&'. Not flagged. */
void dev_ring_lock_stats_annotated(struct dev_ring *r)
	__acquires(r->stats_lock)
{
	spin_lock(&r->stats_lock);
}

/* __releases() without '&', on a helper that drops the lock after a last update. Not flagged. */
void dev_ring_unlock_stats_annotated(struct dev_ring *r)
	__releases(r->stats_lock)
{
	r->kicks++;
	spin_unlock(&r->stats_lock);
}

/* Called with the lock held, returns with it held. Not flagged. */
static unsigned int __dev_ring_used(struct dev_ring *r)
	__must_hold(&r->lock)
{
	return r->head - r->tail;
}

/* Called with the lock held; drops it around the slow hardware wait and retakes it. Not flagged. */
static void __dev_ring_wait_hw(struct dev_ring *r)
	__must_hold(&r->lock)
{
	while (dev_ring_hw_busy(r)) {
		raw_spin_unlock(&r->lock);
		cpu_relax();
		raw_spin_lock(&r->lock);
	}
}

/* Holds the lock around both __must_hold helpers. Not flagged. */
int dev_ring_flush(struct dev_ring *r)
{
	int ret = 0;

	raw_spin_lock(&r->lock);
	if (!__dev_ring_used(r)) {
		ret = -ENODATA;
		goto out;
	}
	__dev_ring_wait_hw(r);
	dev_ring_kick_hw(r);
	r->tail = r->head;
out:
	raw_spin_unlock(&r->lock);
	return ret;
}

/*
 * __acquires() covers r->lock only; the stats lock is held at every return
 * too: a lock helper for both. Not flagged.
 */
void dev_ring_lock_counted(struct dev_ring *r)
	__acquires(&r->lock)
{
	spin_lock(&r->stats_lock);
	r->kicks++;
	raw_spin_lock(&r->lock);
}
