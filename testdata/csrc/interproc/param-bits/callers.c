/* Callers in atomic context: flags that rule the sleep out, or not. */
#include <linux/spinlock.h>
#include "demo_pm.h"

static DEFINE_SPINLOCK(demo_lock);

void demo_put_locked(struct demo_dev *dev)
{
	spin_lock(&demo_lock);
	demo_pm_put(dev);
	demo_pm_idle(dev, DEMO_RPM_ASYNC);
	demo_pm_idle(dev, DEMO_RPM_ASYNC | DEMO_RPM_NOWAIT);
	demo_pm_resume(dev, DEMO_RPM_GET_PUT | DEMO_RPM_ASYNC);
	demo_pm_idle_nb(dev, 2);
	demo_pm_idle(dev, DEMO_MAKE_FLAGS(3));
	spin_unlock(&demo_lock);
}

void demo_put_sync_locked(struct demo_dev *dev)
{
	spin_lock(&demo_lock);
	demo_pm_put_sync(dev); /* want "demo_pm_put_sync\\(\\) may sleep in atomic context" */
	demo_pm_idle(dev, DEMO_RPM_NOWAIT | DEMO_RPM_GET_PUT); /* want "demo_pm_idle\\(\\) may sleep in atomic context" */
	demo_pm_resume(dev, 0); /* want "demo_pm_resume\\(\\) may sleep in atomic context" */
	demo_pm_suspend(dev, DEMO_RPM_ASYNC); /* want "demo_pm_suspend\\(\\) may sleep in atomic context" */
	demo_pm_idle_maybe(dev, 2, 1); /* want "demo_pm_idle_maybe\\(\\) may sleep in atomic context" */
	spin_unlock(&demo_lock);
}

/* Flags from the caller's own caller: not known here. */
void demo_put_flags_locked(struct demo_dev *dev, int flags)
{
	spin_lock(&demo_lock);
	demo_pm_idle(dev, flags); /* want "demo_pm_idle\\(\\) may sleep in atomic context" */
	spin_unlock(&demo_lock);
}
