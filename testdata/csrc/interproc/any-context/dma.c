/*
 * A streaming DMA mapping in the shape of kernel/dma/mapping.c's and
 * drivers/iommu's: "The streaming DMA mapping routines can be called
 * from interrupt context" (Documentation/core-api/dma-api-howto.rst),
 * and the IOMMU's deferred attach below them, which may wait for a
 * completion, runs only for a device never attached (kapi: AnyContext).
 * A driver's transmit path maps its buffer under its lock unflagged
 * (e1000_xmit_frame(), ata_qc_issue()); the attach itself is still
 * followed where it is called directly.
 */
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct device_demo {
	int attach_deferred;
	struct completion prq_complete;
};

static void iommu_deferred_attach_demo(struct device_demo *dev)
{
	if (dev->attach_deferred)
		wait_for_completion(&dev->prq_complete);
}

u64 dma_map_page_attrs(struct device_demo *dev, void *page, unsigned long attrs)
{
	iommu_deferred_attach_demo(dev);
	return (u64)(unsigned long)page;
}

static DEFINE_SPINLOCK(tx_lock);

/* Not flagged: mapping is documented safe in interrupt context. */
u64 xmit_frame_demo(struct device_demo *dev, void *buf)
{
	u64 addr;

	spin_lock(&tx_lock);
	addr = dma_map_page_attrs(dev, buf, 0);
	spin_unlock(&tx_lock);
	return addr;
}

/* Flagged: the attach has no such contract. */
void attach_locked_demo(struct device_demo *dev)
{
	spin_lock(&tx_lock);
	iommu_deferred_attach_demo(dev);	/* want "iommu_deferred_attach_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&tx_lock);
}
