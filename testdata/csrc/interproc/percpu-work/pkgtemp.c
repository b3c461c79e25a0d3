/*
 * drivers/thermal/intel/x86_pkg_temp_thermal.c's threshold work: each
 * package's zone device holds a delayed work item, initialised with
 * INIT_DELAYED_WORK(&zonedev->work, ...) and queued by a helper with
 * schedule_delayed_work_on(cpu, work, ms), on system_wq's bound
 * kworkers; it is the only work the unit queues, so the work function's
 * smp_processor_id() stays valid (a kworker bound to a CPU is a per-CPU
 * thread: lib/smp_processor_id.c). It reads the zone of the package of
 * the CPU it runs on. The unit in unbound-queue.c queues one of its
 * items on system_unbound_wq: its work function may run anywhere.
 */
#include <linux/interrupt.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/workqueue.h>

struct zone_device_demo {
	int cpu;
	bool work_scheduled;
	struct delayed_work work;
};

struct zone_device_demo *pkg_zone_demo(int cpu);

static void pkg_threshold_work_demo(struct work_struct *work)
{
	int cpu = smp_processor_id();
	struct zone_device_demo *zonedev = pkg_zone_demo(cpu);

	if (zonedev)
		zonedev->work_scheduled = false;
}

static void pkg_schedule_work_demo(int cpu, struct delayed_work *work)
{
	schedule_delayed_work_on(cpu, work, 10);
}

/* The package's thermal interrupt (intel_thermal_interrupt()). */
static void pkg_thermal_notify_demo(void)
{
	int cpu = smp_processor_id();
	struct zone_device_demo *zonedev = pkg_zone_demo(cpu);

	if (zonedev && !zonedev->work_scheduled) {
		zonedev->work_scheduled = true;
		pkg_schedule_work_demo(zonedev->cpu, &zonedev->work);
	}
}

static irqreturn_t pkg_thermal_irq_demo(int irq, void *data)
{
	pkg_thermal_notify_demo();
	return IRQ_HANDLED;
}

int pkg_thermal_init_demo(void)
{
	return request_irq(1, pkg_thermal_irq_demo, 0, "pkg_temp", NULL);
}

int pkg_thermal_cpu_online_demo(unsigned int cpu)
{
	struct zone_device_demo *zonedev = kzalloc(sizeof(*zonedev), GFP_KERNEL);

	if (!zonedev)
		return -ENOMEM;
	INIT_DELAYED_WORK(&zonedev->work, pkg_threshold_work_demo);
	zonedev->cpu = cpu;
	return 0;
}
