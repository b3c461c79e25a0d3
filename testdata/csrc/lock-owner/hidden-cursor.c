/*
 * A lock of the object a cursor points to, held at a return, is one no
 * caller can release when the function neither returns the cursor nor
 * stores it anywhere its caller sees: whatever the value returned, the
 * caller cannot tell which object is locked (fs/libfs.c simple_empty()
 * with the unlock of the child's lock before its goto deleted).
 */
#include <linux/spinlock.h>

struct dentry_demo {
	spinlock_t d_lock;
	struct dentry_demo *next;
	int positive;
};

int simple_empty_broken_demo(struct dentry_demo *dentry)
{
	struct dentry_demo *child;
	int ret = 0;

	spin_lock(&dentry->d_lock);
	for (child = dentry->next; child; child = child->next) {
		spin_lock(&child->d_lock);
		if (child->positive)
			goto out;
		spin_unlock(&child->d_lock);
	}
	ret = 1;
out:
	spin_unlock(&dentry->d_lock);
	return ret;	/* want `returns with "child->d_lock" held \(taken by spin_lock\(\) at line 23\), and no caller can release it` */
}

/* Not flagged: the original, every child's lock released. */
int simple_empty_demo(struct dentry_demo *dentry)
{
	struct dentry_demo *child;
	int ret = 0;

	spin_lock(&dentry->d_lock);
	for (child = dentry->next; child; child = child->next) {
		spin_lock(&child->d_lock);
		if (child->positive) {
			spin_unlock(&child->d_lock);
			goto out;
		}
		spin_unlock(&child->d_lock);
	}
	ret = 1;
out:
	spin_unlock(&dentry->d_lock);
	return ret;
}

/* Not flagged: the cursor is returned, the caller releases its lock. */
struct dentry_demo *find_positive_demo(struct dentry_demo *dentry)
{
	struct dentry_demo *child;

	for (child = dentry->next; child; child = child->next) {
		spin_lock(&child->d_lock);
		if (child->positive)
			return child;
		spin_unlock(&child->d_lock);
	}
	return NULL;
}

/* Not flagged: the cursor is stored where the caller finds it. */
int lock_positive_demo(struct dentry_demo *dentry, struct dentry_demo **found)
{
	struct dentry_demo *child;

	for (child = dentry->next; child; child = child->next) {
		spin_lock(&child->d_lock);
		if (child->positive) {
			*found = child;
			return 0;
		}
		spin_unlock(&child->d_lock);
	}
	return -1;
}

/* Not flagged: the cursor is copied to a local that is returned. */
struct dentry_demo *find_positive_copy_demo(struct dentry_demo *dentry)
{
	struct dentry_demo *child, *hit = NULL;

	for (child = dentry->next; child; child = child->next) {
		spin_lock(&child->d_lock);
		if (child->positive) {
			hit = child;
			break;
		}
		spin_unlock(&child->d_lock);
	}
	return hit;
}

/*
 * A lock taken with spin_lock_irqsave() into a local the function keeps to
 * itself: no caller has the interrupt state to restore, so the return of
 * 0 holding it is no helper's (drivers/iommu/iova.c
 * __alloc_and_insert_iova_range() with the unlock before "return 0"
 * deleted).
 */
struct iova_domain_demo {
	spinlock_t iova_rbtree_lock;
	unsigned long max32_alloc_size;
};

int alloc_range_broken_demo(struct iova_domain_demo *iovad, unsigned long size)
{
	unsigned long flags;

	spin_lock_irqsave(&iovad->iova_rbtree_lock, flags);
	if (size >= iovad->max32_alloc_size)
		goto full;
	iovad->max32_alloc_size -= size;
	return 0;	/* want `returns with "iovad->iova_rbtree_lock" held \(taken by spin_lock_irqsave\(\) at line 117\), and no caller can restore the interrupt state it saved in "flags"` */

full:
	spin_unlock_irqrestore(&iovad->iova_rbtree_lock, flags);
	return -12;
}

/* Not flagged: the saved state goes to the caller, who restores it. */
int lock_range_demo(struct iova_domain_demo *iovad, unsigned long size, unsigned long *pflags)
{
	unsigned long flags;

	spin_lock_irqsave(&iovad->iova_rbtree_lock, flags);
	if (size >= iovad->max32_alloc_size) {
		spin_unlock_irqrestore(&iovad->iova_rbtree_lock, flags);
		return -12;
	}
	*pflags = flags;
	return 0;
}

void finish_range_unlock_demo(struct iova_domain_demo *iovad, unsigned long flags);

/* Not flagged: a helper the analysis does not see gets the saved state. */
int alloc_range_handoff_demo(struct iova_domain_demo *iovad, unsigned long size)
{
	unsigned long flags;

	spin_lock_irqsave(&iovad->iova_rbtree_lock, flags);
	if (size >= iovad->max32_alloc_size) {
		spin_unlock_irqrestore(&iovad->iova_rbtree_lock, flags);
		return -12;
	}
	finish_range_unlock_demo(iovad, flags);
	return 0;
}

struct inode_demo {
	spinlock_t i_lock;
};

struct dentry_inode_demo {
	spinlock_t d_lock;
	struct inode_demo *d_inode;
	int count;
};

/*
 * Not flagged: the local is given only what its caller can name too
 * (dentry->d_inode, again after each retry), so the caller releases
 * dentry->d_inode->i_lock (fs/dcache.c lock_for_kill()).
 */
bool lock_for_kill_demo(struct dentry_inode_demo *dentry)
{
	struct inode_demo *inode = dentry->d_inode;

	if (!inode || spin_trylock(&inode->i_lock))
		return true;
	do {
		spin_unlock(&dentry->d_lock);
		spin_lock(&inode->i_lock);
		spin_lock(&dentry->d_lock);
		if (inode == dentry->d_inode)
			break;
		spin_unlock(&inode->i_lock);
		inode = dentry->d_inode;
	} while (inode);
	if (!dentry->count)
		return true;
	if (inode)
		spin_unlock(&inode->i_lock);
	return false;
}
