/*
 * preempt-locking.rst, "Solution": the cpucache_t example with the per-CPU
 * lookup in a static inline helper (the modern slab's cpu_cache_get()),
 * computed with this_cpu_ptr(). A static helper whose every call site in
 * the file is pinned starts pinned, so nothing is reported inside it.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>

struct array_cache {
	unsigned int avail;
	unsigned int limit;
	void *entry[16];
};

struct kmem_cache {
	struct array_cache __percpu *cpu_cache;
	unsigned int size;
};

extern void free_block(struct kmem_cache *cachep, void **objpp, int nr);

/* Called only with preemption disabled (below). Safe. */
static inline struct array_cache *cpu_cache_get(struct kmem_cache *cachep)
{
	return this_cpu_ptr(cachep->cpu_cache);
}

/* The document's shape: lookup and drain inside one pinned region. Safe. */
int drain_cpu_cache(struct kmem_cache *searchp)
{
	struct array_cache *cc; /* this is per-CPU */

	preempt_disable();
	cc = cpu_cache_get(searchp);
	if (cc && cc->avail) {
		free_block(searchp, cc->entry, cc->avail);
		cc->avail = 0;
	}
	preempt_enable();
	return 0;
}

/* Same helper, second pinned caller: the helper stays pinned. Safe. */
unsigned int cpu_cache_avail(struct kmem_cache *searchp)
{
	unsigned int avail;

	preempt_disable();
	avail = cpu_cache_get(searchp)->avail;
	preempt_enable();
	return avail;
}
