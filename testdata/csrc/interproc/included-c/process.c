/*
 * The architecture's definition of a function the scheduler's included
 * .c file defines weak (arch/x86/kernel/process.c, arch_cpu_idle_dead()):
 * it replaces the weak one, and is called as the weak one is, here with
 * preemption disabled. Not flagged.
 */
#include <linux/percpu.h>

static DEFINE_PER_CPU(unsigned long, idle_deaths);

void arch_idle_dead(void)
{
	__this_cpu_inc(idle_deaths);
}
