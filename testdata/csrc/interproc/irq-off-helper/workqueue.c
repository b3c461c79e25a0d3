/*
 * kernel/workqueue.c of Linux 6.12, cut down: work_grab_pending() loops
 * on try_to_grab_pending() until it gets the work item, so it returns
 * with interrupts disabled on every way out ("Grab PENDING bit of @work.
 * ... must be called with irqs enabled; @irq_flags is set and the
 * caller is responsible for restoring it"). mod_delayed_work_on()
 * queues the work, reading the CPU id, before it restores them. A
 * helper that restores interrupts before it returns leaves its caller
 * as it found it.
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

static void grab_and_release_demo(struct work_demo *work)
{
	unsigned long irq_flags;

	work_grab_pending_demo(work, &irq_flags);
	local_irq_restore(irq_flags);
}

static void __queue_delayed_work_demo(struct work_demo *work)
{
	work->cpu = smp_processor_id();
}

static void queue_after_release_demo(struct work_demo *work)
{
	work->cpu = smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

bool mod_delayed_work_on_demo(struct work_demo *work)
{
	unsigned long irq_flags;
	bool ret;

	ret = work_grab_pending_demo(work, &irq_flags);
	if (!(work->data & 4))
		__queue_delayed_work_demo(work);
	local_irq_restore(irq_flags);
	return ret;
}

bool requeue_demo(struct work_demo *work)
{
	grab_and_release_demo(work);
	queue_after_release_demo(work);
	return true;
}

static DEFINE_MUTEX(wq_mutex_demo);

/* Preemptible callers. */
void drm_alter_state_demo(struct work_demo *work)
{
	mutex_lock(&wq_mutex_demo);
	mod_delayed_work_on_demo(work);
	requeue_demo(work);
	mutex_unlock(&wq_mutex_demo);
}
