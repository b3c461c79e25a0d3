/*
 * lock-owner: an __acquires() annotation whose expression starts from a
 * name the function has neither as a parameter nor as a local is a label
 * for the lock of that member (block/blk-cgroup.c blkg_conf_prep():
 * __acquires(&bdev->bd_queue->queue_lock), with no bdev in the function,
 * for the queue lock it reaches through ctx). Not flagged. An annotation
 * naming a parameter's lock of another member labels nothing else.
 */
#include <linux/spinlock.h>
#include <linux/errno.h>

struct queue_demo {
	spinlock_t queue_lock;
	spinlock_t stats_lock;
};
struct bdev_demo { struct queue_demo *bd_queue; };
struct conf_demo { struct bdev_demo *bdev; int ready; };

int conf_open_demo(struct conf_demo *ctx);

int conf_prep_demo(struct conf_demo *ctx)
	__acquires(&bdev->bd_queue->queue_lock)
{
	struct queue_demo *q;
	int ret;

	ret = conf_open_demo(ctx);
	if (ret)
		return ret;
	q = ctx->bdev->bd_queue;
	spin_lock_irq(&q->queue_lock);
	if (!ctx->ready) {
		spin_unlock_irq(&q->queue_lock);
		return ret;
	}
	return 1;
}

int conf_prep_other_demo(struct conf_demo *ctx)
	__acquires(&ctx->bdev->bd_queue->stats_lock)
{
	struct queue_demo *q;
	int ret;

	ret = conf_open_demo(ctx);
	if (ret)
		return ret;
	q = ctx->bdev->bd_queue;
	spin_lock_irq(&q->queue_lock);
	if (!ctx->ready) {
		spin_unlock_irq(&q->queue_lock);
		return ret;
	}
	return 1;	/* want "returns with \"ctx->bdev->bd_queue->queue_lock\" held" */
}
