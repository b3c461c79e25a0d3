/*
 * interproc: a lock released through a struct member's function, cut
 * down from block/bdev.c bdev_mark_dead(): it takes bd_holder_lock and
 * calls bdev->bd_holder_ops->mark_dead(), or unlocks itself when there is
 * none. The one function the program stores in the member,
 * fs_bdev_mark_dead() in fs/super.c, releases the lock (through
 * bdev_super_lock(), annotated __releases), so the call's path returns
 * without it. A member two functions implement, of which one keeps the
 * lock, says nothing: that path is reported. What a member's function
 * takes is its pair's to release (.freeze and .thaw): a caller that
 * returns holding it is the framework's design, not reported.
 */
#include "holder.h"

void sync_blockdev_demo(struct block_device_demo *bdev);
void invalidate_bdev_demo(struct block_device_demo *bdev);

void bdev_mark_dead_demo(struct block_device_demo *bdev, int surprise)
{
	mutex_lock(&bdev->bd_holder_lock);
	if (bdev->bd_holder_ops && bdev->bd_holder_ops->mark_dead)
		bdev->bd_holder_ops->mark_dead(bdev, surprise);
	else {
		mutex_unlock(&bdev->bd_holder_lock);
		if (!surprise)
			sync_blockdev_demo(bdev);
	}
	invalidate_bdev_demo(bdev);
}

void bdev_sync_demo(struct block_device_demo *bdev)
{
	mutex_lock(&bdev->bd_holder_lock);
	if (bdev->bd_holder_ops && bdev->bd_holder_ops->sync)
		bdev->bd_holder_ops->sync(bdev);
	else
		mutex_unlock(&bdev->bd_holder_lock);
	sync_blockdev_demo(bdev);
}	/* want `returns with "bdev->bd_holder_lock" held` */

void bdev_freeze_demo(struct block_device_demo *bdev)
{
	if (bdev->bd_holder_ops && bdev->bd_holder_ops->freeze)
		bdev->bd_holder_ops->freeze(bdev);
}

void bdev_thaw_demo(struct block_device_demo *bdev)
{
	if (bdev->bd_holder_ops && bdev->bd_holder_ops->thaw)
		bdev->bd_holder_ops->thaw(bdev);
}
