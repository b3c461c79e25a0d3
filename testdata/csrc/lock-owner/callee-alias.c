/*
 * lock-owner: a callee releases its caller's lock under a name the
 * caller does not see as the same. drivers/gpu/drm/drm_gem.c:
 * drm_gem_handle_create_tail() unlocks obj->dev->object_name_lock, which
 * drm_gem_open_ioctl() took as dev->object_name_lock (obj->dev is dev);
 * kernel/rcu/tree.c: rcu_report_qs_rsp() releases rcu_get_root()->lock,
 * which rcu_report_qs_rnp() holds as rnp->lock when rnp is the root. The
 * one lock the caller holds that ends in the same member is the one
 * released.
 */
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct gem_dev_demo {
	struct mutex object_name_lock;
	struct mutex struct_mutex;
};

struct gem_obj_demo {
	struct gem_dev_demo *dev;
	int handle;
};

struct gem_obj_demo *gem_find_demo(struct gem_dev_demo *dev, int name);
int gem_next_handle_demo(struct gem_dev_demo *dev);

static int gem_handle_create_tail_demo(struct gem_obj_demo *obj)
{
	struct gem_dev_demo *dev = obj->dev;

	obj->handle = gem_next_handle_demo(dev);
	mutex_unlock(&dev->object_name_lock);
	return obj->handle;
}

/* Not flagged: the callee released the lock. */
int gem_open_demo(struct gem_dev_demo *dev, int name)
{
	struct gem_obj_demo *obj;

	mutex_lock(&dev->object_name_lock);
	obj = gem_find_demo(dev, name);
	if (!obj) {
		mutex_unlock(&dev->object_name_lock);
		return -2;
	}
	return gem_handle_create_tail_demo(obj);
}

/* Flagged: two locks end in the member; which one is released is not
 * known, and one of them is left held. */
int gem_open_two_demo(struct gem_dev_demo *dev, struct gem_dev_demo *other, int name)
{
	struct gem_obj_demo *obj;

	mutex_lock(&dev->object_name_lock);
	mutex_lock(&other->object_name_lock);
	obj = gem_find_demo(dev, name);
	if (!obj) {
		mutex_unlock(&other->object_name_lock);
		mutex_unlock(&dev->object_name_lock);
		return -2;
	}
	return gem_handle_create_tail_demo(obj);	/* want "returns with \"dev->object_name_lock\" held" "returns with \"other->object_name_lock\" held" */
}

struct rcu_node_demo {
	raw_spinlock_t lock;
	struct rcu_node_demo *parent;
	unsigned long qsmask;
};

struct rcu_node_demo *rcu_get_root_demo(void);

static void report_qs_rsp_demo(unsigned long flags)
	__releases(rcu_get_root_demo()->lock)
{
	raw_spin_unlock_irqrestore(&rcu_get_root_demo()->lock, flags);
}

/* Not flagged: at the root, the root's lock is released. */
void report_qs_rnp_demo(unsigned long mask, struct rcu_node_demo *rnp, unsigned long flags)
	__releases(rnp->lock)
{
	rnp->qsmask &= ~mask;
	if (rnp->qsmask) {
		raw_spin_unlock_irqrestore(&rnp->lock, flags);
		return;
	}
	if (!rnp->parent) {
		report_qs_rsp_demo(flags);
		return;
	}
	raw_spin_unlock_irqrestore(&rnp->lock, flags);
}

/*
 * A callee that releases a lock on some ways out only, which its value
 * does not tell apart, under a name of its own
 * (kernel/time/hrtimer.c hrtimer_try_to_cancel() unlocks the lock
 * lock_hrtimer_base() found): not its caller's lock of the same member
 * (kernel/time/alarmtimer.c alarm_try_to_cancel() holds base->lock
 * around it, and releases it after). Not flagged.
 */
struct timer_base_demo {
	spinlock_t lock;
};

struct timer_demo {
	struct timer_base_demo *base;
	int state;
};

struct alarm_base_demo {
	spinlock_t lock;
	int count;
};

int timer_try_cancel_demo(struct timer_demo *timer)
{
	int ret;

	if (!timer->state)
		return 0;
	ret = timer->state - 1;
	spin_unlock(&timer->base->lock);
	return ret;
}

int alarm_try_cancel_demo(struct alarm_base_demo *base, struct timer_demo *timer)
{
	int ret;

	spin_lock(&base->lock);
	ret = timer_try_cancel_demo(timer);
	if (ret)
		base->count--;
	spin_unlock(&base->lock);
	return ret;
}
