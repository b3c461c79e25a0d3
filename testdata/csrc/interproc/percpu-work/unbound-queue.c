/*
 * percpu-work/pkgtemp.c's shape, with one of the unit's work items
 * queued on system_unbound_wq: a unit that queues work items on an
 * unbound workqueue may run any of its work functions anywhere.
 */
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/workqueue.h>

struct poll_device_demo {
	struct delayed_work work;
	struct work_struct flush;
	int hits;
};

int poll_hits_demo[64];

static void poll_work_demo(struct work_struct *work)
{
	poll_hits_demo[smp_processor_id()]++;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

static void poll_flush_demo(struct work_struct *work)
{
}

void poll_start_demo(struct poll_device_demo *pd, int cpu)
{
	schedule_delayed_work_on(cpu, &pd->work, 10);
	queue_work(system_unbound_wq, &pd->flush);
}

struct poll_device_demo *poll_create_demo(void)
{
	struct poll_device_demo *pd = kzalloc(sizeof(*pd), GFP_KERNEL);

	if (!pd)
		return NULL;
	INIT_DELAYED_WORK(&pd->work, poll_work_demo);
	INIT_WORK(&pd->flush, poll_flush_demo);
	return pd;
}
