/* drivers/hid/hid-lg4ff.c: force-feedback requests sent under the device's spinlock. */
#include <linux/spinlock.h>
#include "hid.h"

struct lg4ff_device_demo {
	spinlock_t report_lock;
	struct hid_report_demo *report;
};

/* Not flagged: every transport of the program handles ->request. */
void lg4ff_play_demo(struct hid_device_demo *hid, struct lg4ff_device_demo *d)
{
	unsigned long flags;

	spin_lock_irqsave(&d->report_lock, flags);
	hid_hw_request_demo(hid, d->report, 0);
	spin_unlock_irqrestore(&d->report_lock, flags);
}

/* Flagged: ->wait's fallback sleeps, and a transport leaves it unset. */
void lg4ff_wait_demo(struct hid_device_demo *hid, struct lg4ff_device_demo *d)
{
	unsigned long flags;

	spin_lock_irqsave(&d->report_lock, flags);
	hid_hw_wait_demo(hid);	/* want "hid_hw_wait_demo\\(\\) may sleep in atomic context" */
	spin_unlock_irqrestore(&d->report_lock, flags);
}
