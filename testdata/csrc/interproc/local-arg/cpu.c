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
#include <linux/types.h>

static DEFINE_MUTEX(maps_demo);

static int any_cpu_demo(void)
{
	return smp_processor_id();
}

int first_online_demo(void);
bool housekeeping_cpu_demo(int cpu);

/* primary is assigned before the call: the branch on it said what the
 * callers passed. */
static int freeze_demo(int primary)
{
	mutex_lock(&maps_demo);
	if (primary == -1) {
		primary = first_online_demo();
		if (!housekeeping_cpu_demo(primary))
			primary = any_cpu_demo();
	}
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
	if (primary == -1) {
		primary = first_online_demo();
		if (!housekeeping_cpu_demo(primary))
			primary = any_cpu2_demo();
	}
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

/*
 * A parameter assigned before it is passed on is not what the callers
 * passed: pass_wait_demo() sleeps through wait_maybe_demo() even for
 * callers passing 0.
 */
#include <linux/delay.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(wait_lock_demo);

static void wait_maybe_demo(int wait)
{
	if (wait)
		msleep(1);
}

static void pass_wait_demo(int wait)
{
	if (!wait) {
		wait = 1;
		wait_maybe_demo(wait);
	}
}

void wait_locked_demo(void)
{
	spin_lock(&wait_lock_demo);
	pass_wait_demo(0);	/* want "pass_wait_demo\\(\\) may sleep" */
	spin_unlock(&wait_lock_demo);
}
