/*
 * interproc: static calls, in the shape of arch/x86/events/core.c. The
 * core calls the vendor's callbacks through static calls that it
 * retargets to what its ops structure holds; the vendor's file fills the
 * structure. A static call reaches every function stored where it is
 * retargeted from, and the function DEFINE_STATIC_CALL() names.
 */
#include <linux/static_call.h>
#include <linux/smp.h>
#include <linux/delay.h>
#include "ops.h"

struct ev_pmu ev_pmu;

DEFINE_STATIC_CALL_NULL(ev_pmu_add, *ev_pmu.add);
DEFINE_STATIC_CALL_NULL(ev_pmu_del, *ev_pmu.del);

/* Reached through the static call's first target, interrupts off: flagged. */
static void ev_default_flush(int cpu)
{
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
}

DEFINE_STATIC_CALL(ev_flush, ev_default_flush);

void ev_static_call_update(void)
{
	static_call_update(ev_pmu_add, ev_pmu.add);
	static_call_update(ev_pmu_del, ev_pmu.del);
}

/*
 * Runs with interrupts off on each CPU (smp_call_function()). The calls
 * name no callee: what the callees do is reported in them.
 */
static void ev_add_on_cpu(void *info)
{
	static_call(ev_pmu_add)(1);
	static_call_cond(ev_pmu_del)(1);
	static_call(ev_flush)(1);
}

void ev_enable(void)
{
	smp_call_function(ev_add_on_cpu, NULL, 1);
}
