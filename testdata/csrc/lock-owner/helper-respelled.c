/*
 * A lock a helper returns held, released by another helper that spells
 * it from another object (fs/debugfs/inode.c): start_creating() returns
 * the new dentry with d_inode(parent)->i_rwsem held, end_creating()
 * releases d_inode(dentry->d_parent)->i_rwsem, the same inode's. The
 * callers release what they were given: not flagged. One that forgets
 * end_creating() still is.
 */
#include <linux/mutex.h>
#include <linux/err.h>
#include <linux/errno.h>

struct inode_demo { struct mutex i_rwsem; };
struct dentry_demo { struct inode_demo *inode; struct dentry_demo *d_parent; int pos; };

static inline struct inode_demo *d_inode_demo(struct dentry_demo *d) { return d->inode; }

struct dentry_demo *lookup_demo(const char *name, struct dentry_demo *p);

static struct dentry_demo *start_creating_demo(const char *name, struct dentry_demo *parent)
{
	struct dentry_demo *dentry;

	mutex_lock(&d_inode_demo(parent)->i_rwsem);
	dentry = lookup_demo(name, parent);
	if (IS_ERR(dentry))
		mutex_unlock(&d_inode_demo(parent)->i_rwsem);
	return dentry;
}

static struct dentry_demo *end_creating_demo(struct dentry_demo *dentry)
{
	mutex_unlock(&d_inode_demo(dentry->d_parent)->i_rwsem);
	return dentry;
}

struct dentry_demo *create_dir_demo(const char *name, struct dentry_demo *parent)
{
	struct dentry_demo *dentry = start_creating_demo(name, parent);

	if (IS_ERR(dentry))
		return dentry;
	dentry->pos = 1;
	return end_creating_demo(dentry);
}

/*
 * Returned through a wrapper whose every way out released it, and tested
 * by the wrapper's caller with IS_ERR(), which leaves ERR_PTR()s and
 * negative values alike (fs/debugfs/inode.c debugfs_create_file() and
 * debugfs_create_file_size()).
 */
static struct dentry_demo *create_checked_demo(const char *name, struct dentry_demo *parent)
{
	struct dentry_demo *dentry = start_creating_demo(name, parent);

	if (IS_ERR(dentry))
		return dentry;
	return end_creating_demo(dentry);
}

struct dentry_demo *create_wrapper_demo(const char *name, struct dentry_demo *parent)
{
	return create_checked_demo(name, parent);
}

void create_sized_demo(const char *name, struct dentry_demo *parent)
{
	struct dentry_demo *de = create_wrapper_demo(name, parent);

	if (!IS_ERR(de))
		de->pos = 3;
}

/*
 * Its errno where the helper gave an ERR_PTR() (without the lock), 0
 * with the lock: a conditional helper's shape. The lock it forgot to
 * release is flagged where its caller returns holding it.
 */
static int create_file_demo(const char *name, struct dentry_demo *parent)
{
	struct dentry_demo *dentry = start_creating_demo(name, parent);

	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	dentry->pos = 2;
	return 0;
}

void setup_file_demo(const char *name, struct dentry_demo *parent)
{
	if (create_file_demo(name, parent))
		parent->pos = 0;
} /* want `returns with "d_inode_demo\(parent\)->i_rwsem" held \(taken by create_file_demo\(\) at line 92\)` */
