/*
 * preempt-imbalance: a helper that returns an error, or with preemption
 * disabled a value its callers keep (include/linux/trace_recursion.h:
 * trace_test_and_set_recursion() returns -1, or the recursion bit it
 * took after preempt_disable_notrace(); its callers return on "bit < 0"
 * and end with trace_clear_recursion(bit)). kernel/trace/trace.c
 * __ftrace_trace_stack() disables preemption again inside: balanced.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>

#include "errno-or-count.h"

static DEFINE_PER_CPU(int, stack_reserve_demo);

/* Not flagged. */
void ftrace_trace_stack_demo(void)
{
	int bit;

	bit = test_and_set_recursion_demo(2);
	if (bit < 0)
		return;
	preempt_disable_notrace();
	__this_cpu_inc(stack_reserve_demo);
	__this_cpu_dec(stack_reserve_demo);
	preempt_enable_notrace();
	clear_recursion_demo(bit);
}

/* Flagged: on the error way out, preemption is not disabled. */
void ftrace_trace_unchecked_demo(void)
{
	int bit;

	bit = test_and_set_recursion_demo(2);
	__this_cpu_inc(stack_reserve_demo);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	clear_recursion_demo(bit);
}
