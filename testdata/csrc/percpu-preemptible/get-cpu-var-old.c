/*
 * percpu-preemptible: __get_cpu_var(), the pre-3.19 spelling of
 * *this_cpu_ptr(&var), still found in old out-of-tree code and patches.
 * It needs a pinned CPU like this_cpu_ptr().
 */
#include <linux/preempt.h>
#include <linux/percpu.h>

struct sched_counters {
	unsigned long switches;
	unsigned long migrations;
};

DEFINE_PER_CPU(struct sched_counters, sched_counters);

/* __get_cpu_var() with preemption disabled. Safe. */
void switch_account_old_api(void)
{
	preempt_disable();
	__get_cpu_var(sched_counters).switches++;
	preempt_enable();
}

/* __get_cpu_var() with nothing pinned. Unsafe. */
void switch_account_old_api_racy(void)
{
	__get_cpu_var(sched_counters).migrations++;	/* want "__get_cpu_var\\(\\) used in preemptible code" */
}
