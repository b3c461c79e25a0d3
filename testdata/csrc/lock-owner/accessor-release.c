/*
 * A lock an annotation names by its path and the code releases through
 * an accessor that returns part of that path (block/blk-cgroup.c
 * blkg_conf_exit(): __releases(&ctx->bdev->bd_queue->queue_lock), then
 * spin_unlock_irq(&bdev_get_queue(ctx->bdev)->queue_lock), where
 * bdev_get_queue() returns bdev->bd_queue). One lock: released, where
 * the context says it is held, not flagged; so is one taken by its path
 * and released through the accessor. An accessor that returns something
 * else names another lock.
 */
#include <linux/spinlock.h>
#include <linux/types.h>

struct queue_demo {
	spinlock_t queue_lock;
};

struct bdev_demo {
	struct queue_demo *bd_queue;
	struct queue_demo *bd_other;
};

struct conf_ctx_demo {
	struct bdev_demo *bdev;
	void *blkg;
};

static inline struct queue_demo *bdev_get_queue_demo(struct bdev_demo *bdev)
{
	return bdev->bd_queue;
}

static inline struct queue_demo *bdev_other_queue_demo(struct bdev_demo *bdev)
{
	return bdev->bd_other;
}

/* The lock is held iff ctx->blkg is set (the prepare step sets it under the lock). */
void conf_exit_demo(struct conf_ctx_demo *ctx)
	__releases(&ctx->bdev->bd_queue->queue_lock)
{
	if (ctx->blkg) {
		spin_unlock_irq(&bdev_get_queue_demo(ctx->bdev)->queue_lock);
		ctx->blkg = NULL;
	}
}

void conf_finish_demo(struct conf_ctx_demo *ctx)
	__releases(&ctx->bdev->bd_queue->queue_lock)
{
	spin_unlock_irq(&bdev_get_queue_demo(ctx->bdev)->queue_lock);
	ctx->blkg = NULL;
}

void queue_touch_demo(struct bdev_demo *bdev)
{
	spin_lock_irq(&bdev->bd_queue->queue_lock);
	bdev->bd_other = NULL;
	spin_unlock_irq(&bdev_get_queue_demo(bdev)->queue_lock);
}

void conf_wrong_demo(struct conf_ctx_demo *ctx)
	__releases(&ctx->bdev->bd_queue->queue_lock)
{
	spin_unlock_irq(&bdev_other_queue_demo(ctx->bdev)->queue_lock);
} /* want "returns with \"ctx->bdev->bd_queue->queue_lock\" held \\(the function is annotated to release it\\)" */
