/*
 * lock-owner: spinning locks taken and released in the same function
 * (preempt-locking.rst RULE #3, "acquire and release the task in the same
 * code path"). Reported: a return that holds a lock other returns (or other
 * paths to it) do not, when the values returned do not tell them apart; a
 * release of a lock already released, or of one the function takes on
 * other paths but not on this one; an acquire of a lock already held on
 * every path. A function that returns holding a lock on every path, or
 * releases one it never takes, is a helper: not reported. A lock is named
 * by its expression without the leading '&', so "&src->lock" and
 * "&dst->lock" are different locks.
 */
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/errno.h>
#include <linux/types.h>

struct work_item {
	struct list_head node;
	unsigned int prio;
};

struct work_queue {
	spinlock_t lock;
	struct list_head items;
	unsigned int nr;
	unsigned int max;
	unsigned long overruns;
	bool dead;
};

extern void work_item_run(struct work_item *w);
extern bool work_item_ready(struct work_item *w);

/* Taken and released once. Not flagged. */
void wq_push(struct work_queue *q, struct work_item *w)
{
	spin_lock(&q->lock);
	list_add_tail(&w->node, &q->items);
	q->nr++;
	spin_unlock(&q->lock);
}

/* The empty-queue path returns with the lock held. Flagged at that return. */
struct work_item *wq_pop(struct work_queue *q)
{
	struct work_item *w;

	spin_lock(&q->lock);
	if (list_empty(&q->items))
		return NULL;	/* want `returns with "q->lock" held \(taken by spin_lock\(\) at line 49\)` */
	w = list_first_entry(&q->items, struct work_item, node);
	list_del(&w->node);
	q->nr--;
	spin_unlock(&q->lock);
	return w;
}

/* Error paths jump to one unlock in a cleanup label. Not flagged. */
int wq_push_checked(struct work_queue *q, struct work_item *w)
{
	int ret = 0;

	spin_lock(&q->lock);
	if (q->dead) {
		ret = -ENODEV;
		goto out_unlock;
	}
	if (q->nr >= q->max) {
		q->overruns++;
		ret = -ENOSPC;
		goto out_unlock;
	}
	list_add_tail(&w->node, &q->items);
	q->nr++;
out_unlock:
	spin_unlock(&q->lock);
	return ret;
}

/*
 * A goto to a label placed after the unlock: the return is reached with
 * the lock held on the error path only, and the value it returns (an
 * errno there, 0 on the path that unlocked) does not make it a
 * conditional helper: the error path forgot to unlock. Flagged at the
 * return.
 */
int wq_push_leaky(struct work_queue *q, struct work_item *w)
{
	int ret = 0;

	spin_lock(&q->lock);
	if (q->dead) {
		ret = -ENODEV;
		goto out;
	}
	list_add_tail(&w->node, &q->items);
	q->nr++;
	spin_unlock(&q->lock);
out:
	return ret;	/* want `returns with "q->lock" held \(taken by spin_lock\(\) at line 92\); other paths to this return do not hold it` */
}

/*
 * Never released: it returns holding the lock on every path, a lock helper
 * whose callers must release it. Not flagged.
 */
void wq_mark_dead(struct work_queue *q)
{
	spin_lock(&q->lock);
	q->dead = true;
}

/* Lock and unlock inside the loop body, dropped around the work. Not flagged. */
void wq_run_all(struct work_queue *q)
{
	struct work_item *w;

	for (;;) {
		spin_lock(&q->lock);
		if (list_empty(&q->items)) {
			spin_unlock(&q->lock);
			break;
		}
		w = list_first_entry(&q->items, struct work_item, node);
		list_del(&w->node);
		q->nr--;
		spin_unlock(&q->lock);
		work_item_run(w);
	}
}

/* One flags variable reused for two irqsave sections in sequence. Not flagged. */
void wq_move_one(struct work_queue *src, struct work_queue *dst)
{
	struct work_item *w = NULL;
	unsigned long flags;

	spin_lock_irqsave(&src->lock, flags);
	if (!list_empty(&src->items)) {
		w = list_first_entry(&src->items, struct work_item, node);
		list_del(&w->node);
		src->nr--;
	}
	spin_unlock_irqrestore(&src->lock, flags);
	if (!w)
		return;
	spin_lock_irqsave(&dst->lock, flags);
	list_add_tail(&w->node, &dst->items);
	dst->nr++;
	spin_unlock_irqrestore(&dst->lock, flags);
}

/* Two queues locked in order, released in reverse order. Not flagged. */
void wq_splice(struct work_queue *src, struct work_queue *dst)
{
	spin_lock(&dst->lock);
	spin_lock_nested(&src->lock, SINGLE_DEPTH_NESTING);
	list_splice_init(&src->items, &dst->items);
	dst->nr += src->nr;
	src->nr = 0;
	spin_unlock(&src->lock);
	spin_unlock(&dst->lock);
}

/*
 * Copy-paste slip: locks src, unlocks dst. On its own it reads as a
 * helper that hands over one lock for the other (every path does the
 * same); without a caller that shows otherwise it is not flagged.
 */
void wq_drain_into(struct work_queue *src, struct work_queue *dst)
{
	spin_lock(&src->lock);
	list_splice_init(&src->items, &dst->items);
	src->nr = 0;
	spin_unlock(&dst->lock);
}

/* Lock taken and released in the same branch. Not flagged. */
void wq_maybe_trim(struct work_queue *q, bool trim)
{
	if (trim) {
		spin_lock(&q->lock);
		q->max = q->nr;
		spin_unlock(&q->lock);
	}
	q->overruns = 0;
}

/*
 * Locked and unlocked under the same condition, tested twice: the analysis
 * does not correlate the two tests, so the lock is held on some paths only
 * at the unlock and at the return. Not flagged.
 */
void wq_account(struct work_queue *q, bool locked, unsigned int n)
{
	if (!locked)
		spin_lock(&q->lock);
	q->nr += n;
	if (!locked)
		spin_unlock(&q->lock);
}

/* The error path unlocks, then the common path unlocks again. Flagged at the second unlock. */
int wq_requeue(struct work_queue *q, struct work_item *w)
{
	spin_lock(&q->lock);
	list_add(&w->node, &q->items);
	q->nr++;
	spin_unlock(&q->lock);
	if (!work_item_ready(w)) {
		spin_unlock(&q->lock);	/* want `spin_unlock\(\) releases "q->lock", which this function already released` */
		return -EAGAIN;
	}
	return 0;
}

/* Re-taking the lock already held, inside the locked region: self-deadlock. Flagged at the inner lock. */
void wq_push_counted(struct work_queue *q, struct work_item *w)
{
	spin_lock(&q->lock);
	list_add_tail(&w->node, &q->items);
	if (++q->nr > q->max) {
		spin_lock(&q->lock);	/* want `spin_lock\(\) takes "q->lock", which is already held \(line 221\)` */
		q->overruns++;
		spin_unlock(&q->lock);
	}
	spin_unlock(&q->lock);
}

/* spin_lock_irqsave() early return with the lock held. Flagged. */
int wq_push_irq(struct work_queue *q, struct work_item *w)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (q->dead)
		return -ENODEV;	/* want `returns with "q->lock" held \(taken by spin_lock_irqsave\(\) at line 236\)` */
	list_add_tail(&w->node, &q->items);
	q->nr++;
	spin_unlock_irqrestore(&q->lock, flags);
	return 0;
}

/* spin_lock_bh()/spin_unlock_bh() on every path, one early return after the unlock. Not flagged. */
int wq_push_bh(struct work_queue *q, struct work_item *w)
{
	spin_lock_bh(&q->lock);
	if (q->dead) {
		spin_unlock_bh(&q->lock);
		return -ENODEV;
	}
	list_add_tail(&w->node, &q->items);
	q->nr++;
	spin_unlock_bh(&q->lock);
	return 0;
}
