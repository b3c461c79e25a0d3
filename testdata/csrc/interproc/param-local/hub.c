/*
 * interproc: what a parameter decides through a local variable
 * (drivers/usb/core/hub.c usb_set_device_state(): wakeup stays -1 on the
 * branch where new_state is USB_STATE_NOTATTACHED, and only "if (wakeup
 * >= 0)" calls device_set_wakeup_capable(), which may sleep;
 * drivers/usb/core/hcd.c usb_hc_died() passes USB_STATE_NOTATTACHED
 * under a spinlock). A caller that passes another state does sleep.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>

enum usb_state_demo {
	USB_STATE_NOTATTACHED_DEMO = 0,
	USB_STATE_ATTACHED_DEMO,
	USB_STATE_CONFIGURED_DEMO,
};

struct usb_dev_demo {
	enum usb_state_demo state;
	struct usb_dev_demo *parent;
	struct mutex lock;
};

static DEFINE_SPINLOCK(state_lock_demo);
static DEFINE_SPINLOCK(hcd_lock_demo);

static void set_wakeup_capable_demo(struct usb_dev_demo *udev, int wakeup)
{
	mutex_lock(&udev->lock);
	mutex_unlock(&udev->lock);
}

static void mark_notattached_demo(struct usb_dev_demo *udev)
{
	udev->state = USB_STATE_NOTATTACHED_DEMO;
}

void set_device_state_demo(struct usb_dev_demo *udev, enum usb_state_demo new_state)
{
	unsigned long flags;
	int wakeup = -1;

	spin_lock_irqsave(&state_lock_demo, flags);
	if (udev->state == USB_STATE_NOTATTACHED_DEMO)
		;
	else if (new_state != USB_STATE_NOTATTACHED_DEMO) {
		if (udev->parent) {
			if (new_state == USB_STATE_CONFIGURED_DEMO)
				wakeup = 1;
			else
				wakeup = 0;
		}
		udev->state = new_state;
	} else
		mark_notattached_demo(udev);
	spin_unlock_irqrestore(&state_lock_demo, flags);
	if (wakeup >= 0)
		set_wakeup_capable_demo(udev, wakeup);
}

void hc_died_demo(struct usb_dev_demo *root)
{
	unsigned long flags;

	spin_lock_irqsave(&hcd_lock_demo, flags);
	set_device_state_demo(root, USB_STATE_NOTATTACHED_DEMO);
	spin_unlock_irqrestore(&hcd_lock_demo, flags);
}

void hc_configured_demo(struct usb_dev_demo *root)
{
	unsigned long flags;

	spin_lock_irqsave(&hcd_lock_demo, flags);
	set_device_state_demo(root, USB_STATE_CONFIGURED_DEMO);	/* want "set_device_state_demo\\(\\) may sleep in atomic context" */
	spin_unlock_irqrestore(&hcd_lock_demo, flags);
}
