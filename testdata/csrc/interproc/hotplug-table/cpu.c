/*
 * interproc: CPU hotplug's static state table, in the shape of
 * kernel/cpu.c. One function runs every state's callback through a local
 * pointer, so the calls cannot tell the states apart; kapi's rows for
 * struct cpuhp_step say, by the designated index, how each element runs:
 * STARTING and DYING states on the CPU itself with interrupts off, other
 * AP states in that CPU's hotplug thread, the BP states on the control
 * CPU, preemptible.
 */
#include <linux/types.h>
#include <linux/percpu.h>
#include <linux/kthread.h>

enum cpuhp_state {
	CPUHP_OFFLINE,
	CPUHP_TIMERS_PREPARE,
	CPUHP_AP_OFFLINE,
	CPUHP_AP_TICK_STARTING,
	CPUHP_AP_ONLINE,
	CPUHP_TEARDOWN_CPU,
	CPUHP_AP_WORKQUEUE_ONLINE,
	CPUHP_ONLINE,
};

struct cpuhp_step {
	const char *name;
	union {
		int (*single)(unsigned int cpu);
		int (*multi)(unsigned int cpu, void *node);
	} startup;
	union {
		int (*single)(unsigned int cpu);
		int (*multi)(unsigned int cpu, void *node);
	} teardown;
};

static DEFINE_PER_CPU(int, hp_count);

/* A BP state: on the control CPU, preemptible. Flagged. */
static int timers_prepare(unsigned int cpu)
{
	__this_cpu_inc(hp_count);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	return 0;
}

/* STARTING: on the CPU coming up, interrupts off. Not flagged. */
static int tick_starting(unsigned int cpu)
{
	__this_cpu_inc(hp_count);
	return 0;
}

/* An AP state: in the CPU's own hotplug thread. Not flagged. */
static int workqueue_online(unsigned int cpu)
{
	__this_cpu_inc(hp_count);
	return 0;
}

static struct cpuhp_step cpuhp_states[] = {
	[CPUHP_TIMERS_PREPARE] = { .name = "timers:prepare", .startup.single = timers_prepare },
	[CPUHP_AP_TICK_STARTING] = { .name = "tick:starting", .startup.single = tick_starting },
	[CPUHP_AP_WORKQUEUE_ONLINE] = { .name = "wq:online", .startup.single = workqueue_online },
};

static int invoke(unsigned int cpu, enum cpuhp_state state, bool bringup)
{
	struct cpuhp_step *step = &cpuhp_states[state];
	int (*cb)(unsigned int cpu);

	cb = bringup ? step->startup.single : step->teardown.single;
	return cb(cpu);
}

/* The control CPU's hotplug path, preemptible. */
static int hotplug_thread(void *data)
{
	return invoke(1, CPUHP_AP_TICK_STARTING, true);
}

void hotplug_start(void)
{
	kthread_run(hotplug_thread, NULL, "hp");
}
