/*
 * block/blk-cgroup.c's blkg_create(), cut down: under the queue lock it
 * allocates with GFP_NOWAIT, which the per-CPU allocator serves without
 * its mutex.
 */
#include <linux/spinlock.h>
#include <linux/gfp.h>

int percpu_ref_init_demo(void **ref, gfp_t gfp);
void *pcpu_alloc_twice_demo(size_t size, gfp_t gfp, bool force);
void *pcpu_alloc_chunk_demo(size_t size, gfp_t gfp);

static DEFINE_SPINLOCK(queue_lock_demo);

void blkg_create_demo(void **ref)
{
	spin_lock_irq(&queue_lock_demo);
	percpu_ref_init_demo(ref, GFP_NOWAIT | __GFP_NOWARN);
	percpu_ref_init_demo(ref, GFP_KERNEL); /* want "percpu_ref_init_demo\\(\\) may sleep in atomic context \\(mutex_lock\\(\\) is 3 calls down\\)" */
	/* Not flagged: whatever its body decides, a function that takes GFP
	 * flags sleeps only as they allow (kapi.GFPFlagsType). */
	pcpu_alloc_twice_demo(8, GFP_NOWAIT, false);
	pcpu_alloc_chunk_demo(8, GFP_NOWAIT);
	pcpu_alloc_chunk_demo(8, GFP_KERNEL); /* want "pcpu_alloc_chunk_demo\\(\\) may sleep in atomic context \\(kcalloc\\(\\) is 3 calls down\\)" */
	spin_unlock_irq(&queue_lock_demo);
}
