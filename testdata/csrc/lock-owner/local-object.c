/*
 * A lock of an object a local pointer names (given one value): an error
 * path that returns without releasing it leaks it as any other lock
 * (kernel/fork.c copy_fs() shape, its unlock deleted).
 */
#include <linux/spinlock.h>
#include <linux/errno.h>

struct fs_demo {
	spinlock_t lock;
	int users;
	int in_exec;
};

struct task_demo {
	struct fs_demo *fs;
};

extern struct task_demo *current_demo(void);

int copy_fs_demo(unsigned long clone_flags)
{
	struct fs_demo *fs = current_demo()->fs;

	if (clone_flags & 1) {
		spin_lock(&fs->lock);
		if (fs->in_exec) {
			return -EAGAIN;	/* want `returns with "fs->lock" held` */
		}
		fs->users++;
		spin_unlock(&fs->lock);
		return 0;
	}
	return 0;
}

int copy_fs_fixed(unsigned long clone_flags)
{
	struct fs_demo *fs = current_demo()->fs;

	if (clone_flags & 1) {
		spin_lock(&fs->lock);
		if (fs->in_exec) {
			spin_unlock(&fs->lock);
			return -EAGAIN;
		}
		fs->users++;
		spin_unlock(&fs->lock);
		return 0;
	}
	return 0;
}
