/* The architecture's definitions, which replace main.c's weak ones. */
#include <linux/percpu.h>

DEFINE_PER_CPU(unsigned long, trap_stack_demo);

void arch_trap_init_demo(void)
{
	__this_cpu_write(trap_stack_demo, 1);
}

void arch_mm_init_demo(void)
{
	__this_cpu_write(trap_stack_demo, 2);
}

/* No caller in the program: entered preemptible. Flagged. */
void arch_late_demo(void)
{
	__this_cpu_write(trap_stack_demo, 3);	/* want "__this_cpu_write\\(\\) used in preemptible code" */
}
