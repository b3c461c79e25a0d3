/*
 * interproc: a local variable passed as an argument carries what the
 * caller knew of it at the call (kernel/cpu.c freeze_secondary_cpus()
 * calls housekeeping_any_cpu(), which reads the CPU id, only when its
 * primary is -1; include/linux/cpu.h suspend_disable_secondary_cpus()
 * passes a local that is 0 unless CONFIG_PM_SLEEP_SMP_NONZERO_CPU is set,
 * and arch/x86/power/cpu.c passes 0). A caller whose local is -1 makes
 * the read a finding (a chain of its own, so that its trace is the one
 * shown).
 */
#include <linux/kconfig.h>
#include <linux/mutex.h>
#include <linux/smp.h>

static DEFINE_MUTEX(maps_demo);

static int any_cpu_demo(void)
{
	return smp_processor_id();
}

static int freeze_demo(int primary)
{
	mutex_lock(&maps_demo);
	if (primary == -1)
		primary = any_cpu_demo();
	mutex_unlock(&maps_demo);
	return primary;
}

/* The local is 0 here: the CONFIG test is false in this configuration. */
int suspend_disable_demo(void)
{
	int cpu = 0;

	if (IS_ENABLED(CONFIG_KPREEMPT_DEMO_NONZERO_CPU))
		cpu = -1;
	return freeze_demo(cpu);
}

int resume_disable_demo(void)
{
	return freeze_demo(0);
}

static int any_cpu2_demo(void)
{
	return smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

static int freeze2_demo(int primary)
{
	mutex_lock(&maps_demo);
	if (primary == -1)
		primary = any_cpu2_demo();
	mutex_unlock(&maps_demo);
	return primary;
}

/* The local is -1 on every path: the CPU id is read preemptible. */
int kexec_disable_demo(int first)
{
	int cpu = -1;

	if (first)
		cpu = -1;
	return freeze2_demo(cpu);
}
