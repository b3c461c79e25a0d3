/*
 * preempt-locking.rst, RULE #1: "Per-CPU data structures need explicit
 * protection". The tux[smp_processor_id()] snippet as the document gives
 * it, then the two fixes it names: disabling preemption around the
 * accesses, and get_cpu()/put_cpu().
 */
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/threads.h>

struct this_needs_locking {
	int state;
	unsigned long stamp;
};

static struct this_needs_locking tux[NR_CPUS];

/* The document's snippet: both uses may run preemptible, on different CPUs. Unsafe. */
struct this_needs_locking tux_update_racy(struct this_needs_locking some_value)
{
	struct this_needs_locking something;

	tux[smp_processor_id()] = some_value;	/* want "smp_processor_id\\(\\) used in preemptible code" */
	/* task is preempted here... */
	something = tux[smp_processor_id()];	/* want "smp_processor_id\\(\\) used in preemptible code" */
	return something;
}

/* Fixed by "disabling preemption around them". Safe. */
struct this_needs_locking tux_update(struct this_needs_locking some_value)
{
	struct this_needs_locking something;

	preempt_disable();
	tux[smp_processor_id()] = some_value;
	something = tux[smp_processor_id()];
	preempt_enable();
	return something;
}

/* Fixed with get_cpu()/put_cpu(), "which will disable preemption". Safe. */
struct this_needs_locking tux_update_get_cpu(struct this_needs_locking some_value)
{
	struct this_needs_locking something;
	int cpu;

	cpu = get_cpu();
	tux[cpu] = some_value;
	something = tux[cpu];
	put_cpu();
	return something;
}

/* Both uses on one line, unprotected: one report per use. Unsafe. */
void tux_touch_racy(void)
{
	tux[smp_processor_id()].stamp = tux[smp_processor_id()].stamp + 1;	/* want "smp_processor_id\\(\\) used in preemptible code" "smp_processor_id\\(\\) used in preemptible code" */
}
