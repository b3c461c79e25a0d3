/*
 * A read lock taken for another task, through the macros of a kernel
 * without lockdep, to release (fs/nfs/unlink.c
 * nfs_call_unlink(): down_read_non_owner() of the directory's rmdir_sem,
 * released on the error path, otherwise by the unlink RPC's release
 * callback with up_read_non_owner()). Returning with it held on success
 * is the design, not a leak; the same shape with down_read() is one.
 */
#include <linux/rwsem.h>

/* As include/linux/rwsem.h has them without CONFIG_DEBUG_LOCK_ALLOC. */
#define down_read_non_owner(sem)	down_read(sem)
#define up_read_non_owner(sem)		up_read(sem)

struct nfs_inode_m_demo {
	struct rw_semaphore rmdir_sem;
};

struct dentry_m_demo *alloc_parallel_m_demo(struct nfs_inode_m_demo *dir);
int is_err_m_demo(struct dentry_m_demo *d);
int in_lookup_m_demo(struct dentry_m_demo *d);
int transfer_m_demo(struct dentry_m_demo *d);
void start_rpc_m_demo(struct nfs_inode_m_demo *dir);

int call_unlink_m_demo(struct nfs_inode_m_demo *dir)
{
	struct dentry_m_demo *alias;

	down_read_non_owner(&dir->rmdir_sem);
	alias = alloc_parallel_m_demo(dir);
	if (is_err_m_demo(alias)) {
		up_read_non_owner(&dir->rmdir_sem);
		return 0;
	}
	if (!in_lookup_m_demo(alias)) {
		/* raced with a lookup: done here, one way or the other */
		int ret = transfer_m_demo(alias);

		up_read_non_owner(&dir->rmdir_sem);
		return ret;
	}
	start_rpc_m_demo(dir);
	return 1;
}

int call_unlink_owned_m_demo(struct nfs_inode_m_demo *dir)
{
	struct dentry_m_demo *alias;

	down_read(&dir->rmdir_sem);
	alias = alloc_parallel_m_demo(dir);
	if (is_err_m_demo(alias)) {
		up_read(&dir->rmdir_sem);
		return 0;
	}
	if (!in_lookup_m_demo(alias)) {
		/* raced with a lookup: done here, one way or the other */
		int ret = transfer_m_demo(alias);

		up_read(&dir->rmdir_sem);
		return ret;
	}
	start_rpc_m_demo(dir);
	return 1;	/* want `returns with "dir->rmdir_sem" held` */
}
