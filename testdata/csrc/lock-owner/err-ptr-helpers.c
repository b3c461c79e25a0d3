/*
 * Lock helpers that return what they locked, or NULL locked, and an
 * ERR_PTR() unlocked (fs/namei.c lock_two_directories() and
 * lock_rename(), cut down): the caller's IS_ERR() tells the exits apart,
 * so they are helpers by design. An ERR_PTR() returned with the lock
 * still held is the error path that forgot to unlock.
 */
#include <linux/mutex.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/stddef.h>

struct sb_demo {
	struct mutex rename_mutex;
};

struct inode_demo {
	struct mutex rwsem;
};

struct dentry_demo {
	struct dentry_demo *parent;
	struct inode_demo *inode;
	struct sb_demo *sb;
};

static struct dentry_demo *lock_two_demo(struct dentry_demo *p1, struct dentry_demo *p2)
{
	struct dentry_demo *p = p1, *r;

	while ((r = p->parent) != p2 && r != p)
		p = r;
	if (r == p2) {
		mutex_lock(&p2->inode->rwsem);
		mutex_lock(&p1->inode->rwsem);
		return p;
	}
	if (r == p) {
		mutex_lock(&p1->inode->rwsem);
		mutex_lock(&p2->inode->rwsem);
		return NULL;
	}
	mutex_unlock(&p1->sb->rename_mutex);
	return ERR_PTR(-EXDEV);
}

/* Returns the call's dentry, locked unless it is an ERR_PTR(). */
struct dentry_demo *lock_rename_demo(struct dentry_demo *p1, struct dentry_demo *p2)
{
	if (p1 == p2) {
		mutex_lock(&p1->inode->rwsem);
		mutex_lock(&p2->inode->rwsem);
		return NULL;
	}
	mutex_lock(&p1->sb->rename_mutex);
	return lock_two_demo(p1, p2);
}

struct dentry_demo *lock_child_demo(struct dentry_demo *c, struct dentry_demo *p)
{
	mutex_lock(&p->inode->rwsem);
	if (!c->inode) {
		mutex_unlock(&p->inode->rwsem);
		return ERR_PTR(-ENOENT);
	}
	if (c->parent != p)
		return ERR_PTR(-EINVAL);	/* want `returns with "p->inode->rwsem" held` */
	return c;
}
