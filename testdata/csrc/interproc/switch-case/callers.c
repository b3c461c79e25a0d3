/* Callers under a read_lock_bh(), as manage_tempaddrs() calls
 * ipv6_ifa_notify(0, ift): event 0 is no case that sleeps. The callees,
 * entered with bottom halves disabled by every caller, report nothing
 * themselves: the callers' calls are where the sleep is. */
#include <linux/spinlock.h>

struct demo_ifa;
void demo_ifa_notify(int event, struct demo_ifa *ifa);
void demo_ifa_flush(int event, struct demo_ifa *ifa);

static DEFINE_RWLOCK(demo_idev_lock);

void demo_tempaddrs(struct demo_ifa *ifa)
{
	read_lock_bh(&demo_idev_lock);
	demo_ifa_notify(0, ifa);
	demo_ifa_flush(0, ifa);
	read_unlock_bh(&demo_idev_lock);
}

void demo_deladdr(struct demo_ifa *ifa)
{
	read_lock_bh(&demo_idev_lock);
	demo_ifa_notify(21, ifa); /* want "demo_ifa_notify\\(\\) may sleep in atomic context \\(mutex_lock\\(\\) is 4 calls down\\)" */
	demo_ifa_flush(0x101, ifa); /* want "demo_ifa_flush\\(\\) may sleep in atomic context" */
	read_unlock_bh(&demo_idev_lock);
}
