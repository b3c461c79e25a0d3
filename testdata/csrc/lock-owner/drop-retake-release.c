/*
 * A helper that drops its caller's lock, takes it back, and releases it
 * before it returns has released the caller's lock on every path
 * (fs/inode.c iput_final(): inode->i_lock, taken by its caller's
 * atomic_dec_and_lock(), is dropped around write_inode_now() and
 * released for good before evict()). The caller's lock ends with the
 * call: not flagged. A helper that ends holding the lock it took back on
 * one path gives its caller a lock held on some paths only: flagged.
 */
#include <linux/spinlock.h>
#include <linux/atomic.h>

struct inode_demo {
	spinlock_t i_lock;
	atomic_t i_count;
	unsigned long i_state;
	unsigned int i_nlink;
};

int drop_inode_demo(struct inode_demo *inode);
void write_inode_now_demo(struct inode_demo *inode);
void evict_demo(struct inode_demo *inode);
void mark_dirty_demo(struct inode_demo *inode);

static void iput_final_demo(struct inode_demo *inode)
{
	unsigned long state;
	int drop = drop_inode_demo(inode);

	if (!drop && (inode->i_state & 4)) {
		spin_unlock(&inode->i_lock);
		return;
	}
	state = inode->i_state;
	if (!drop) {
		inode->i_state = state | 8;
		spin_unlock(&inode->i_lock);
		write_inode_now_demo(inode);
		spin_lock(&inode->i_lock);
		state = inode->i_state;
	}
	inode->i_state = state | 16;
	spin_unlock(&inode->i_lock);
	evict_demo(inode);
}

void iput_demo(struct inode_demo *inode)
{
	if (!inode)
		return;
retry:
	if (atomic_dec_and_lock(&inode->i_count, &inode->i_lock)) {
		if (inode->i_nlink && (inode->i_state & 2)) {
			atomic_inc(&inode->i_count);
			spin_unlock(&inode->i_lock);
			mark_dirty_demo(inode);
			goto retry;
		}
		iput_final_demo(inode);
	}
}

/* Takes the lock back and keeps it on one path. */
static void iput_keep_demo(struct inode_demo *inode)
{
	spin_unlock(&inode->i_lock);
	write_inode_now_demo(inode);
	spin_lock(&inode->i_lock);
	if (inode->i_state & 32)
		return;
	spin_unlock(&inode->i_lock);
}

void iput_keep_caller_demo(struct inode_demo *inode)
{
	if (atomic_dec_and_lock(&inode->i_count, &inode->i_lock))
		iput_keep_demo(inode);
}	/* want "returns with .inode->i_lock. held" */
