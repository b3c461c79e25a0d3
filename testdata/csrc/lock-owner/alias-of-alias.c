/*
 * lock-owner: a callee that names its caller's lock through an accessor
 * of a local alias (fs/ext4/file.c ext4_dio_write_checks(): file =
 * iocb->ki_filp; inode = file_inode(file)) releases it, on the values
 * it returns for errors, as the caller names it (file_inode(
 * iocb->ki_filp)->i_rwsem): the caller's "if (ret <= 0) return ret;"
 * holds nothing. The callee drops the shared lock and takes it back
 * exclusively on one way, and leaves it alone on the others.
 */
#include <linux/rwsem.h>
#include <linux/errno.h>
#include <linux/types.h>

struct inode_demo { struct rw_semaphore i_rwsem; int nosec; };
struct file_demo { struct inode_demo *f_inode; };
struct kiocb_demo { struct file_demo *ki_filp; int flags; };
static inline struct inode_demo *file_inode_demo(const struct file_demo *f) { return f->f_inode; }

long generic_checks_demo(struct kiocb_demo *iocb);
int modified_demo(struct kiocb_demo *iocb);

static long write_checks_demo(struct kiocb_demo *iocb, bool *ilock_shared)
{
	struct file_demo *file = iocb->ki_filp;
	struct inode_demo *inode = file_inode_demo(file);
	long count;
	long ret;

restart:
	ret = generic_checks_demo(iocb);
	if (ret <= 0)
		goto out;
	count = ret;
	if (*ilock_shared && !inode->nosec) {
		if (iocb->flags) {
			ret = -EAGAIN;
			goto out;
		}
		up_read(&inode->i_rwsem);
		*ilock_shared = false;
		down_write(&inode->i_rwsem);
		goto restart;
	}
	if (!*ilock_shared && iocb->flags > 1) {
		if (iocb->flags > 2) {
			ret = -EAGAIN;
			goto out;
		}
	}
	ret = modified_demo(iocb);
	if (ret < 0)
		goto out;
	return count;
out:
	if (*ilock_shared)
		up_read(&inode->i_rwsem);
	else
		up_write(&inode->i_rwsem);
	return ret;
}

long dio_write_demo(struct kiocb_demo *iocb)
{
	struct inode_demo *inode = file_inode_demo(iocb->ki_filp);
	bool ilock_shared = true;
	long ret;

	if (iocb->flags) {
		if (!down_read_trylock(&inode->i_rwsem))
			return -EAGAIN;
	} else {
		down_read(&inode->i_rwsem);
	}
	ret = write_checks_demo(iocb, &ilock_shared);
	if (ret <= 0)
		return ret;
	ret = 5;
	if (ilock_shared)
		up_read(&inode->i_rwsem);
	else
		up_write(&inode->i_rwsem);
	return ret;
}
