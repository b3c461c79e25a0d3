/*
 * interproc: a function entered preemptible only with a constant
 * argument does not enter, preemptible, the callees it calls under a
 * test of that parameter the constant rules out (kernel/events/core.c:
 * perf_event_exec() calls perf_iterate_ctx(ctx, ..., true), whose
 * event_filter_match(), reading the CPU id, is under "if (!all)"; the
 * other callers pass false with preemption disabled). A caller that
 * passes false preemptible makes the use a finding.
 */
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/preempt.h>
#include <linux/types.h>

struct event_demo {
	int cpu;
	int state;
};

static int filter_match_demo(struct event_demo *event)
{
	return event->cpu == -1 || event->cpu == smp_processor_id();
}

static void iterate_ctx_demo(struct event_demo *events, int n, bool all)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!all) {
			if (!filter_match_demo(&events[i]))
				continue;
		}
		events[i].state = 1;
	}
}

void event_exec_demo(struct event_demo *events, int n)
{
	iterate_ctx_demo(events, n, true);
}

void event_output_demo(struct event_demo *events, int n)
{
	preempt_disable();
	iterate_ctx_demo(events, n, false);
	preempt_enable();
}

static int filter_match2_demo(struct event_demo *event)
{
	return event->cpu == smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

static void iterate2_demo(struct event_demo *events, int n, bool all)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!all && !filter_match2_demo(&events[i]))
			continue;
		events[i].state = 1;
	}
}

void event_exec2_demo(struct event_demo *events, int n)
{
	iterate2_demo(events, n, true);
}

void event_output2_demo(struct event_demo *events, int n)
{
	iterate2_demo(events, n, false);
}
