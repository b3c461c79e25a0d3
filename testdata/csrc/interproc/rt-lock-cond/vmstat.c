/*
 * A lock that sleeps on PREEMPT_RT taken only for some values of a
 * parameter (mm/vmstat.c): refresh_cpu_vm_stats() drains the per-CPU
 * page lists, under the zone's spinlock_t, only when do_pagesets is set;
 * quiet_vmstat(), called from the idle loop with preemption disabled,
 * passes false.
 */
#include <linux/spinlock.h>

struct demo_pcp {
	spinlock_t lock;
	int count;
};

static struct demo_pcp demo_pages;

static void demo_free_bulk(struct demo_pcp *pcp)
{
	unsigned long flags;

	spin_lock_irqsave(&pcp->lock, flags);
	pcp->count = 0;
	spin_unlock_irqrestore(&pcp->lock, flags);
}

static void demo_decay(struct demo_pcp *pcp)
{
	demo_free_bulk(pcp);
}

static void demo_refresh(bool do_pagesets)
{
	if (do_pagesets)
		demo_decay(&demo_pages);
}

/* The condition passed on through a parameter of the caller. */
static void demo_refresh_as(bool drain)
{
	demo_refresh(drain);
}

void demo_quiet(void)
{
	demo_refresh(false);
}

void demo_quiet_as(void)
{
	demo_refresh_as(false);
}

void demo_update(void)
{
	demo_refresh(true);
}

void demo_update_as(void)
{
	demo_refresh_as(true);
}
