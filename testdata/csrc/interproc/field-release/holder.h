/* A block device and its holder's operations, in the shape of include/linux/blkdev.h. */
#include <linux/mutex.h>

struct block_device_demo;

struct holder_ops_demo {
	void (*mark_dead)(struct block_device_demo *bdev, int surprise);
	void (*sync)(struct block_device_demo *bdev);
	void (*freeze)(struct block_device_demo *bdev);
	void (*thaw)(struct block_device_demo *bdev);
};

struct block_device_demo {
	struct mutex bd_holder_lock;
	const struct holder_ops_demo *bd_holder_ops;
};
