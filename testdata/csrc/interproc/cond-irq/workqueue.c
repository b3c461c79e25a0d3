/*
 * kernel/workqueue.c's try_to_grab_pending(), cut down: it disables
 * interrupts, and returns with them disabled when it got the work item
 * (>= 0), with them restored when it did not (-EAGAIN): "On successful
 * return, >= 0, irq is disabled and the caller is responsible for
 * releasing it". mod_delayed_work_on() queues the work, reading the CPU
 * id, only on success: with interrupts disabled. A caller that reads it
 * on failure reads it preemptible. Linux 6.12's work_grab_pending()
 * loops on it until it gets the work item, so it returns with interrupts
 * disabled on every way out, and its mod_delayed_work_on() queues the
 * work before it restores them.
 */
#include <linux/irqflags.h>
#include <linux/smp.h>
#include <linux/mutex.h>

struct work_demo {
	unsigned long data;
	int cpu;
};

static int try_to_grab_pending_demo(struct work_demo *work, unsigned long *irq_flags)
{
	local_irq_save(*irq_flags);
	if (work->data & 1)
		return 1;
	if (!(work->data & 2))
		return 0;
	local_irq_restore(*irq_flags);
	return -11;
}

static void __queue_work_demo(struct work_demo *work)
{
	work->cpu = smp_processor_id();
}

static void queue_on_failure_demo(struct work_demo *work)
{
	work->cpu = smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

bool mod_delayed_work_on_demo(struct work_demo *work)
{
	unsigned long irq_flags;
	int ret;

	do {
		ret = try_to_grab_pending_demo(work, &irq_flags);
	} while (ret == -11);

	if (ret >= 0) {
		__queue_work_demo(work);
		local_irq_restore(irq_flags);
	}
	return ret;
}

bool cancel_work_demo(struct work_demo *work)
{
	unsigned long irq_flags;

	if (try_to_grab_pending_demo(work, &irq_flags) < 0) {
		queue_on_failure_demo(work);
		return false;
	}
	__queue_work_demo(work);
	local_irq_restore(irq_flags);
	return true;
}

static bool work_grab_pending_demo(struct work_demo *work, unsigned long *irq_flags)
{
	long ret;

	while (true) {
		ret = try_to_grab_pending_demo(work, irq_flags);
		if (ret >= 0)
			return ret;
		cpu_relax();
	}
}

bool mod_delayed_work_on_612_demo(struct work_demo *work)
{
	unsigned long irq_flags;
	bool ret;

	ret = work_grab_pending_demo(work, &irq_flags);
	if (!(work->data & 4))
		__queue_work_demo(work);
	local_irq_restore(irq_flags);
	return ret;
}

bool requeue_after_release_demo(struct work_demo *work)
{
	unsigned long irq_flags;

	work_grab_pending_demo(work, &irq_flags);
	local_irq_restore(irq_flags);
	queue_on_failure_demo(work);
	return true;
}

static DEFINE_MUTEX(wq_mutex_demo);

/* Preemptible callers. */
void drm_alter_state_demo(struct work_demo *work)
{
	mutex_lock(&wq_mutex_demo);
	mod_delayed_work_on_demo(work);
	cancel_work_demo(work);
	mod_delayed_work_on_612_demo(work);
	requeue_after_release_demo(work);
	mutex_unlock(&wq_mutex_demo);
}
