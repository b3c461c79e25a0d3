/*
 * A condition on a parameter passed on through "||" (block/blk-mq.c):
 * blk_mq_run_hw_queue() sleeps only when async is false, and
 * blk_mq_start_stopped_hw_queues() passes "async || (flags & BLOCKING)",
 * false only when its own async is. A caller under a spinlock that asks
 * for async runs (drivers/block/virtio_blk.c virtblk_done()) is not
 * flagged; one that asks for a run in place is.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#define DEMO_F_BLOCKING 0x20

struct demo_hctx { unsigned long flags; int stopped; };
struct demo_queue { struct demo_hctx hctx[4]; int nr; };

void demo_delay_run(struct demo_hctx *hctx);

void demo_run_hw_queue(struct demo_hctx *hctx, bool async)
{
	might_sleep_if(!async && hctx->flags & DEMO_F_BLOCKING);
	if (async) {
		demo_delay_run(hctx);
		return;
	}
	hctx->stopped = 0;
}

static void demo_start_stopped_hw_queue(struct demo_hctx *hctx, bool async)
{
	hctx->stopped = 0;
	demo_run_hw_queue(hctx, async);
}

void demo_start_stopped_hw_queues(struct demo_queue *q, bool async)
{
	int i;

	for (i = 0; i < q->nr; i++)
		demo_start_stopped_hw_queue(&q->hctx[i], async ||
			(q->hctx[i].flags & DEMO_F_BLOCKING));
}

static DEFINE_SPINLOCK(demo_vq_lock);

void demo_virtblk_done(struct demo_queue *q)
{
	unsigned long flags;

	spin_lock_irqsave(&demo_vq_lock, flags);
	demo_start_stopped_hw_queues(q, true);
	demo_start_stopped_hw_queues(q, false); /* want "demo_start_stopped_hw_queues\\(\\) may sleep in atomic context" */
	spin_unlock_irqrestore(&demo_vq_lock, flags);
}
