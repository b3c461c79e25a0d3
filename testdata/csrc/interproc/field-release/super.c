/* The holder operations of a filesystem, and another holder's (fs/super.c). */
#include "holder.h"

void shutdown_sb_demo(struct block_device_demo *bdev);

static void bdev_super_unlock_demo(struct block_device_demo *bdev)
	__releases(&bdev->bd_holder_lock)
{
	mutex_unlock(&bdev->bd_holder_lock);
}

static void fs_bdev_mark_dead_demo(struct block_device_demo *bdev, int surprise)
{
	bdev_super_unlock_demo(bdev);
	shutdown_sb_demo(bdev);
}

static void fs_bdev_sync_demo(struct block_device_demo *bdev)
{
	bdev_super_unlock_demo(bdev);
}

static void fs_bdev_freeze_demo(struct block_device_demo *bdev)
{
	mutex_lock(&bdev->bd_holder_lock);
}

static void fs_bdev_thaw_demo(struct block_device_demo *bdev)
{
	mutex_unlock(&bdev->bd_holder_lock);
}

/* Keeps the lock: its caller's sync path may return holding it. */
static void other_bdev_sync_demo(struct block_device_demo *bdev)
{
	shutdown_sb_demo(bdev);
}

const struct holder_ops_demo fs_holder_ops_demo = {
	.mark_dead = fs_bdev_mark_dead_demo,
	.sync = fs_bdev_sync_demo,
	.freeze = fs_bdev_freeze_demo,
	.thaw = fs_bdev_thaw_demo,
};

const struct holder_ops_demo other_holder_ops_demo = {
	.sync = other_bdev_sync_demo,
};
