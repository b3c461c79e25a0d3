/*
 * preempt-locking.rst, "Solution": the preemption statements nest. "You
 * can call preempt_disable n-times in a code path, and preemption will
 * not be reenabled until the n-th call to preempt_enable."
 */
#include <linux/preempt.h>
#include <linux/percpu.h>

DEFINE_PER_CPU(unsigned long, nr_outer);
DEFINE_PER_CPU(unsigned long, nr_inner);

/* Disabled twice, enabled twice; every use sits at depth 1 or 2. Safe. */
void count_nested(void)
{
	preempt_disable();
	__this_cpu_inc(nr_outer);
	preempt_disable();
	__this_cpu_inc(nr_inner);
	preempt_enable();
	/* still disabled: this is the first enable of two */
	__this_cpu_inc(nr_outer);
	preempt_enable();
}

/* Called with preemption disabled by its only caller; nests its own pair. Safe. */
static void account_inner(void)
{
	preempt_disable();
	__this_cpu_inc(nr_inner);
	preempt_enable();
	__this_cpu_inc(nr_inner);
}

/* The inner pair lives in a helper: after its enable the outer disable still holds. Safe. */
void count_nested_helper(void)
{
	preempt_disable();
	account_inner();
	__this_cpu_inc(nr_outer);
	preempt_enable();
}

/* Three levels, unwound in order. Safe. */
void count_nested_three(void)
{
	preempt_disable();
	preempt_disable();
	preempt_disable();
	__this_cpu_inc(nr_inner);
	preempt_enable();
	preempt_enable();
	__this_cpu_inc(nr_outer);
	preempt_enable();
}

/* The n-th enable re-enables preemption: the use after it is preemptible. Unsafe. */
void count_nested_late(void)
{
	preempt_disable();
	preempt_disable();
	__this_cpu_inc(nr_inner);
	preempt_enable();
	preempt_enable();
	__this_cpu_inc(nr_outer);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

/* preempt_enable_no_resched() then preempt_check_resched(), as the document lists them. Safe. */
void count_no_resched(void)
{
	preempt_disable();
	__this_cpu_inc(nr_outer);
	preempt_enable_no_resched();
	preempt_check_resched();
}
