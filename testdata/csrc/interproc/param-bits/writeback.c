/*
 * fs/fs-writeback.c __mark_inode_dirty(): the filesystem's dirty_inode
 * (which may sleep) is called only for I_DIRTY_INODE bits, though the
 * flags gain another bit on the way there.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>

#define DEMO_I_DIRTY_SYNC	(1 << 0)
#define DEMO_I_DIRTY_DATASYNC	(1 << 1)
#define DEMO_I_DIRTY_PAGES	(1 << 2)
#define DEMO_I_DIRTY_TIME	(1 << 11)
#define DEMO_I_DIRTY_INODE	(DEMO_I_DIRTY_SYNC | DEMO_I_DIRTY_DATASYNC)

struct demo_inode { spinlock_t i_lock; unsigned long i_state; struct mutex m; };

static void demo_dirty_inode(struct demo_inode *inode, int flags)
{
	mutex_lock(&inode->m);
	mutex_unlock(&inode->m);
}

void demo_mark_inode_dirty(struct demo_inode *inode, int flags)
{
	if (flags & DEMO_I_DIRTY_INODE) {
		if (inode->i_state & DEMO_I_DIRTY_TIME) {
			spin_lock(&inode->i_lock);
			if (inode->i_state & DEMO_I_DIRTY_TIME) {
				inode->i_state &= ~DEMO_I_DIRTY_TIME;
				flags |= DEMO_I_DIRTY_TIME;
			}
			spin_unlock(&inode->i_lock);
		}
		demo_dirty_inode(inode, flags & (DEMO_I_DIRTY_INODE | DEMO_I_DIRTY_TIME));
		flags &= ~DEMO_I_DIRTY_TIME;
	}
	inode->i_state |= flags;
}

static DEFINE_SPINLOCK(demo_list_lock);

void demo_mark_buffer_dirty(struct demo_inode *inode)
{
	spin_lock(&demo_list_lock);
	demo_mark_inode_dirty(inode, DEMO_I_DIRTY_PAGES);
	demo_mark_inode_dirty(inode, DEMO_I_DIRTY_SYNC); /* want "demo_mark_inode_dirty\\(\\) may sleep in atomic context" */
	spin_unlock(&demo_list_lock);
}
