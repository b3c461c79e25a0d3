/*
 * interproc: bits a caller found clear in one member, needed set on the
 * way down in a member copied from it, cut down from block/blk-mq.c. A
 * hardware context's flags are its tag set's (blk_mq_alloc_hctx():
 * hctx->flags = set->flags & ~BLK_MQ_F_TAG_QUEUE_SHARED), and
 * blk_mq_run_hw_queue() may sleep only for a blocking one. The dispatch
 * macro runs its operations inside an RCU read-side section only for a
 * tag set without BLK_MQ_F_BLOCKING: a call of blk_mq_run_hw_queue()
 * there does not sleep, one under a spinlock does (the same flag of
 * another member, which no copy ties to the tag set's, leaves the sleep
 * too).
 */
#include <linux/types.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/srcu.h>
#include <linux/kernel.h>

#define MQ_F_TAG_QUEUE_SHARED_DEMO	(1 << 1)
#define MQ_F_BLOCKING_DEMO		(1 << 4)

struct tag_set_demo {
	unsigned int flags;
	struct srcu_struct *srcu;
};

struct queue_demo {
	struct tag_set_demo *tag_set;
	unsigned int flags;
	spinlock_t lock;
};

struct hw_ctx_demo {
	unsigned long flags;
	struct queue_demo *queue;
};

#define run_dispatch_ops_demo(q, dispatch_ops)			\
do {								\
	if ((q)->tag_set->flags & MQ_F_BLOCKING_DEMO) {		\
		int srcu_idx;					\
								\
		might_sleep();					\
		srcu_idx = srcu_read_lock((q)->tag_set->srcu);	\
		(dispatch_ops);					\
		srcu_read_unlock((q)->tag_set->srcu, srcu_idx);	\
	} else {						\
		rcu_read_lock();				\
		(dispatch_ops);					\
		rcu_read_unlock();				\
	}							\
} while (0)

void hw_ctx_init_demo(struct hw_ctx_demo *hctx, struct tag_set_demo *set)
{
	hctx->flags = set->flags & ~MQ_F_TAG_QUEUE_SHARED_DEMO;
}

void hw_ctx_share_demo(struct hw_ctx_demo *hctx)
{
	hctx->flags |= MQ_F_TAG_QUEUE_SHARED_DEMO;
}

void run_hw_queue_demo(struct hw_ctx_demo *hctx, bool async)
{
	might_sleep_if(!async && hctx->flags & MQ_F_BLOCKING_DEMO);
}

static void try_issue_directly_demo(struct hw_ctx_demo *hctx)
{
	run_hw_queue_demo(hctx, false);
}

void submit_bio_demo(struct queue_demo *q, struct hw_ctx_demo *hctx)
{
	run_dispatch_ops_demo(q, try_issue_directly_demo(hctx));
}

void submit_locked_demo(struct queue_demo *q, struct hw_ctx_demo *hctx)
{
	spin_lock(&q->lock);
	try_issue_directly_demo(hctx);	/* want "try_issue_directly_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&q->lock);
}

void submit_other_flag_demo(struct queue_demo *q, struct hw_ctx_demo *hctx)
{
	if (!(q->flags & MQ_F_BLOCKING_DEMO)) {
		rcu_read_lock();
		try_issue_directly_demo(hctx);	/* want "try_issue_directly_demo\\(\\) may sleep inside an RCU read-side critical section" */
		rcu_read_unlock();
	}
}
