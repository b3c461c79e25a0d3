/* drivers/hid/usbhid/hid-core.c: usbhid's transport sets ->request, not ->wait. */
#include <linux/spinlock.h>
#include "hid.h"

static DEFINE_SPINLOCK(usbhid_lock_demo);

static int usbhid_parse_demo(struct hid_device_demo *hdev)
{
	return 0;
}

static void usbhid_request_demo(struct hid_device_demo *hdev, struct hid_report_demo *rep, int reqtype)
{
	unsigned long flags;

	spin_lock_irqsave(&usbhid_lock_demo, flags);
	hdev->driver_data = rep;
	spin_unlock_irqrestore(&usbhid_lock_demo, flags);
}

static const struct hid_ll_driver_demo usb_hid_driver_demo = {
	.parse = usbhid_parse_demo,
	.request = usbhid_request_demo,
};

struct hid_ll_driver_demo *usbhid_driver_demo(void)
{
	return (struct hid_ll_driver_demo *)&usb_hid_driver_demo;
}
