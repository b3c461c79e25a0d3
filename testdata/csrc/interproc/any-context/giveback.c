/*
 * A function whose kernel-doc comment documents it as safe in atomic
 * context, in the shape of drivers/usb/core/hcd.c's
 * usb_hcd_giveback_urb(): "Context: atomic". Host controller drivers
 * give URBs back under their own spinlock (xhci_urb_dequeue(),
 * rh_call_control()); the unmapping below it frees a coherent buffer
 * (hcd_buffer_free() -> dma_free_coherent() -> vunmap()) only for
 * URB_MAP_LOCAL, which is set only for controllers with a local memory
 * pool, where the buffer goes back to the pool instead. The contract,
 * not the path, says the caller does not sleep.
 *
 * A Context: section that lets the function sleep ("Any context that
 * permits to sleep", "May sleep if @gfp flags permit") documents nothing
 * of the kind, and neither does a comment that names another function.
 */
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

#define URB_MAP_LOCAL_DEMO 0x00080000

struct urb_demo {
	unsigned int transfer_flags;
	void *transfer_buffer;
	void (*complete)(struct urb_demo *urb);
};

static DEFINE_SPINLOCK(hcd_lock_demo);

static void hcd_free_coherent_demo(struct urb_demo *urb)
{
	vunmap(urb->transfer_buffer);
}

static void unmap_urb_for_dma_demo(struct urb_demo *urb)
{
	if (urb->transfer_flags & URB_MAP_LOCAL_DEMO)
		hcd_free_coherent_demo(urb);
}

/**
 * giveback_urb_demo - return URB from HCD to device driver
 * @urb: urb being returned to the USB device driver.
 *
 * Context: atomic. The completion callback is invoked in caller's context.
 * For HCDs with HCD_BH flag set, the completion callback is invoked in BH
 * context.
 *
 * Return: nothing.
 */
void giveback_urb_demo(struct urb_demo *urb)
{
	unmap_urb_for_dma_demo(urb);
}

/**
 * free_urb_buffer_demo() - free the URB's buffer
 * @urb: the URB.
 *
 * Context: Any context that permits to sleep.
 */
void free_urb_buffer_demo(struct urb_demo *urb)
{
	hcd_free_coherent_demo(urb);
}

/**
 * other_name_demo() - a comment that documents another function
 *
 * Context: Any context.
 */

void misplaced_doc_demo(struct urb_demo *urb)
{
	unmap_urb_for_dma_demo(urb);
}

/* Not flagged: the giveback is documented safe in atomic context. */
int urb_dequeue_demo(struct urb_demo *urb)
{
	unsigned long flags;

	spin_lock_irqsave(&hcd_lock_demo, flags);
	giveback_urb_demo(urb);
	spin_unlock_irqrestore(&hcd_lock_demo, flags);
	return 0;
}

/* Flagged: documented to need a context that can sleep. */
void free_locked_demo(struct urb_demo *urb)
{
	spin_lock(&hcd_lock_demo);
	free_urb_buffer_demo(urb);	/* want "free_urb_buffer_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&hcd_lock_demo);
}

/* Flagged: its comment is another function's. */
void misplaced_locked_demo(struct urb_demo *urb)
{
	spin_lock(&hcd_lock_demo);
	misplaced_doc_demo(urb);	/* want "misplaced_doc_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&hcd_lock_demo);
}

/* Flagged: the unmapping itself has no such contract. */
void unmap_locked_demo(struct urb_demo *urb)
{
	spin_lock(&hcd_lock_demo);
	unmap_urb_for_dma_demo(urb);	/* want "unmap_urb_for_dma_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&hcd_lock_demo);
}
