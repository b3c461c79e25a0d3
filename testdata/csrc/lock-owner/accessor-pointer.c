/*
 * A lock reached through a header accessor that returns a pointer member
 * is the member's lock, in the shape of block/blk-cgroup.c
 * blkg_conf_exit(): annotated to release
 * &ctx->bdev->bd_queue->queue_lock, it unlocks
 * &bdev_get_queue(ctx->bdev)->queue_lock, the same lock, on the way its
 * caller took it (ctx->blkg set), and not on the other. A function that
 * takes the lock through the accessor and returns holding it on one way
 * only still leaks it.
 */
#include <linux/spinlock.h>
#include "accessor-pointer.h"

struct queue_demo {
	spinlock_t queue_lock;
	int dying;
};

struct conf_ctx_demo {
	struct bdev_demo *bdev;
	void *blkg;
};

void conf_exit_demo(struct conf_ctx_demo *ctx)
	__releases(&ctx->bdev->bd_queue->queue_lock)
{
	if (ctx->blkg) {
		spin_unlock_irq(&bdev_get_queue_demo(ctx->bdev)->queue_lock);
		ctx->blkg = NULL;
	}
}

int conf_prep_demo(struct conf_ctx_demo *ctx)
{
	spin_lock_irq(&bdev_get_queue_demo(ctx->bdev)->queue_lock);
	if (ctx->bdev->bd_queue->dying)
		return -19;	/* want "returns with \"ctx->bdev->bd_queue->queue_lock\" held" */
	spin_unlock_irq(&ctx->bdev->bd_queue->queue_lock);
	return 0;
}
