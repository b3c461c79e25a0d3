/*
 * interproc: a member pointing to a file-scope object, in the shape of
 * kernel/trace/trace.c ftrace_dump_one(). trace_init_iter() points the
 * iterator's temp and fmt members to static buffers, "can not use
 * kmalloc for iter.temp and iter.fmt": trace_find_next_entry() and
 * trace_iter_expand_format() (called, in another unit, by the
 * print_trace_line() the dump calls with interrupts disabled) allocate
 * and free only where the member is not the static buffer. The dump is
 * no finding; a caller whose iterator may hold allocated buffers is
 * (the iterator of a reader of the trace file), on every kernel, and on
 * PREEMPT_RT for the pool's lock the copy's old buffer is freed under.
 */
#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/bug.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include "iter.h"

#define STATIC_TEMP_BUF_SIZE_DEMO 128
static char static_temp_buf_demo[STATIC_TEMP_BUF_SIZE_DEMO];
static char static_fmt_buf_demo[128];
static DEFINE_SPINLOCK(temp_pool_lock_demo);

/* Gives a buffer back to a pool: a spinlock_t, which sleeps on PREEMPT_RT. */
static void free_temp_demo(void *temp)
{
	spin_lock(&temp_pool_lock_demo);
	kfree(temp);
	spin_unlock(&temp_pool_lock_demo);
}

/* Copies the entry out of the ring, into a buffer of its own. */
void *next_entry_demo(struct iter_demo *iter)
{
	if (iter->temp == static_temp_buf_demo && STATIC_TEMP_BUF_SIZE_DEMO < iter->ent_size)
		return NULL;
	if (iter->ent && iter->ent != iter->temp) {
		if ((!iter->temp || iter->temp_size < iter->ent_size) &&
		    !WARN_ON_ONCE(iter->temp == static_temp_buf_demo)) {
			void *temp;

			temp = kmalloc(iter->ent_size, GFP_KERNEL);
			if (!temp)
				return NULL;
			free_temp_demo(iter->temp);
			iter->temp = temp;
			iter->temp_size = iter->ent_size;
		}
		memcpy(iter->temp, iter->ent, iter->ent_size);
		iter->ent = iter->temp;
	}
	return iter->ent;
}

char *expand_format_demo(struct iter_demo *iter)
{
	char *tmp;

	if (!iter->tr || iter->fmt == static_fmt_buf_demo)
		return NULL;
	tmp = krealloc(iter->fmt, iter->fmt_size + 128, GFP_KERNEL);
	if (tmp) {
		iter->fmt_size += 128;
		iter->fmt = tmp;
	}
	return tmp;
}

static void init_iter_demo(struct iter_demo *iter, void *tr)
{
	iter->tr = tr;
	iter->temp = static_temp_buf_demo;
	iter->temp_size = STATIC_TEMP_BUF_SIZE_DEMO;
	iter->fmt = static_fmt_buf_demo;
	iter->fmt_size = 128;
}

void dump_demo(void *tr)
{
	static struct iter_demo iter;
	unsigned long flags;

	local_irq_save(flags);
	init_iter_demo(&iter, tr);
	while (iter_more_demo(&iter)) {
		iter.lat = 1;
		print_line_demo(&iter);
		consume_demo(&iter);
	}
	local_irq_restore(flags);
}

void dump_reader_demo(struct iter_demo *iter)
{
	unsigned long flags;

	local_irq_save(flags);
	print_line_demo(iter); /* want "print_line_demo\\(\\) may reschedule while only disabled interrupts prevent preemption" "print_line_demo\\(\\) takes a lock that sleeps on PREEMPT_RT" */
	local_irq_restore(flags);
}
