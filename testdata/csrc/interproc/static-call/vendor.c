/* The vendor's callbacks: the core calls them through static calls. */
#include <linux/slab.h>
#include "ops.h"

static void *vendor_buf;

/* Reached through ev_pmu_add, retargeted to ev_pmu.add: flagged. */
static void vendor_add(int cpu)
{
	vendor_buf = kmalloc(64, GFP_KERNEL);	/* want "kmalloc\\(\\) may sleep in atomic context" */
}

/* Called by vendor_del() on its entry's context: flagged where it sleeps. */
static void vendor_drain(void)
{
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
}

static void vendor_del(int cpu)
{
	kfree(vendor_buf);
	vendor_drain();
}

static const struct ev_pmu vendor_pmu = {
	.add = vendor_add,
	.del = vendor_del,
};

void vendor_init(void)
{
	ev_pmu = vendor_pmu;
	ev_static_call_update();
}
