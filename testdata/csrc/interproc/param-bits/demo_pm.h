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

/* Flags built by a statement expression whose value ORs a constant bit
 * into a variable part (drivers/gpu/drm/i915/gt/uc/intel_guc_ct.h
 * MAKE_SEND_FLAGS(), passed by intel_guc_send_nb()): the bit is set
 * whatever the part. */
#define DEMO_MAKE_FLAGS(n) ({ int n_ = (n); ((n_ << 8) | DEMO_RPM_ASYNC); })

static inline int demo_pm_idle_nb(struct demo_dev *dev, int n)
{
	return demo_pm_idle(dev, DEMO_MAKE_FLAGS(n));
}

/* Without the constant bit in both arms of ?:, nothing is known. */
static inline int demo_pm_idle_maybe(struct demo_dev *dev, int n, int async)
{
	return demo_pm_idle(dev, async ? (n | DEMO_RPM_ASYNC) : n);
}
