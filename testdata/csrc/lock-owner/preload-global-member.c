/*
 * A preload that returns 0 holding a per-CPU structure's local lock, and
 * its wrapper that takes the lock itself when the preload failed, in the
 * shape of lib/radix-tree.c's __radix_tree_preload() and idr_preload()
 * ("returns with preemption disabled. It will be enabled by
 * idr_preload_end()"). The lock is a member of a global object, so the
 * callee's conditional hold means the same lock in the caller: the
 * wrapper returns holding it on every path (by design, not reported),
 * and taking it again where the preload succeeded is a double take.
 */
#include <linux/local_lock.h>
#include <linux/percpu.h>

struct preload_demo {
	local_lock_t lock;
	unsigned int nr;
};

static DEFINE_PER_CPU(struct preload_demo, preloads_demo) = {
	.lock = INIT_LOCAL_LOCK(lock),
};

void *node_alloc_demo(void);

static int preload_demo(unsigned int nr)
{
	struct preload_demo *rtp;
	int ret = -12;

	local_lock(&preloads_demo.lock);
	rtp = this_cpu_ptr(&preloads_demo);
	while (rtp->nr < nr) {
		local_unlock(&preloads_demo.lock);
		if (node_alloc_demo() == 0)
			goto out;
		local_lock(&preloads_demo.lock);
		rtp = this_cpu_ptr(&preloads_demo);
		rtp->nr++;
	}
	ret = 0;
out:
	return ret;
}

void idr_preload_demo(void)
{
	if (preload_demo(4))
		local_lock(&preloads_demo.lock);
}

/* The lock taken again where the preload returned holding it. */
void idr_preload_twice(void)
{
	if (preload_demo(4))
		return;
	local_lock(&preloads_demo.lock);	/* want `"preloads_demo.lock", which is already held` */
	local_unlock(&preloads_demo.lock);
}
