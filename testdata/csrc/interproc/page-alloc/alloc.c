/*
 * interproc: the page allocator's entry sleeps only when its GFP flags
 * allow direct reclaim (kapi: __alloc_pages_noprof(), as mm/page_alloc.c
 * makes it: the slow path reclaims, and calls cond_resched(), only with
 * __GFP_DIRECT_RECLAIM). The body's paths do not show that condition, so
 * kapi's contract is used instead of them, and the flags are followed up
 * the callers that pass theirs down: net/core/skbuff.c pskb_expand_head()
 * with GFP_ATOMIC under a lock does not sleep, with GFP_KERNEL it does.
 */
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

struct page;

struct page *__alloc_pages_noprof(gfp_t gfp, unsigned int order, int nid, void *nodemask)
{
	if (order > 10)
		cond_resched();
	return NULL;
}

static void *kmalloc_large_demo(unsigned long size, gfp_t flags)
{
	return (void *)__alloc_pages_noprof(flags, 4, -1, NULL);
}

int expand_head_demo(void **data, gfp_t gfp_mask)
{
	*data = kmalloc_large_demo(8192, gfp_mask);
	return *data ? 0 : -12;
}

static DEFINE_SPINLOCK(queue_lock);

/* Not flagged: GFP_ATOMIC never reclaims. */
int realloc_pad_demo(void **data)
{
	int ret;

	spin_lock(&queue_lock);
	ret = expand_head_demo(data, GFP_ATOMIC);
	spin_unlock(&queue_lock);
	return ret;
}

/* Flagged: GFP_KERNEL reclaims, and may reschedule. */
int realloc_sleep_demo(void **data)
{
	int ret;

	spin_lock(&queue_lock);
	ret = expand_head_demo(data, GFP_KERNEL);	/* want "expand_head_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&queue_lock);
	return ret;
}
