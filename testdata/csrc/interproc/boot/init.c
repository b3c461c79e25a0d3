/*
 * interproc: the init task, cut down from init/main.c. rest_init() pins
 * it to the boot CPU until sched_init_smp() (kapi: the kernel_init root
 * and sched_init_smp()'s row), so the pre-SMP setup kernel_init_freeable()
 * runs before it (smp_prepare_cpus(): arch/x86/kernel/apic/apic.c
 * setup_APIC_timer()) uses this CPU's data safely; what runs after it
 * (the initcalls of do_basic_setup()) may migrate.
 */
#include <linux/init.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/completion.h>

struct clock_event_demo {
	int cpu;
};

static DEFINE_PER_CPU(struct clock_event_demo, lapic_events_demo);
static DECLARE_COMPLETION(kthreadd_done_demo);
static int setup_demo;

static void setup_APIC_timer_demo(void)
{
	struct clock_event_demo *levt = this_cpu_ptr(&lapic_events_demo);

	levt->cpu = smp_processor_id();
}

static void smp_prepare_cpus_demo(void)
{
	setup_APIC_timer_demo();
}

void sched_init_smp(void)
{
	setup_demo = 1;
}

static void do_basic_setup_demo(void)
{
	this_cpu_ptr(&lapic_events_demo)->cpu = 0;	/* want "this_cpu_ptr\\(\\) used in preemptible code" */
}

static void kernel_init_freeable_demo(void)
{
	wait_for_completion(&kthreadd_done_demo);
	smp_prepare_cpus_demo();
	sched_init_smp();
	do_basic_setup_demo();
}

static int kernel_init(void *unused)
{
	kernel_init_freeable_demo();
	return 0;
}

int user_mode_thread(int (*fn)(void *), void *arg, unsigned long flags);

int rest_init_demo(void)
{
	return user_mode_thread(kernel_init, 0, 0);
}
