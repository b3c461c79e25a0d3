/*
 * interproc: callers in another file of a lock helper whose lock is taken
 * two calls further down (stats.c).
 */
#include <linux/percpu.h>

DEFINE_PER_CPU(int, hits);

void stats_enter(void);
void stats_exit(void);

/* stats_enter() returns with a spinlock held: preemption is disabled. Not flagged. */
void count_hit(void)
{
	stats_enter();
	__this_cpu_inc(hits);	/* want "on PREEMPT_RT, stats_enter\\(\\) does not disable preemption" */
	stats_exit();
}

/* Without the helper, the per-CPU update runs preemptible. */
void count_hit_unlocked(void)
{
	__this_cpu_inc(hits); /* want "__this_cpu_inc\\(\\) used in preemptible code" */
}
