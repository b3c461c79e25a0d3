/*
 * percpu-preemptible: a wrapper of a conditional reserve returns NULL
 * when the reserve gave no event, else what it built from the event
 * (kernel/trace/trace_events.c trace_event_buffer_reserve() around
 * trace_event_buffer_lock_reserve(): the entry, ring_buffer_event_data()
 * of the event), with the preemption the reserve disabled still
 * disabled. Its callers' commit, past their NULL test, runs with
 * preemption disabled even where they may sleep before the reserve
 * (a uprobe handler): not flagged. The wrapper changes the count only
 * through its callee; one that disables preemption itself and returns a
 * call's value without enabling it is a leak (see
 * preempt-imbalance/pinned-or-null.c).
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/kernel.h>
#include <linux/stddef.h>

struct rb_event_demo { int data[4]; };
struct buffer_demo { int disabled; };
struct fbuffer_demo { struct rb_event_demo *event; void *entry; };

static DEFINE_PER_CPU(int, buffered_demo);

struct rb_event_demo *rb_reserve_next_demo(struct buffer_demo *b);
void *event_data_demo(struct rb_event_demo *e);

static struct rb_event_demo *lock_reserve_demo(struct buffer_demo *b)
{
	struct rb_event_demo *event;

	preempt_disable_notrace();
	if (b->disabled)
		goto out;
	event = rb_reserve_next_demo(b);
	if (!event)
		goto out;
	return event;
out:
	preempt_enable_notrace();
	return NULL;
}

static void *buffer_reserve_demo(struct fbuffer_demo *fb, struct buffer_demo *b)
{
	fb->event = lock_reserve_demo(b);
	if (!fb->event)
		return NULL;
	fb->entry = event_data_demo(fb->event);
	return fb->entry;
}

static void buffer_commit_demo(struct fbuffer_demo *fb)
{
	__this_cpu_write(buffered_demo, 1);
	preempt_enable_notrace();
}

void probe_demo(struct fbuffer_demo *fb, struct buffer_demo *b)
{
	void *entry;

	might_sleep();
	entry = buffer_reserve_demo(fb, b);
	if (!entry)
		return;
	buffer_commit_demo(fb);
}
