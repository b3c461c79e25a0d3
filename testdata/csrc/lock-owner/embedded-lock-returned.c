/*
 * A lookup that returns an object locked, or NULL, where the lock is a
 * member of a struct embedded in the object, in the shape of fs/dcache.c
 * __dentry_kill() and dput(): d_lock is d_lockref.lock, and taking
 * &parent->d_lock dereferences parent as taking a lock of the object
 * itself does. The caller holds the returned parent's lock exactly where
 * the value is not NULL, and releases it there: no report. A caller that
 * returns holding it on one way still leaks it.
 */
#include <linux/spinlock.h>

struct lockref_demo {
	spinlock_t lock;
	int count;
};

struct dentry_demo {
	struct lockref_demo d_lockref;
	struct dentry_demo *d_parent;
	int flags;
};

#define d_lock_demo d_lockref.lock

void free_dentry_demo(struct dentry_demo *dentry);

static struct dentry_demo *kill_demo(struct dentry_demo *dentry)
{
	struct dentry_demo *parent = NULL;

	spin_unlock(&dentry->d_lock_demo);
	if (dentry->d_parent != dentry) {
		parent = dentry->d_parent;
		spin_lock(&parent->d_lock_demo);
	}
	free_dentry_demo(dentry);
	if (parent && --parent->d_lockref.count) {
		spin_unlock(&parent->d_lock_demo);
		return NULL;
	}
	return parent;
}

void dput_demo(struct dentry_demo *dentry)
{
	spin_lock(&dentry->d_lock_demo);
	while (dentry->flags == 0) {
		dentry = kill_demo(dentry);
		if (!dentry)
			return;
		if (dentry->flags & 1) {
			spin_unlock(&dentry->d_lock_demo);
			return;
		}
	}
	spin_unlock(&dentry->d_lock_demo);
}

int dput_leak_demo(struct dentry_demo *dentry)
{
	struct dentry_demo *parent;

	spin_lock(&dentry->d_lock_demo);
	parent = kill_demo(dentry);
	if (!parent)
		return 0;
	if (parent->flags & 2)
		return -16;	/* want "returns with \"parent->d_lockref.lock\" held" */
	spin_unlock(&parent->d_lock_demo);
	return 0;
}
