/*
 * A function that sleeps in some cases of a switch on its parameter, as
 * net/ipv6/addrconf.c's __ipv6_ifa_notify() does (addrconf_leave_solict()
 * takes a mutex for RTM_DELADDR only), called through a wrapper that
 * passes the event on. The cases are enumerators, as in rtnetlink.h.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>

enum {
	DEMO_NEWADDR = 20,
#define DEMO_NEWADDR DEMO_NEWADDR
	DEMO_DELADDR,
	DEMO_GETADDR,
	DEMO_BIG = 1 << 8,
	DEMO_AFTER_BIG,
};

struct demo_ifa { int flags; };

static DEFINE_MUTEX(demo_mc_lock);

static void demo_leave_solict(struct demo_ifa *ifa)
{
	mutex_lock(&demo_mc_lock);
	ifa->flags = 0;
	mutex_unlock(&demo_mc_lock);
}

static void __demo_ifa_notify(int event, struct demo_ifa *ifa)
{
	switch (event) {
	case DEMO_NEWADDR:
		ifa->flags |= 1;
		break;
	case DEMO_DELADDR:
		demo_leave_solict(ifa);
		break;
	}
}

void demo_ifa_notify(int event, struct demo_ifa *ifa)
{
	if (ifa->flags >= 0)
		__demo_ifa_notify(event, ifa);
}

/* Sleeps for an enumerator whose value follows a shifted one. */
void demo_ifa_flush(int event, struct demo_ifa *ifa)
{
	switch (event) {
	case DEMO_AFTER_BIG:
		might_sleep();
		break;
	default:
		ifa->flags = 0;
	}
}
