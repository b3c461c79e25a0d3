/*
 * drivers/hid/hid-core.c's hid_hw_request(): a transport that sets
 * ->request handles the request itself; one that does not gets
 * __hid_request(), which allocates its buffer with GFP_KERNEL. Every
 * struct hid_ll_driver of the program sets ->request (usbhid's, the only
 * one an x86_64 defconfig builds), so the fallback is never taken and
 * the HID drivers that send requests under their spinlock
 * (drivers/hid/hid-lg4ff.c) do not sleep there. ->wait is left unset by
 * a transport, so its fallback is a path.
 */
#include <linux/slab.h>
#include <linux/delay.h>
#include "hid.h"

static void __hid_request_demo(struct hid_device_demo *hdev, struct hid_report_demo *report, int reqtype)
{
	char *buf = kzalloc(64, GFP_KERNEL);

	kfree(buf);
}

void hid_hw_request_demo(struct hid_device_demo *hdev, struct hid_report_demo *report, int reqtype)
{
	if (hdev->ll_driver->request)
		return hdev->ll_driver->request(hdev, report, reqtype);

	__hid_request_demo(hdev, report, reqtype);
}

int hid_hw_wait_demo(struct hid_device_demo *hdev)
{
	if (hdev->ll_driver->wait)
		return hdev->ll_driver->wait(hdev);
	msleep(10);
	return 0;
}
