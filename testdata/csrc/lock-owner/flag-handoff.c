/*
 * A lock whose hand-off a member of its object records
 * (drivers/hid/hid-core.c hid_device_remove(): down(&driver_input_lock),
 * io_started = false; the driver's .remove may call
 * hid_device_io_start(), which sets io_started and ups the lock; the
 * function ups it only "if (!hdev->io_started)"). Where the member
 * changed, the lock went with it: not flagged. A member set while two
 * locks are held says which of them by nothing: a way out that keeps
 * one is flagged.
 */
#include <linux/semaphore.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct hid_demo {
	struct semaphore driver_input_lock;
	spinlock_t stats_lock;
	bool io_started;
	void (*remove)(struct hid_demo *hdev);
};

static inline void hid_io_start_demo(struct hid_demo *hdev)
{
	if (hdev->io_started)
		return;
	hdev->io_started = true;
	up(&hdev->driver_input_lock);
}

static void driver_remove_demo(struct hid_demo *hdev)
{
	hid_io_start_demo(hdev);
}

void hid_remove_demo(struct hid_demo *hdev)
{
	down(&hdev->driver_input_lock);
	hdev->io_started = false;

	if (hdev->remove)
		hdev->remove(hdev);

	if (!hdev->io_started)
		up(&hdev->driver_input_lock);
}

void hid_remove_two_demo(struct hid_demo *hdev)
{
	down(&hdev->driver_input_lock);
	spin_lock(&hdev->stats_lock);
	hdev->io_started = false;
	spin_unlock(&hdev->stats_lock);

	driver_remove_demo(hdev);

	if (!hdev->io_started)
		up(&hdev->driver_input_lock);
} /* want "returns with \"hdev->driver_input_lock\" held" */
