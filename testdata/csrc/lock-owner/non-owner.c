/*
 * A read lock taken for another task to release (fs/nfs/unlink.c
 * nfs_call_unlink(): down_read_non_owner() of the directory's rmdir_sem,
 * released on the error path, otherwise by the unlink RPC's release
 * callback with up_read_non_owner()). Returning with it held on success
 * is the design, not a leak; the same shape with down_read() is one. A
 * kernel without lockdep has the pair as macros for down_read() and
 * up_read(): the call the macro was written as says the same.
 */
#include <linux/rwsem.h>

struct nfs_inode_demo {
	struct rw_semaphore rmdir_sem;
};

struct dentry_demo *alloc_parallel_demo(struct nfs_inode_demo *dir);
int is_err_demo(struct dentry_demo *d);
int in_lookup_demo(struct dentry_demo *d);
int transfer_demo(struct dentry_demo *d);
void start_rpc_demo(struct nfs_inode_demo *dir);

int call_unlink_demo(struct nfs_inode_demo *dir)
{
	struct dentry_demo *alias;

	down_read_non_owner(&dir->rmdir_sem);
	alias = alloc_parallel_demo(dir);
	if (is_err_demo(alias)) {
		up_read_non_owner(&dir->rmdir_sem);
		return 0;
	}
	if (!in_lookup_demo(alias)) {
		/* raced with a lookup: done here, one way or the other */
		int ret = transfer_demo(alias);

		up_read_non_owner(&dir->rmdir_sem);
		return ret;
	}
	start_rpc_demo(dir);
	return 1;
}

int call_unlink_owned_demo(struct nfs_inode_demo *dir)
{
	struct dentry_demo *alias;

	down_read(&dir->rmdir_sem);
	alias = alloc_parallel_demo(dir);
	if (is_err_demo(alias)) {
		up_read(&dir->rmdir_sem);
		return 0;
	}
	if (!in_lookup_demo(alias)) {
		/* raced with a lookup: done here, one way or the other */
		int ret = transfer_demo(alias);

		up_read(&dir->rmdir_sem);
		return ret;
	}
	start_rpc_demo(dir);
	return 1;	/* want `returns with "dir->rmdir_sem" held` */
}

/* As include/linux/rwsem.h has them without CONFIG_DEBUG_LOCK_ALLOC. */
#undef down_read_non_owner
#undef up_read_non_owner
#define down_read_non_owner(sem)	down_read(sem)
#define up_read_non_owner(sem)		up_read(sem)

int call_unlink_macro_demo(struct nfs_inode_demo *dir)
{
	struct dentry_demo *alias;

	down_read_non_owner(&dir->rmdir_sem);
	alias = alloc_parallel_demo(dir);
	if (is_err_demo(alias)) {
		up_read_non_owner(&dir->rmdir_sem);
		return 0;
	}
	if (!in_lookup_demo(alias)) {
		/* raced with a lookup: done here, one way or the other */
		int ret = transfer_demo(alias);

		up_read_non_owner(&dir->rmdir_sem);
		return ret;
	}
	start_rpc_demo(dir);
	return 1;
}
