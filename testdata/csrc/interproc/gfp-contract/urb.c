/*
 * drivers/usb/core/urb.c and hcd.c, cut down: usb_submit_urb() takes the
 * GFP flags its caller chooses by its context ("GFP_ATOMIC is used when
 * you are inside a completion handler, an interrupt, ... or you are
 * holding a spinlock"). A control URB for a root hub goes to
 * rh_call_control(), which may sleep; a driver that submits with
 * GFP_ATOMIC never sends one there, and the analysis cannot see which
 * endpoint an URB is for.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct urb_demo {
	int is_root_hub;
	int control;
	void *setup;
};

static DEFINE_SPINLOCK(hcd_root_hub_lock_demo);

static int rh_call_control_demo(struct urb_demo *urb)
{
	might_sleep();
	spin_lock_irq(&hcd_root_hub_lock_demo);
	urb->setup = NULL;
	spin_unlock_irq(&hcd_root_hub_lock_demo);
	return 0;
}

static int usb_hcd_submit_urb_demo(struct urb_demo *urb, gfp_t mem_flags)
{
	if (urb->is_root_hub && urb->control)
		return rh_call_control_demo(urb);
	urb->setup = kmalloc(8, mem_flags);
	return urb->setup ? 0 : -12;
}

int usb_submit_urb_demo(struct urb_demo *urb, gfp_t mem_flags)
{
	if (!urb)
		return -22;
	return usb_hcd_submit_urb_demo(urb, mem_flags);
}

/* A wrapper that passes its caller's flags on. */
int usb_resubmit_demo(struct urb_demo *urb, gfp_t gfp)
{
	return usb_submit_urb_demo(urb, gfp);
}
