/*
 * interproc: hotplug states registered at run time, in the shape of
 * arch/x86/kernel/cpu/cacheinfo.c. The state names how the callbacks
 * run: those of a STARTING state on the CPU coming up, interrupts
 * disabled (and the teardown on the CPU going down, likewise), so they
 * must not sleep; those of a dynamic online state in that CPU's hotplug
 * thread, which may. A BP state's (CPUHP_NET_DEV_DEAD) run on the control
 * CPU, in the task taking the CPU down: preemptible, not pinned
 * (net/core/dev.c dev_cpu_dead() reads its CPU id with interrupts off).
 */
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/percpu.h>
#include <linux/smp.h>

static DEFINE_PER_CPU(int, cache_ready);

/* On the CPU coming up, interrupts off: its per-CPU data is its own,
 * and a sleep is a bug. */
static int cache_ap_online(unsigned int cpu)
{
	__this_cpu_write(cache_ready, 1);
	msleep(1);	/* want "msleep\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	return 0;
}

static int cache_ap_offline(unsigned int cpu)
{
	__this_cpu_write(cache_ready, 0);
	return 0;
}

/* In the hotplug thread of the CPU: pinned, preemptible, may sleep. */
static int cache_online_late(unsigned int cpu)
{
	__this_cpu_write(cache_ready, 2);
	msleep(1);
	return 0;
}

/* On the control CPU: a CPU id read with interrupts off is stale once
 * they are on again. */
static int cache_cpu_dead(unsigned int oldcpu)
{
	unsigned int cpu;
	int *ready;

	local_irq_disable();
	cpu = smp_processor_id();
	local_irq_enable();
	ready = &per_cpu(cache_ready, cpu);	/* want "stale CPU id \"cpu\"" */
	*ready = per_cpu(cache_ready, oldcpu);
	__this_cpu_write(cache_ready, 3);	/* want "__this_cpu_write\\(\\) used in preemptible code" */
	return 0;
}

static int __init cache_ap_register(void)
{
	cpuhp_setup_state_nocalls(CPUHP_AP_CACHECTRL_STARTING, "x86/cachectrl:starting",
				  cache_ap_online, cache_ap_offline);
	cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "x86/cache:online", cache_online_late, NULL);
	cpuhp_setup_state_nocalls(CPUHP_NET_DEV_DEAD, "x86/cache:dead", NULL, cache_cpu_dead);
	return 0;
}
early_initcall(cache_ap_register);
