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

void console_flush_demo(void);	/* rq.c: may sleep */

static inline void nbcon_release_demo(struct rq_demo *rq)
{
	if (rq->pinned < 0)
		console_flush_demo();
}

static inline void rq_unlock_flush_demo(struct rq_demo *rq)
{
	raw_spin_unlock(&rq->lock);
	nbcon_release_demo(rq);
}
