/*
 * lock-owner: an allocation with __GFP_NOFAIL never returns NULL, so the
 * WARN_ON(!ctx) return before the lock is no way out
 * (drivers/gpu/drm/drm_modeset_lock.c drm_modeset_lock_all(): every
 * return after mutex_lock() keeps the lock, for drm_modeset_unlock_all()).
 * Without __GFP_NOFAIL the allocation may fail, and the function returns
 * with the lock on some paths only: flagged.
 */
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/bug.h>

struct modeset_demo {
	struct mutex mutex;
	void *ctx;
};

int lock_ctx_demo(void *ctx);

void lock_all_demo(struct modeset_demo *config)
{
	void *ctx;

	ctx = kzalloc(16, GFP_KERNEL | __GFP_NOFAIL);
	if (WARN_ON(!ctx))
		return;
	mutex_lock(&config->mutex);
	if (lock_ctx_demo(ctx) < 0) {
		kfree(ctx);
		return;
	}
	config->ctx = ctx;
}

void lock_all_may_fail_demo(struct modeset_demo *config)
{
	void *ctx;

	ctx = kzalloc(16, GFP_KERNEL);
	if (WARN_ON(!ctx))
		return;
	mutex_lock(&config->mutex);
	config->ctx = ctx;
}	/* want "returns with \"config->mutex\" held \\(taken by mutex_lock\\(\\) at line 42\\); the return at line 41" */

/*
 * Its unlock helper reaches the lock through a variable holding the
 * address of the member the lock is in (config = &dev->mode_config):
 * config->mutex is dev->mode_config.mutex, as the helper's own unlock
 * names it. A caller pairing the two holds nothing at its returns.
 */
struct device_demo {
	struct modeset_demo mode_config;
	int has_display;
};

void lock_all_dev_demo(struct device_demo *dev)
{
	struct modeset_demo *config = &dev->mode_config;
	void *ctx;

	ctx = kzalloc(16, GFP_KERNEL | __GFP_NOFAIL);
	if (WARN_ON(!ctx))
		return;
	mutex_lock(&config->mutex);
	config->ctx = ctx;
}

void unlock_all_dev_demo(struct device_demo *dev)
{
	struct modeset_demo *config = &dev->mode_config;
	void *ctx = config->ctx;

	if (WARN_ON(!ctx))
		return;
	config->ctx = NULL;
	kfree(ctx);
	mutex_unlock(&dev->mode_config.mutex);
}

void suspend_all_demo(struct device_demo *dev)
{
	if (!dev->has_display)
		return;
	lock_all_dev_demo(dev);
	dev->has_display = 2;
	unlock_all_dev_demo(dev);
}
