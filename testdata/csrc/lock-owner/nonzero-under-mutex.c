/*
 * A nonzero value of unknown sign returned with a lock held, while the
 * paths that return 0 never took it, is a trylock's result passed on;
 * when mutex_lock() took the lock, whatever the result, it is an error
 * returned by a path that forgot to unlock (drivers/iommu/iommu.c
 * iommu_probe_device()'s loop: "if (ret) return ret;" under
 * group->mutex, with the unlock before it deleted).
 */
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct group_demo {
	struct mutex mutex;
	spinlock_t lock;
	int ready;
};

int setup_domain_demo(struct group_demo *group);

int probe_demo(struct group_demo *groups, int n)
{
	int i, ret;

	for (i = 0; i < n; i++) {
		struct group_demo *group = &groups[i];

		if (!group->ready)
			continue;
		mutex_lock(&group->mutex);
		ret = setup_domain_demo(group);
		if (ret)
			return ret;	/* want `returns with "group->mutex" held` */
		mutex_unlock(&group->mutex);
	}
	return 0;
}

/* Not flagged: the trylock's result, held iff nonzero. */
int try_demo(struct group_demo *group)
{
	int ret;

	if (!group->ready)
		return 0;
	ret = spin_trylock(&group->lock);
	if (!ret)
		return 0;
	group->ready = 2;
	return ret;
}
