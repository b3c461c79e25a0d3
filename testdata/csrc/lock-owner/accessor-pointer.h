/* The queue accessor of accessor-pointer.c, as include/linux/blkdev.h
 * writes bdev_get_queue(). */
struct queue_demo;

struct bdev_demo {
	struct queue_demo *bd_queue;
};

static inline struct queue_demo *bdev_get_queue_demo(struct bdev_demo *bdev)
{
	return bdev->bd_queue;
}
