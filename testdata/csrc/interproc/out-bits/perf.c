/*
 * interproc: the callers of out-bits/gup.c under a spinlock, as
 * perf_virt_to_phys() calls get_user_page_fast_only() from an NMI.
 */
#include <linux/spinlock.h>

int get_user_pages_fast_only_demo(unsigned long start, unsigned int gup_flags);
int get_user_pages_fast_demo(unsigned long start, unsigned int gup_flags);

static DEFINE_SPINLOCK(sample_lock_demo);

void perf_sample_demo(unsigned long addr)
{
	spin_lock(&sample_lock_demo);
	get_user_pages_fast_only_demo(addr, 0);
	get_user_pages_fast_demo(addr, 0);	/* want "get_user_pages_fast_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&sample_lock_demo);
}
