/*
 * might_sleep_if(cond) says the function may sleep when cond holds, and
 * only then: it is read as the "if (cond) might_sleep();" it expands to.
 * block/blk-mq.c blk_mq_run_hw_queue(hctx, async) has
 * might_sleep_if(!async && (hctx->flags & BLK_MQ_F_BLOCKING)); a caller
 * inside an RCU read-side section that passes async = true
 * (blk_mq_unquiesce_queue() through blk_mq_run_hw_queues(q, true)) does
 * not sleep there, one that passes false may.
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>

#define HCTX_F_BLOCKING_DEMO 1

struct hctx_demo {
	unsigned long flags;
};

void run_hw_queue_demo(struct hctx_demo *hctx, int async)
{
	might_sleep_if(!async && (hctx->flags & HCTX_F_BLOCKING_DEMO));
}

void unquiesce_demo(struct hctx_demo *hctx)
{
	rcu_read_lock();
	run_hw_queue_demo(hctx, 1);
	rcu_read_unlock();
}

void run_sync_demo(struct hctx_demo *hctx)
{
	rcu_read_lock();
	run_hw_queue_demo(hctx, 0);	/* want "run_hw_queue_demo\\(\\) may sleep inside an RCU read-side critical section" */
	rcu_read_unlock();
}

void never_demo(void)
{
	rcu_read_lock();
	might_sleep_if(0);
	rcu_read_unlock();
}

/*
 * drivers/iommu/iommu.c iommu_map(): might_sleep_if(gfpflags_allow_blocking(gfp))
 * sleeps only for flags that allow direct reclaim, as the allocators do:
 * iommu_map_sg() passing GFP_ATOMIC under a spinlock does not sleep there
 * (drivers/ata/libata-core.c ata_exec_internal(), through the DMA
 * mapping), GFP_KERNEL may.
 */
#include <linux/gfp.h>
#include <linux/spinlock.h>

int iommu_map_demo(unsigned long iova, gfp_t gfp)
{
	might_sleep_if(gfpflags_allow_blocking(gfp));
	return 0;
}

static DEFINE_SPINLOCK(ap_lock_demo);

void map_sg_atomic_demo(void)
{
	spin_lock(&ap_lock_demo);
	iommu_map_demo(0, GFP_ATOMIC);
	spin_unlock(&ap_lock_demo);
}

void map_sg_kernel_demo(void)
{
	spin_lock(&ap_lock_demo);
	iommu_map_demo(0, GFP_KERNEL);	/* want "iommu_map_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&ap_lock_demo);
}
