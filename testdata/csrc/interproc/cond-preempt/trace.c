/*
 * The reserve's users, in the shape of kernel/trace/trace.c: a wrapper
 * that hands the reserved event on, and writers that commit only the
 * event they got: the commit's per-CPU update runs with the preemption
 * the reserve disabled, not flagged. A writer that commits whatever the
 * reserve gave runs the commit preemptible where the reserve failed:
 * flagged.
 */
#include <linux/percpu.h>
#include "ring_buffer.h"

static DEFINE_PER_CPU(int, trace_buffered);

static struct ring_buffer_event *
trace_buffer_lock_reserve(struct trace_buffer *buffer, int type, unsigned long len)
{
	struct ring_buffer_event *event;

	event = ring_buffer_lock_reserve(buffer, len);
	if (event != NULL)
		event->type = type;
	return event;
}

static void buffer_unlock_commit(struct trace_buffer *buffer, struct ring_buffer_event *event)
{
	__this_cpu_inc(trace_buffered);
	ring_buffer_unlock_commit(buffer);
}

void trace_stack_demo(struct trace_buffer *buffer)
{
	struct ring_buffer_event *event;

	event = trace_buffer_lock_reserve(buffer, 1, 64);
	if (!event)
		return;
	buffer_unlock_commit(buffer, event);
}

int trace_printk_demo(struct trace_buffer *buffer)
{
	struct ring_buffer_event *event;
	int len = 0;

	event = trace_buffer_lock_reserve(buffer, 2, 128);
	if (!event)
		goto out;
	len = 128;
	buffer_unlock_commit(buffer, event);
 out:
	return len;
}

/* Commits what an unchecked reserve gave: where the reserve failed, the
 * commit runs preemptible. Flagged. */
static void buffer_unlock_commit_unchecked(struct trace_buffer *buffer)
{
	__this_cpu_inc(trace_buffered);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	ring_buffer_unlock_commit(buffer);
}

void trace_unchecked_demo(struct trace_buffer *buffer)
{
	trace_buffer_lock_reserve(buffer, 3, 32);
	buffer_unlock_commit_unchecked(buffer);
}

/*
 * A reserve of its own that returns with preemption disabled iff it
 * returns an entry, from a per-CPU buffer tested as it is read, or else
 * from the ring buffer's reserve (trace_event_buffer_lock_reserve()):
 * a conditional disabler, as the reserve is. Not flagged.
 */
static DEFINE_PER_CPU(struct ring_buffer_event *, trace_buffered_event);

struct ring_buffer_event *
trace_event_reserve_demo(struct trace_buffer *buffer, int filtered, unsigned long len)
{
	struct ring_buffer_event *entry;

	if (filtered) {
		preempt_disable_notrace();
		if ((entry = __this_cpu_read(trace_buffered_event))) {
			if (len <= 64) {
				entry->type = 5;
				return entry;
			}
		}
		preempt_enable_notrace();
	}
	entry = trace_buffer_lock_reserve(buffer, 5, len);
	return entry;
}

/*
 * A wrapper that returns the reserve's value as it is
 * (kernel/trace/trace.c trace_buffer_lock_reserve() around
 * __trace_buffer_lock_reserve()): a conditional disabler too, with one
 * way out. Its user commits, with the count it raised itself, only the
 * event it got: balanced, not flagged.
 */
struct ring_buffer_event *
trace_buffer_reserve_wrap_demo(struct trace_buffer *buffer, unsigned long len)
{
	return trace_buffer_lock_reserve(buffer, 6, len);
}

void trace_stack_nested_demo(struct trace_buffer *buffer)
{
	struct ring_buffer_event *event;

	preempt_disable_notrace();
	event = trace_buffer_reserve_wrap_demo(buffer, 16);
	if (!event)
		goto out;
	ring_buffer_unlock_commit(buffer);
 out:
	preempt_enable_notrace();
}
