/*
 * preempt-locking.rst, "Solution": the cpucache_t example with the per-CPU
 * lookup in a static inline helper, where one caller forgot to disable
 * preemption. The helper then starts preemptible and the this_cpu_ptr()
 * inside it is reported, once, at the line where it is written.
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

/* One of its two callers is preemptible. Unsafe. */
static inline struct array_cache *cpu_cache_get(struct kmem_cache *cachep)
{
	return this_cpu_ptr(cachep->cpu_cache);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */
}

/* Pinned caller. Safe by itself. */
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

/* Preemptible caller: the reason the helper is reported. Unsafe. */
int drain_cpu_cache_racy(struct kmem_cache *searchp)
{
	struct array_cache *cc = cpu_cache_get(searchp);

	if (cc->avail) {
		free_block(searchp, cc->entry, cc->avail);
		cc->avail = 0;
	}
	return 0;
}
