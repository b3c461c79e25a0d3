/*
 * A return inside a list walk, holding the lock of the entry it reached,
 * leaks that entry's lock: the local naming the entry is assigned at
 * every step, but not between the lock and the return
 * (drivers/iommu/iommu.c bus_iommu_probe() with the unlock before its
 * "return ret;" deleted). Hand-over-hand locking, where the local is
 * assigned again after the lock was taken, is left alone.
 */
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct group_demo {
	struct mutex mutex;
	struct group_demo *next;
};

int setup_default_domain_demo(struct group_demo *group);

int probe_all_demo(struct group_demo *head)
{
	struct group_demo *group;
	int ret;

	for (group = head; group; group = group->next) {
		mutex_lock(&group->mutex);
		ret = setup_default_domain_demo(group);
		if (ret)
			return ret;	/* want `returns with "group->mutex" held` */
		mutex_unlock(&group->mutex);
	}
	return 0;
}

/* Not flagged: every entry's lock is released. */
int probe_all_ok_demo(struct group_demo *head)
{
	struct group_demo *group;
	int ret;

	for (group = head; group; group = group->next) {
		mutex_lock(&group->mutex);
		ret = setup_default_domain_demo(group);
		mutex_unlock(&group->mutex);
		if (ret)
			return ret;
	}
	return 0;
}

struct node_demo {
	spinlock_t lock;
	struct node_demo *next;
	int key;
};

/* Not flagged: hand over hand, the lock of the node returned is the caller's to drop. */
struct node_demo *find_locked_demo(struct node_demo *p, int key)
{
	struct node_demo *n;

	spin_lock(&p->lock);
	while (p->key != key) {
		n = p->next;
		if (!n)
			break;
		spin_lock(&n->lock);
		spin_unlock(&p->lock);
		p = n;
	}
	return p;
}
