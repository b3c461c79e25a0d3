/*
 * interproc: a function whose address is one arm of a conditional
 * expression escapes like any other (drivers/cpufreq/intel_pstate.c hands
 * cpufreq_add_update_util_hook() "hwp_active ? intel_pstate_update_util_hwp :
 * intel_pstate_update_util"; the scheduler calls the hook with its run
 * queue locked). Who calls it is not known: it is not entered preemptible.
 * A hook nothing takes the address of is.
 */
#include <linux/percpu.h>
#include <linux/smp.h>

struct update_util_demo {
	void (*func)(struct update_util_demo *data, unsigned long long time);
};

void add_update_util_hook_demo(int cpu, struct update_util_demo *data,
			       void (*func)(struct update_util_demo *data, unsigned long long time));

DEFINE_PER_CPU(unsigned long long, last_update_demo);

static int hwp_active_demo;

static void update_util_hwp_demo(struct update_util_demo *data, unsigned long long time)
{
	if (smp_processor_id() == 0)
		__this_cpu_write(last_update_demo, time);
}

static void update_util_demo(struct update_util_demo *data, unsigned long long time)
{
	__this_cpu_write(last_update_demo, time);
}

static void update_util_unused_demo(struct update_util_demo *data, unsigned long long time)
{
	__this_cpu_write(last_update_demo, time);	/* want "__this_cpu_write\\(\\) used in preemptible code" */
}

void set_update_util_demo(int cpu, struct update_util_demo *data)
{
	add_update_util_hook_demo(cpu, data, hwp_active_demo ? update_util_hwp_demo : update_util_demo);
}

void call_unused_demo(struct update_util_demo *data)
{
	update_util_unused_demo(data, 0);
}
