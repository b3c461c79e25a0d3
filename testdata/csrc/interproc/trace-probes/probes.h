/*
 * A trace header in the shape of TRACE_EVENT(): each event defines a
 * probe function (not inline) and an event class that stores it. The
 * unit that sets CREATE_PROBES compiles them: they are its own.
 */
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/preempt.h>

struct trace_event_class {
	const char *system;
	void *probe;
};

#define PROBE_EVENT(name, assign)					\
static void probe_##name(void *data, int *entry)			\
{									\
	{ assign; }							\
	put_cpu_var(probe_hits);					\
}									\
static struct trace_event_class event_class_##name = {		\
	.system = "probes",						\
	.probe = probe_##name,						\
}

DECLARE_PER_CPU(unsigned long, probe_hits);

#ifdef CREATE_PROBES
/* Not flagged: the tracepoint calls the probe with preemption disabled. */
PROBE_EVENT(poll,
	entry[0] = smp_processor_id();
	get_cpu_var(probe_hits)++);

/* Flagged: the probe leaves the preempt count raised on every path. */
PROBE_EVENT(leak,	/* want "returns with preemption disabled on every path \\(preempt depth \\+1\\), but it is a callback" */
	entry[0] = get_cpu();
	get_cpu_var(probe_hits)++);
#endif
