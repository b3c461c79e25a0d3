/*
 * preempt-imbalance: preemption disabled iff a lookup returns non-NULL.
 * Cut down from mm/page_alloc.c: pcpu_spin_trylock() disables preemption,
 * takes the per-CPU pageset's lock if it can, and otherwise enables
 * preemption again and yields NULL; its caller unlocks (and enables
 * preemption) only where it got the pageset. Not flagged; the same
 * without the test is.
 */
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>

struct per_cpu_pages_demo {
	spinlock_t lock;
	int count;
};

static DEFINE_PER_CPU(struct per_cpu_pages_demo, pageset);

#define pcpu_task_pin()		preempt_disable()
#define pcpu_task_unpin()	preempt_enable()

#define pcpu_spin_trylock(type, member, ptr)				\
({									\
	type *_ret;							\
	pcpu_task_pin();						\
	_ret = this_cpu_ptr(ptr);					\
	if (!spin_trylock(&_ret->member)) {				\
		pcpu_task_unpin();					\
		_ret = NULL;						\
	}								\
	_ret;								\
})

#define pcpu_spin_unlock(member, ptr)					\
({									\
	spin_unlock(&ptr->member);					\
	pcpu_task_unpin();						\
})

#define pcp_spin_trylock(ptr)	pcpu_spin_trylock(struct per_cpu_pages_demo, lock, ptr)
#define pcp_spin_unlock(ptr)	pcpu_spin_unlock(lock, ptr)

void free_one_demo(void);

void free_unref_demo(void)
{
	struct per_cpu_pages_demo *pcp;

	pcp = pcp_spin_trylock(&pageset);
	if (pcp) {
		pcp->count++;
		pcp_spin_unlock(pcp);
	} else {
		free_one_demo();
	}
}

int rmqueue_demo(void)
{
	struct per_cpu_pages_demo *pcp;
	int count;

	pcp = pcp_spin_trylock(&pageset);
	if (!pcp)
		return 0;
	count = pcp->count--;
	pcp_spin_unlock(pcp);
	return count;
}

/* The same without the test: where the trylock failed, the unlock
 * enables preemption a second time. */
void free_unref_untested(void)
{
	struct per_cpu_pages_demo *pcp;

	pcp = pcp_spin_trylock(&pageset);
	pcp->count++;
	pcp_spin_unlock(pcp);
}	/* want "preempt depth at return is -1 or 0 depending on the path" "returns with ._ret->lock. held \\(taken by spin_trylock\\(\\) at line 78\\)" */

struct zone_demo;
struct folio_demo {
	struct zone_demo *zone;
	int isolated;
};

/* A loop keeps the pageset of one zone locked from one folio to the
 * next (free_unref_folios()): pcp non-NULL at the loop's head iff
 * preemption is disabled, whichever edge it came by. */
void free_unref_batch(struct folio_demo **folios, int nr)
{
	struct per_cpu_pages_demo *pcp = NULL;
	struct zone_demo *locked_zone = NULL;
	int i;

	for (i = 0; i < nr; i++) {
		struct folio_demo *folio = folios[i];
		struct zone_demo *zone = folio->zone;

		if (zone != locked_zone || folio->isolated) {
			if (pcp) {
				pcp_spin_unlock(pcp);
				locked_zone = NULL;
				pcp = NULL;
			}
			if (folio->isolated) {
				free_one_demo();
				continue;
			}
			pcp = pcp_spin_trylock(&pageset);
			if (!pcp) {
				free_one_demo();
				continue;
			}
			locked_zone = zone;
		}
		pcp->count++;
	}

	if (pcp)
		pcp_spin_unlock(pcp);
}

