/*
 * A lock helper whose value does not tell its callers whether it holds
 * the lock: kernel/sched/core.c double_rq_lock() takes rq2's lock only
 * when rq2 is not rq1, and double_rq_unlock() releases it under the same
 * test. Every caller releases the lock where it does not hold it itself,
 * so the helper's returns are correct by design. The same shape whose
 * callers do not release the lock (one of them takes and releases it
 * itself afterwards) is a path that forgot to unlock.
 */
#include <linux/spinlock.h>

struct rq_demo { raw_spinlock_t lock; int nr; int clock; };

static void clear_update_demo(struct rq_demo *a, struct rq_demo *b)
{
	a->clock = 0;
	b->clock = 0;
}

static void lock_pair_demo(struct rq_demo *a, struct rq_demo *b)
{
	raw_spin_lock(&a->lock);
	if (a == b)
		return;
	raw_spin_lock_nested(&b->lock, 1);
	clear_update_demo(a, b);
}

static void unlock_pair_demo(struct rq_demo *a, struct rq_demo *b)
{
	if (a != b)
		raw_spin_unlock(&b->lock);
	raw_spin_unlock(&a->lock);
}

int move_demo(struct rq_demo *src, struct rq_demo *dst)
{
	lock_pair_demo(src, dst);
	src->nr--;
	dst->nr++;
	unlock_pair_demo(src, dst);
	return 0;
}

int swap_demo(struct rq_demo *x, struct rq_demo *y)
{
	int t;

	lock_pair_demo(y, x);
	t = x->nr;
	x->nr = y->nr;
	y->nr = t;
	unlock_pair_demo(y, x);
	return 0;
}

static void take_one_demo(struct rq_demo *a, struct rq_demo *b)
{
	raw_spin_lock(&b->lock);
	if (!b->nr)
		return; /* want `returns with "b->lock" held \(taken by raw_spin_lock\(\) at line 59\); the return at line 64 does not hold it` */
	b->nr--;
	raw_spin_unlock(&b->lock);
}

int take_demo(struct rq_demo *a, struct rq_demo *b)
{
	take_one_demo(a, b);
	raw_spin_lock(&b->lock);
	b->nr++;
	raw_spin_unlock(&b->lock);
	return 0;
}

/* One caller that never releases the second lock is enough. */
static void lock_both_demo(struct rq_demo *a, struct rq_demo *b)
{
	raw_spin_lock(&a->lock);
	if (a == b)
		return;
	raw_spin_lock_nested(&b->lock, 1);
	clear_update_demo(a, b);
} /* want `returns with "b->lock" held \(taken by raw_spin_lock_nested\(\) at line 81\); the return at line 80 does not hold it` */

int both_demo(struct rq_demo *x, struct rq_demo *y)
{
	lock_both_demo(x, y);
	x->nr = y->nr;
	unlock_pair_demo(x, y);
	return 0;
}

int first_only_demo(struct rq_demo *x, struct rq_demo *y)
{
	lock_both_demo(x, y);
	x->nr++;
	raw_spin_unlock(&x->lock);
	return 0;
}
