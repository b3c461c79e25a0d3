/*
 * lock-owner: a helper that takes the lock of an object a local points
 * to and stores the local into its parameter's object, where its
 * callers find it (block/blk-cgroup.c blkg_conf_open_bdev(): ctx->bdev =
 * bdev, with bdev->bd_queue->rq_qos_mutex held; on its way out for a ctx
 * already open, it holds nothing new). Its callers name the lock through
 * that member, and release it (blkg_conf_exit(&ctx)), or pass it on to
 * callers that do: a helper by design, not flagged. The same helper whose caller releases nothing is.
 */
#include <linux/mutex.h>
#include <linux/errno.h>

struct queue_demo { struct mutex qos_mutex; };
struct bdev_demo { struct queue_demo *queue; int part; };
struct ctx_demo { struct bdev_demo *bdev; char *body; };

struct bdev_demo *bdev_get_demo(int dev);
void bdev_put_demo(struct bdev_demo *b);

static int conf_open_demo(struct ctx_demo *ctx, int dev)
{
	struct bdev_demo *bdev;

	if (ctx->bdev)
		return 0;
	bdev = bdev_get_demo(dev);
	if (!bdev)
		return -ENODEV;
	mutex_lock(&bdev->queue->qos_mutex);
	ctx->bdev = bdev;
	return 0;
}

static void conf_exit_demo(struct ctx_demo *ctx)
{
	if (ctx->bdev) {
		mutex_unlock(&ctx->bdev->queue->qos_mutex);
		bdev_put_demo(ctx->bdev);
		ctx->bdev = NULL;
	}
}

/*
 * A caller that goes on past the helper (block/blk-cgroup.c
 * blkg_conf_prep() after blkg_conf_open_bdev()): the helper's summary
 * tells it nothing of the lock, which it releases nowhere, so it returns
 * it held past the call, for its own callers to release.
 */
static int conf_prep_demo(struct ctx_demo *ctx, int dev)
{
	int ret;

	if (!ctx->bdev) {
		ret = conf_open_demo(ctx, dev);
		if (ret)
			return ret;
	}
	ctx->body = "x";
	return 0;
}

int qos_prep_write_demo(int dev)
{
	struct ctx_demo ctx = {};
	int ret;

	ret = conf_prep_demo(&ctx, dev);
	conf_exit_demo(&ctx);
	return ret;
}

int qos_write_demo(int dev)
{
	struct ctx_demo ctx = {};
	int ret;

	ret = conf_open_demo(&ctx, dev);
	if (ret)
		goto out;
	ret = 1;
out:
	conf_exit_demo(&ctx);
	return ret;
}

int conf_open2_demo(struct ctx_demo *ctx, int dev)
{
	struct bdev_demo *bdev;

	if (ctx->bdev)
		return 0;
	bdev = bdev_get_demo(dev);
	if (!bdev)
		return -ENODEV;
	mutex_lock(&bdev->queue->qos_mutex);
	ctx->bdev = bdev;
	return 0; /* want `returns with "bdev->queue->qos_mutex" held \(taken by mutex_lock\(\) at line 95\); the return at line 91 does not hold it` */
}

int qos_peek_demo(int dev)
{
	struct ctx_demo ctx = {};

	return conf_open2_demo(&ctx, dev);
}
