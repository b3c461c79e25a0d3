/*
 * preempt-locking.rst RULE #1, as non-static functions of a file in a
 * program that calls none of them: entered preemptible, as a standalone
 * file's functions are. Flagged.
 */
#include <linux/percpu.h>
#include <linux/smp.h>

DEFINE_PER_CPU(int, x);
DEFINE_PER_CPU(int, y);

void count_x(void)
{
	__this_cpu_inc(x);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

int *my_y(void)
{
	return this_cpu_ptr(&y);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */
}
