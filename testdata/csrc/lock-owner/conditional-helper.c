/*
 * Conditional lock helpers: a function that returns nothing (or the
 * interrupt state its _irqsave lock saved) takes a lock
 * on some paths with a plain acquire and releases it on none; the paths
 * without it never took it, and its unlock helper tests the same
 * condition (fs/pipe.c pipe_lock(), sound/core/pcm_native.c
 * snd_pcm_group_lock(), mm/hugetlb.c hugetlb_vma_lock_write()). Not
 * flagged. A function that releases the lock on some paths and keeps it
 * on others is.
 */
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct pipe_demo {
	struct mutex mutex;
	spinlock_t lock;
	int files;
	int nonatomic;
	int x;
};

void pipe_lock_demo(struct pipe_demo *pipe)
{
	if (pipe->files)
		mutex_lock(&pipe->mutex);
}

void pipe_unlock_demo(struct pipe_demo *pipe)
{
	if (pipe->files)
		mutex_unlock(&pipe->mutex);
}

void group_lock_demo(struct pipe_demo *group)
{
	if (group->nonatomic)
		mutex_lock(&group->mutex);
	else
		spin_lock(&group->lock);
}

/*
 * sound/core/pcm_native.c _snd_pcm_stream_lock_irqsave(): the interrupt
 * state the spinlock saved is what it returns, for the caller's unlock
 * helper to restore. Not flagged.
 */
unsigned long group_lock_irqsave_demo(struct pipe_demo *group)
{
	unsigned long flags = 0;

	if (group->nonatomic)
		mutex_lock(&group->mutex);
	else
		spin_lock_irqsave(&group->lock, flags);
	return flags;
}

/* Flagged: a count returned says nothing of the lock. */
int group_lock_count_demo(struct pipe_demo *group)
{
	if (group->nonatomic)
		mutex_lock(&group->mutex);
	return group->x;	/* want `returns with "group->mutex" held` */
}

/* Flagged: it releases the lock on the early return, keeps it on the other. */
void pipe_set_broken_demo(struct pipe_demo *pipe)
{
	mutex_lock(&pipe->mutex);
	if (!pipe->files) {
		mutex_unlock(&pipe->mutex);
		return;
	}
	pipe->x = 1;
}	/* want `returns with "pipe->mutex" held \(taken by mutex_lock\(\) at line 69\); the return at line 72 does not hold it` */

/* Flagged: a trylock's result is the caller's to test, not returned here. */
void pipe_try_broken_demo(struct pipe_demo *pipe)
{
	if (mutex_trylock(&pipe->mutex))
		pipe->x = 2;
}	/* want `returns with "pipe->mutex" held` */

/*
 * Flagged: work done under the lock before returning is no helper's; the
 * unlock was forgotten (drivers/usb/mon/mon_main.c mon_bus_init() with
 * the unlock after list_add_tail() deleted).
 */
void pipe_update_broken_demo(struct pipe_demo *pipe, int v)
{
	if (v) {
		spin_lock(&pipe->lock);
		pipe->x = v;
		return;	/* want `returns with "pipe->lock" held` */
	}
}
