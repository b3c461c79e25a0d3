/*
 * preempt-locking.rst, "Solution": the cpucache_t example. cc_data() is
 * the 2.5 slab allocator's macro, which indexes the cache's per-CPU array
 * with smp_processor_id(); the report is on the line where cc_data() is
 * written. The document's correct form encloses every reference to the
 * per-CPU cache in preempt_disable()/preempt_enable().
 */
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/threads.h>

typedef struct cpucache_s {
	unsigned int avail;
	unsigned int limit;
} cpucache_t;

typedef struct kmem_cache_s {
	cpucache_t *cpudata[NR_CPUS];
	unsigned int objsize;
} kmem_cache_t;

#define cc_entry(cpucache) \
	((void **)(((cpucache_t *)(cpucache)) + 1))
#define cc_data(cachep) \
	((cachep)->cpudata[smp_processor_id()])

extern void __free_block(kmem_cache_t *cachep, void **objpp, int len);

/* The document's example: the whole critical region is pinned. Safe. */
int reap_cpucache(kmem_cache_t *searchp)
{
	cpucache_t *cc; /* this is per-CPU */

	preempt_disable();
	cc = cc_data(searchp);
	if (cc && cc->avail) {
		__free_block(searchp, cc_entry(cc), cc->avail);
		cc->avail = 0;
	}
	preempt_enable();
	return 0;
}

/* The same without protection: cc may be another CPU's cache by the time it is drained. Unsafe. */
int reap_cpucache_racy(kmem_cache_t *searchp)
{
	cpucache_t *cc; /* this is per-CPU */

	cc = cc_data(searchp);	/* want "smp_processor_id\\(\\) used in preemptible code" */
	if (cc && cc->avail) {
		__free_block(searchp, cc_entry(cc), cc->avail);
		cc->avail = 0;
	}
	return 0;
}

/* The lookup is pinned but the drain is not: protection must "encompass every reference". */
int reap_cpucache_partial(kmem_cache_t *searchp)
{
	unsigned int avail;

	preempt_disable();
	avail = cc_data(searchp)->avail;
	preempt_enable();
	if (avail) {
		cpucache_t *cc = cc_data(searchp);	/* want "smp_processor_id\\(\\) used in preemptible code" */

		__free_block(searchp, cc_entry(cc), cc->avail);
		cc->avail = 0;
	}
	return 0;
}
