/* The callbacks walk.c's helpers call. */
#include <linux/percpu.h>

static DEFINE_PER_CPU(int, walk_count);

/* Entered only through walk_each(): interrupts are off, no finding. */
void walk_flush_remote(int n)
{
	__this_cpu_add(walk_count, n);
}

/* Entered only through walk_open(), preemptible: flagged. */
void walk_flush_open(int n)
{
	__this_cpu_add(walk_count, n); /* want "__this_cpu_add\\(\\) used in preemptible code" */
}

/* Passed to walk_either() with another callback: its entry is not known. */
void walk_flush_either(int n)
{
	__this_cpu_add(walk_count, n);
}

void walk_flush_other(int n)
{
}
