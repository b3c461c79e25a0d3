/*
 * lock-owner: sparse's context annotations are tokens, not expressions.
 * kernel/sched/core.c keeps __releases(rq->lock) on functions that
 * release rq->__lock since the lock was renamed, and schedule_tail()
 * says __releases(rq->lock) though it has no rq: the runqueue is one its
 * callee finds. A release of a lock of the annotated object ends the
 * annotated lock; an annotation that names nothing the function can
 * reach is not checked. A function that releases nothing of the object
 * it is annotated to release is still reported.
 */
#include <linux/spinlock.h>

struct rq {
	raw_spinlock_t __lock;
	int nr_running;
};

struct task;

struct rq *this_rq_of(void);

static void rq_unlock(struct rq *rq)
{
	raw_spin_unlock(&rq->__lock);
}

/* Releases rq->__lock of the annotated rq. Not flagged. */
void rq_finish(struct rq *rq)
	__releases(rq->lock)
{
	rq->nr_running--;
	rq_unlock(rq);
}

/* The runqueue is the callee's own. Not flagged. */
static void finish_switch(struct task *prev)
{
	struct rq *rq = this_rq_of();

	rq_unlock(rq);
}

void switch_tail(struct task *prev)
	__releases(rq->lock)
{
	finish_switch(prev);
}

/* Forgets the unlock. */
void rq_finish_leaky(struct rq *rq)
	__releases(rq->lock)
{
	rq->nr_running--;
}	/* want `returns with "rq->lock" held \(the function is annotated to release it\)` */
