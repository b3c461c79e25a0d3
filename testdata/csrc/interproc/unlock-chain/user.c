#include <linux/errno.h>

struct thing {
	int ready;
	int count;
};

void big_lock(void);
void big_unlock(void);
int big_trylock(void);

static inline int big_net_trylock(struct thing *t)
{
	return big_trylock();
}

static inline void big_net_unlock(struct thing *t)
{
	big_unlock();
}


/* An early return before the lock, and one unlock per lock. Not flagged. */
int thing_update(struct thing *t)
{
	if (!t->ready)
		return -EINVAL;
	big_lock();
	t->count++;
	big_unlock();
	return 0;
}

/* An error path that forgets the unlock. */
int thing_update_leaky(struct thing *t)
{
	big_lock();
	if (!t->ready)
		return -EINVAL; /* want "returns with \"big_mutex\" held" */
	t->count++;
	big_unlock();
	return 0;
}

/*
 * A trylock through a wrapper, given up when it fails, released through
 * the other file's chain (net/ipv6/addrconf.c addrconf_fixup_forwarding()
 * with rtnl_net_trylock() and rtnl_net_unlock()). Not flagged.
 */
int thing_sysctl(struct thing *t, int v)
{
	if (!big_net_trylock(t))
		return -EAGAIN;
	t->count = v;
	if (t->ready) {
		big_net_unlock(t);
		return 0;
	}
	t->count++;
	big_net_unlock(t);
	return 0;
}
