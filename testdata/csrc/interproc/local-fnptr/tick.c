/* The per-CPU accesses of callbacks hotplug.c reaches through cb. */
#include <linux/percpu.h>

struct hp_tick {
	int next;
};

static DEFINE_PER_CPU(struct hp_tick, hp_ticks);

/* Reached from hp_work_fn(), preemptible, through cb: flagged. */
int hp_tick_pull(unsigned int cpu)
{
	struct hp_tick *td = this_cpu_ptr(&hp_ticks);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */

	return td->next;
}

/* Reached the same way. */
int hp_tick_clear(unsigned int cpu)
{
	__this_cpu_write(hp_ticks.next, 0);	/* want "__this_cpu_write\\(\\) used in preemptible code" */
	return 0;
}

/* Only through hp_invoke_other()'s cb, which the analysis does not follow. */
int hp_tick_peek(unsigned int cpu)
{
	return __this_cpu_read(hp_ticks.next);
}
