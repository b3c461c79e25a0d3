/*
 * A lock reached through a local that an accessor of the function's
 * parameter gave (drivers/gpu/drm/i915/display/intel_tc.c
 * intel_tc_port_unlock(): tc = to_tc_port(dig_port); mutex_unlock(
 * &tc->lock)) is the lock of the accessor's call, which the function's
 * callers can name: intel_tc_port_put_link() takes the lock through
 * intel_tc_port_lock() and releases it through intel_tc_port_unlock().
 * A caller that forgets the unlock on one path still leaks it.
 */
#include <linux/mutex.h>
#include <linux/container_of.h>
#include <linux/errno.h>

struct dig_port_demo { int id; };
struct tc_port_demo { struct mutex lock; int link_refcount; struct dig_port_demo dig; };

static inline struct tc_port_demo *to_tc_demo(struct dig_port_demo *dig)
{
	return container_of(dig, struct tc_port_demo, dig);
}

void tc_lock_demo(struct dig_port_demo *dig)
{
	mutex_lock(&to_tc_demo(dig)->lock);
}

void tc_unlock_demo(struct dig_port_demo *dig)
{
	struct tc_port_demo *tc = to_tc_demo(dig);

	mutex_unlock(&tc->lock);
}

void tc_put_link_demo(struct dig_port_demo *dig)
{
	struct tc_port_demo *tc = to_tc_demo(dig);

	tc_lock_demo(dig);
	tc->link_refcount--;
	tc_unlock_demo(dig);
}

int tc_get_link_demo(struct dig_port_demo *dig)
{
	struct tc_port_demo *tc = to_tc_demo(dig);

	tc_lock_demo(dig);
	if (tc->link_refcount < 0)
		return -EINVAL; /* want `returns with "to_tc_demo\(dig\)->lock" held \(taken by tc_lock_demo\(\) at line 47\); the return at line 52 does not hold it` */
	tc->link_refcount++;
	tc_unlock_demo(dig);
	return 0;
}

/*
 * Annotated as taking and releasing the lock it names through the
 * accessor (drivers/net/ethernet/nvidia/forcedeth.c nv_get_stats64():
 * __acquires(&netdev_priv(dev)->hwstats_lock) and __releases() of the
 * same): the lock it takes through the local is not one held at entry.
 */
void tc_stats_demo(struct dig_port_demo *dig)
	__acquires(&to_tc_demo(dig)->lock)
	__releases(&to_tc_demo(dig)->lock)
{
	struct tc_port_demo *tc = to_tc_demo(dig);

	mutex_lock(&tc->lock);
	tc->link_refcount = 0;
	mutex_unlock(&tc->lock);
}
