/* Header helpers (static inline functions of a header) that sleep, as
 * include/linux/pm_runtime.h's pm_runtime_get_sync() or a driver's
 * allocation wrapper do, and one that gives up its caller's lock first. */
#include <linux/slab.h>
#include <linux/completion.h>
#include <linux/spinlock.h>

static inline void *demo_alloc(size_t n, gfp_t gfp)
{
	return kmalloc(n, gfp);
}

static inline void demo_wait(struct completion *c)
{
	wait_for_completion(c);
}

static inline void demo_wait_timeout(struct completion *c, int nowait)
{
	if (!nowait)
		demo_wait(c);
}

static inline void demo_unlock_wait(spinlock_t *l, struct completion *c)
{
	spin_unlock(l);
	wait_for_completion(c);
	spin_lock(l);
}
