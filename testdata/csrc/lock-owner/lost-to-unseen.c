/*
 * A lock taken through a helper, then passed, with its object, to code
 * the analysis does not see, in the shape of fs/dcache.c dput():
 * __dentry_kill() returns the parent with its d_lock held (or NULL), and
 * retain_dentry() hands the dentry to the filesystem's d_delete(). That
 * code may have released the lock, or not: the release that follows is
 * no certain second one. A release after the helper's partner released
 * the lock is.
 */
#include <linux/spinlock.h>

struct dentry_demo {
	spinlock_t d_lock;
	struct dentry_demo *d_parent;
	int count;
};

bool retain_dentry_demo(struct dentry_demo *dentry);

static struct dentry_demo *kill_demo(struct dentry_demo *dentry)
{
	struct dentry_demo *parent = NULL;

	spin_unlock(&dentry->d_lock);
	if (dentry->d_parent != dentry) {
		parent = dentry->d_parent;
		spin_lock(&parent->d_lock);
	}
	return parent;
}

static void unlock_parent_demo(struct dentry_demo *dentry)
{
	spin_unlock(&dentry->d_lock);
}

void dput_demo(struct dentry_demo *dentry)
{
	if (!dentry)
		return;
	spin_lock(&dentry->d_lock);
	while (dentry->count == 0) {
		dentry = kill_demo(dentry);
		if (!dentry)
			return;
		if (retain_dentry_demo(dentry)) {
			spin_unlock(&dentry->d_lock);
			return;
		}
	}
	spin_unlock(&dentry->d_lock);
}

void dput_twice_demo(struct dentry_demo *dentry)
{
	spin_lock(&dentry->d_lock);
	dentry = kill_demo(dentry);
	if (!dentry)
		return;
	unlock_parent_demo(dentry);
	spin_unlock(&dentry->d_lock); /* want "releases \"dentry->d_lock\", which this function" */
}
