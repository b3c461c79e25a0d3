/*
 * lock-owner: an annotation is read as written, a primitive's argument as
 * expanded. fs/dcache.c: dentry_unlink_inode() is annotated
 * __releases(dentry->d_lock) and releases it with
 * spin_unlock(&dentry->d_lock), where d_lock is the macro for
 * d_lockref.lock: the lock of the object dentry points to that the
 * annotation names is the one released.
 */
#include <linux/spinlock.h>

struct lockref {
	spinlock_t lock;
	int count;
};

struct inode {
	spinlock_t i_lock;
	int i_nlink;
};

struct dentry {
	struct lockref d_lockref;
	struct inode *d_inode;
};

#define d_lock d_lockref.lock

void iput(struct inode *inode);

/* Not flagged. */
static void dentry_unlink_inode(struct dentry *dentry)
	__releases(dentry->d_lock)
	__releases(dentry->d_inode->i_lock)
{
	struct inode *inode = dentry->d_inode;

	dentry->d_inode = NULL;
	spin_unlock(&dentry->d_lock);
	spin_unlock(&inode->i_lock);
	iput(inode);
}

/* Flagged: one way out keeps the lock. */
static void dentry_unlink_some(struct dentry *dentry)
	__releases(dentry->d_lock)
{
	if (!dentry->d_inode)
		return;	/* want "returns with \"dentry->d_lock\" held \\(the function is annotated to release it\\)" */
	dentry->d_inode = NULL;
	spin_unlock(&dentry->d_lock);
}

void dentry_kill_demo(struct dentry *d)
{
	spin_lock(&d->d_lock);
	spin_lock(&d->d_inode->i_lock);
	dentry_unlink_inode(d);
	spin_lock(&d->d_lock);
	dentry_unlink_some(d);
}
