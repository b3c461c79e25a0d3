/*
 * drivers/thermal/intel/therm_throt.c's throttle work: each CPU's
 * thermal_state holds a work item per level, initialised through a
 * local that holds the CPU's instance (state = &per_cpu(thermal_state,
 * cpu); INIT_DELAYED_WORK(&state->core_throttle.therm_work, ...)) and
 * queued with schedule_delayed_work_on(this_cpu, ...) through a local
 * that points to one of the instance's levels (state =
 * &pstate->core_throttle, or &pstate->package_throttle): every item the
 * function is given is queued on system_wq's bound kworkers only, so
 * its smp_processor_id() stays valid. The power-limit level's item is
 * queued on an unbound workqueue: its function may run anywhere. (A
 * local counts for every instance it is given anywhere in the function:
 * the power-limit item queued through state would be the other levels'
 * too.)
 */
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/workqueue.h>

struct level_state_demo {
	struct delayed_work therm_work;
	int count;
};

struct thermal_state_demo {
	struct level_state_demo core_throttle;
	struct level_state_demo package_throttle;
	struct level_state_demo power_limit;
};

static DEFINE_PER_CPU(struct thermal_state_demo, thermal_state_demo);

static void throttle_active_work_demo(struct work_struct *work)
{
	unsigned int this_cpu = smp_processor_id();

	(void)this_cpu;
}

static void power_limit_work_demo(struct work_struct *work)
{
	unsigned int this_cpu = smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */

	(void)this_cpu;
}

void therm_throt_process_demo(int level, int power)
{
	unsigned int this_cpu = get_cpu();
	struct thermal_state_demo *pstate = &per_cpu(thermal_state_demo, this_cpu);
	struct level_state_demo *state;

	if (power) {
		struct level_state_demo *limit = &pstate->power_limit;

		queue_delayed_work(system_unbound_wq, &limit->therm_work, 1);
		put_cpu();
		return;
	}
	if (level)
		state = &pstate->core_throttle;
	else
		state = &pstate->package_throttle;
	state->count++;
	schedule_delayed_work_on(this_cpu, &state->therm_work, 1);
	put_cpu();
}

int thermal_throttle_online_demo(unsigned int cpu)
{
	struct thermal_state_demo *state = &per_cpu(thermal_state_demo, cpu);

	INIT_DELAYED_WORK(&state->package_throttle.therm_work, throttle_active_work_demo);
	INIT_DELAYED_WORK(&state->core_throttle.therm_work, throttle_active_work_demo);
	INIT_DELAYED_WORK(&state->power_limit.therm_work, power_limit_work_demo);
	return 0;
}
