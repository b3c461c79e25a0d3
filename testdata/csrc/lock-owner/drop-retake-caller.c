/*
 * A helper that drops its caller's lock and takes it back before it
 * returns gives the caller its lock back: it does not take it a second
 * time (drivers/base/regmap/regcache-maple.c regcache_maple_sync_block(),
 * which leaves the RCU read-side section of regcache_maple_sync() to
 * write the registers, cut down). The caller's single unlock ends its
 * section on every path.
 */
#include <linux/rcupdate.h>
#include <linux/errno.h>

int write_demo(int r);
int needs_demo(int r);
void pause_demo(void);

static int sync_block_demo(int min, int max)
{
	int ret = 0, r;
	pause_demo();
	rcu_read_unlock();
	for (r = min; r < max; r++) {
		ret = write_demo(r);
		if (ret != 0)
			goto out;
	}
out:
	rcu_read_lock();
	return ret;
}

/* Not flagged: one rcu_read_lock(), one rcu_read_unlock(). */
int sync_demo(int min, int max)
{
	int ret = 0, r, start = 0;
	int needed = 0;
	rcu_read_lock();
	for (r = min; r < max; r++) {
		if (needs_demo(r)) {
			if (!needed) { start = r; needed = 1; }
			continue;
		}
		if (!needed)
			continue;
		ret = sync_block_demo(start, r);
		if (ret != 0)
			goto out;
		needed = 0;
	}
	if (needed) {
		ret = sync_block_demo(start, r);
		if (ret != 0)
			goto out;
	}
out:
	rcu_read_unlock();
	return ret;
}

/* Flagged: the helper gave the section back, and this returns in it. */
int sync_leak_demo(int min, int max)
{
	int ret;

	rcu_read_lock();
	ret = sync_block_demo(min, max);
	if (ret != 0)
		return ret;	/* want `returns with "rcu_read_lock\(\)" held` */
	rcu_read_unlock();
	return 0;
}
