/*
 * interproc: a reserve that returns with preemption disabled iff it
 * returns an event, in the shape of kernel/trace/ring_buffer.c's
 * ring_buffer_lock_reserve(); the commit enables it again.
 */
#include <linux/preempt.h>
#include <linux/atomic.h>
#include "ring_buffer.h"

struct ring_buffer_event *rb_reserve_next_event(struct trace_buffer *buffer, unsigned long length);

struct ring_buffer_event *ring_buffer_lock_reserve(struct trace_buffer *buffer, unsigned long length)
{
	struct ring_buffer_event *event;

	preempt_disable_notrace();
	if (atomic_read(&buffer->record_disabled))
		goto out;
	event = rb_reserve_next_event(buffer, length);
	if (!event)
		goto out;
	return event;
 out:
	preempt_enable_notrace();
	return NULL;
}

void ring_buffer_unlock_commit(struct trace_buffer *buffer)
{
	atomic_inc(&buffer->committed);
	preempt_enable_notrace();
}
