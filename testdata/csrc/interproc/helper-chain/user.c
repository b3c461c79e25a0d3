/*
 * interproc: callers of the wrappers of wrap.c, a third file: between
 * bus_begin() and bus_end() the raw spinlock of lock.c is held, two
 * files away. Both the per-CPU update here and the one in stats.c, which
 * bus_update() calls under the lock, are protected.
 */
#include <linux/percpu.h>

DEFINE_PER_CPU(int, bus_ops);

void bus_begin(void);
void bus_end(void);
void bus_count(void);

/* Not flagged: the lock is held. */
void bus_update(void)
{
	bus_begin();
	__this_cpu_inc(bus_ops);
	bus_count();
	bus_end();
}

/* The same without the lock. */
void bus_update_unlocked(void)
{
	__this_cpu_inc(bus_ops); /* want "__this_cpu_inc\\(\\) used in preemptible code" */
}
