/*
 * A function that sleeps only when bits of a parameter say so, as
 * drivers/base/power/runtime.c's __pm_runtime_idle() does:
 * might_sleep_if(!(rpmflags & RPM_ASYNC) && !dev->power.irq_safe).
 * Callers pass the flags as macros OR-ed together, through header
 * helpers (include/linux/pm_runtime.h's pm_runtime_put()).
 */
#include <linux/kernel.h>
#include "demo_pm.h"

struct demo_dev { int irq_safe; int usage; };

int demo_pm_idle(struct demo_dev *dev, int rpmflags)
{
	might_sleep_if(!(rpmflags & DEMO_RPM_ASYNC) && !dev->irq_safe);
	dev->usage--;
	return 0;
}

/* Bits tested with == 0: the same condition, written out. */
int demo_pm_resume(struct demo_dev *dev, int rpmflags)
{
	if ((rpmflags & DEMO_RPM_ASYNC) == 0)
		might_sleep();
	return 0;
}

/* The flags a caller passes on, with the bit cleared by a write first:
 * what the branch taught is forgotten. */
int demo_pm_suspend(struct demo_dev *dev, int rpmflags)
{
	if (rpmflags & DEMO_RPM_ASYNC) {
		rpmflags = 0;
		might_sleep();
	}
	return 0;
}
