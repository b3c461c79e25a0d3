/* Runtime-PM-like flags and helpers, as include/linux/pm_runtime.h writes them. */
#define DEMO_RPM_ASYNC		0x01
#define DEMO_RPM_NOWAIT		0x02
#define DEMO_RPM_GET_PUT	0x04

struct demo_dev;
int demo_pm_idle(struct demo_dev *dev, int rpmflags);
int demo_pm_resume(struct demo_dev *dev, int rpmflags);
int demo_pm_suspend(struct demo_dev *dev, int rpmflags);

static inline int demo_pm_put(struct demo_dev *dev)
{
	return demo_pm_idle(dev, DEMO_RPM_GET_PUT | DEMO_RPM_ASYNC);
}

static inline int demo_pm_put_sync(struct demo_dev *dev)
{
	return demo_pm_idle(dev, DEMO_RPM_GET_PUT);
}
