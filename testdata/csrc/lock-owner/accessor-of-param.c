/*
 * A helper's lock reached through an accessor called on its parameter
 * (fs/ext4/move_extent.c ext4_double_down_write_data_sem() takes
 * EXT4_I(first)->i_data_sem) is, in its caller, the lock of the accessor
 * called on the caller's argument: ext4_move_extents() takes both
 * inodes' semaphores through the helper, drops and retakes them around
 * each page, and releases them with ext4_double_up_write_data_sem()
 * before every return. An error path that forgets the release is still
 * a leak.
 */
#include <linux/rwsem.h>
#include <linux/container_of.h>
#include <linux/errno.h>

struct inode_demo { int nr; };
struct ext_inode_demo { struct rw_semaphore data_sem; struct inode_demo vfs; };

static inline struct ext_inode_demo *EXT_I_demo(struct inode_demo *inode)
{
	return container_of(inode, struct ext_inode_demo, vfs);
}

void double_down_demo(struct inode_demo *first, struct inode_demo *second)
{
	if (first < second) {
		down_write(&EXT_I_demo(first)->data_sem);
		down_write_nested(&EXT_I_demo(second)->data_sem, 1);
	} else {
		down_write(&EXT_I_demo(second)->data_sem);
		down_write_nested(&EXT_I_demo(first)->data_sem, 1);
	}
}

void double_up_demo(struct inode_demo *orig, struct inode_demo *donor)
{
	up_write(&EXT_I_demo(orig)->data_sem);
	up_write(&EXT_I_demo(donor)->data_sem);
}

int move_extents_demo(struct inode_demo *orig, struct inode_demo *donor, int len)
{
	int ret = 0;

	if (orig == donor)
		return -EINVAL;
	double_down_demo(orig, donor);
	while (len-- > 0) {
		if (!orig->nr) {
			ret = -ENODATA;
			goto out;
		}
		double_up_demo(orig, donor);
		orig->nr--;
		double_down_demo(orig, donor);
	}
out:
	double_up_demo(orig, donor);
	return ret;
}

int swap_extents_demo(struct inode_demo *orig, struct inode_demo *donor)
{
	if (orig == donor)
		return -EINVAL;
	double_down_demo(orig, donor);
	if (!donor->nr)
		return -ENODATA; /* want `returns with "EXT_I_demo\(donor\)->data_sem" held \(taken by double_down_demo\(\) at line 65\)` `returns with "EXT_I_demo\(orig\)->data_sem" held \(taken by double_down_demo\(\) at line 65\); the return at line 64 does not hold it` */
	donor->nr = orig->nr;
	double_up_demo(orig, donor);
	return 0;
}
