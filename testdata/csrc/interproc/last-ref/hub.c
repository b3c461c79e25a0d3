/*
 * drivers/usb/core/hub.c's kick_hub_wq(), called under the host
 * controller's spinlock (usb_hc_died()): hub_put() drops only the
 * reference hub_get() took two lines before, so hub_release() and the
 * kobject puts below it, which may sleep, do not run there.
 */
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "kref_demo.h"

struct kobject_demo;
struct dev_demo;
void kobject_put_demo(struct kobject_demo *kobj);
void dev_put_demo(struct dev_demo *dev);
void dev_unregister_demo(struct dev_demo *dev);

struct hub_demo {
	struct kref_demo kref;
	struct kobject_demo *intf;
	struct work_struct events;
	struct dev_demo *dev;
};

static DEFINE_SPINLOCK(hcd_root_hub_lock_demo);
static struct workqueue_struct *hub_wq_demo;

static void hub_release_demo(struct kref_demo *kref)
{
	struct hub_demo *hub = (struct hub_demo *)kref;

	kobject_put_demo(hub->intf);
}

static void hub_get_demo(struct hub_demo *hub)
{
	refcount_inc(&hub->kref.refcount);
}

static void hub_put_demo(struct hub_demo *hub)
{
	kref_put_demo(&hub->kref, hub_release_demo);
}

static void kick_hub_wq_demo(struct hub_demo *hub)
{
	hub_get_demo(hub);
	if (queue_work(hub_wq_demo, &hub->events))
		return;
	hub_put_demo(hub);
}

/* Not flagged: the puts below release only on the last reference. */
void hc_died_demo(struct hub_demo *hub)
{
	unsigned long flags;

	spin_lock_irqsave(&hcd_root_hub_lock_demo, flags);
	kick_hub_wq_demo(hub);
	dev_put_demo(hub->dev);
	spin_unlock_irqrestore(&hcd_root_hub_lock_demo, flags);
}

/* Flagged: the removal is made whatever the count. */
void hc_unregister_demo(struct hub_demo *hub)
{
	spin_lock(&hcd_root_hub_lock_demo);
	dev_unregister_demo(hub->dev);	/* want "dev_unregister_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&hcd_root_hub_lock_demo);
}

static void hub_teardown_demo(struct hub_demo *hub)
{
	flush_work(&hub->events);
}

/* Flagged: the function drops the last reference under its own lock
 * and sleeps on that branch itself. */
void hub_drop_locked_demo(struct hub_demo *hub)
{
	spin_lock(&hcd_root_hub_lock_demo);
	if (refcount_dec_and_test(&hub->kref.refcount))
		hub_teardown_demo(hub);	/* want "hub_teardown_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&hcd_root_hub_lock_demo);
}
