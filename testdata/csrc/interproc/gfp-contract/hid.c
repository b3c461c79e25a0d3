/*
 * drivers/hid/usbhid/hid-core.c's hid_submit_ctrl(), cut down: under the
 * driver's spinlock it submits with GFP_ATOMIC, as usb_submit_urb()'s
 * contract asks. The same call with GFP_KERNEL under the lock is a bug.
 */
#include <linux/spinlock.h>
#include <linux/gfp.h>

struct urb_demo;
int usb_submit_urb_demo(struct urb_demo *urb, gfp_t mem_flags);
int usb_resubmit_demo(struct urb_demo *urb, gfp_t gfp);

static DEFINE_SPINLOCK(usbhid_lock_demo);

/* Not flagged: atomic flags under the lock. */
int hid_submit_ctrl_demo(struct urb_demo *urb)
{
	int r;

	spin_lock(&usbhid_lock_demo);
	r = usb_submit_urb_demo(urb, GFP_ATOMIC);
	r |= usb_resubmit_demo(urb, GFP_NOWAIT);
	spin_unlock(&usbhid_lock_demo);
	return r;
}

/* Flagged: flags that allow sleeping, where the caller cannot sleep. */
int hid_submit_ctrl_locked_demo(struct urb_demo *urb)
{
	int r;

	spin_lock(&usbhid_lock_demo);
	r = usb_submit_urb_demo(urb, GFP_KERNEL);	/* want "usb_submit_urb_demo\\(\\) may sleep in atomic context \\(might_sleep\\(\\) is 4 calls down\\)" */
	r |= usb_resubmit_demo(urb, GFP_NOIO);	/* want "usb_resubmit_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&usbhid_lock_demo);
	return r;
}
