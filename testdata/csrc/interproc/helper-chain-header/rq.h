/* The header of rq.c: lock helpers that call one another. */
#include <linux/spinlock.h>

struct rq_demo {
	raw_spinlock_t lock;
	int pinned;
	int cpu;
};

static inline void rq_lock_inner_demo(struct rq_demo *rq)
{
	raw_spin_lock(&rq->lock);
}

static inline void rq_pin_demo(struct rq_demo *rq)
{
	rq->pinned = 1;
}

static inline void rq_lock_demo(struct rq_demo *rq)
{
	rq_lock_inner_demo(rq);
	rq_pin_demo(rq);
}

static inline void rq_unlock_demo(struct rq_demo *rq)
{
	rq->pinned = 0;
	raw_spin_unlock(&rq->lock);
}
