/*
 * preempt-imbalance: nested sections and exits through the other
 * preempt-count primitives (get_cpu, rcu_read_lock_sched), including the
 * implicit return at the closing brace.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/threads.h>

struct lru_batch {
	unsigned int nr;
	void *pages[15];
};

DEFINE_PER_CPU(struct lru_batch, lru_add_batch);
DEFINE_PER_CPU(unsigned long, lru_flushes);
static unsigned long lru_last_flush[NR_CPUS];

extern void lru_flush_batch(struct lru_batch *b);

/* Depth 2 unwound in order. Safe. */
void lru_add(void *page)
{
	struct lru_batch *b;

	preempt_disable();
	b = this_cpu_ptr(&lru_add_batch);
	b->pages[b->nr++] = page;
	if (b->nr == 15) {
		preempt_disable();
		__this_cpu_inc(lru_flushes);
		preempt_enable();
		lru_flush_batch(b);
		b->nr = 0;
	}
	preempt_enable();
}

/* The inner section returns without undoing either level. Unsafe. */
int lru_add_checked(void *page)
{
	struct lru_batch *b;

	preempt_disable();
	b = this_cpu_ptr(&lru_add_batch);
	if (b->nr == 15) {
		preempt_disable();
		if (!page)
			return -1;	/* want "preempt depth at return is 2, but 0 at line 58" */
		__this_cpu_inc(lru_flushes);
		preempt_enable();
	}
	b->pages[b->nr++] = page;
	preempt_enable();
	return 0;
}

/* The early return enables; falling off the end does not. Unsafe. */
void lru_note_flush(unsigned long now)
{
	int cpu = get_cpu();

	if (lru_last_flush[cpu] == now) {
		put_cpu();
		return;
	}
	lru_last_flush[cpu] = now;
}	/* want "preempt depth at return is 1, but 0 at line 68" */

/*
 * rcu_read_lock_sched() section left open when it returns true, closed
 * when it returns false: on its own, the shape of a conditional helper
 * (true: still disabled, as a trylock holds its lock), which callers
 * must close. Not flagged here.
 */
bool lru_batch_full(void)
{
	struct lru_batch *b;

	rcu_read_lock_sched();
	b = this_cpu_ptr(&lru_add_batch);
	if (b->nr >= 15)
		return true;
	rcu_read_unlock_sched();
	return false;
}

/* The same with the unlock on every path. Safe. */
bool lru_batch_full_fixed(void)
{
	bool full;

	rcu_read_lock_sched();
	full = this_cpu_ptr(&lru_add_batch)->nr >= 15;
	rcu_read_unlock_sched();
	return full;
}

/* Conditional disable, no enable: the one exit sees both depths. Unsafe. */
void lru_maybe_pin(bool pin)
{
	if (pin)
		preempt_disable();
	lru_last_flush[raw_smp_processor_id()] = 0;
}	/* want "preempt depth at return is 0 or 1 depending on the path" */

/* A static "lock" helper (every exit pinned) and its caller. Safe. */
static struct lru_batch *lru_batch_lock(void)
{
	preempt_disable();
	return this_cpu_ptr(&lru_add_batch);
}

/* Pins through the helper and unpins itself; not examined (no increment of its own). Safe. */
void lru_drain_local(void)
{
	struct lru_batch *b = lru_batch_lock();

	if (b->nr)
		lru_flush_batch(b);
	b->nr = 0;
	preempt_enable();
}

/*
 * kernel/module/kallsyms.c module_get_kallsym(), with the
 * preempt_enable() before its "return 0" deleted: 0 with preemption
 * disabled and -ERANGE without is no helper's convention (0 is success
 * with a lock held for the interruptible locks only). Unsafe.
 */
int lru_get_slot(unsigned int slot, unsigned long *value)
{
	struct lru_batch *b;

	preempt_disable();
	b = this_cpu_ptr(&lru_add_batch);
	if (slot < b->nr) {
		*value = slot;
		return 0;	/* want "preempt depth at return is 1, but 0 at line" */
	}
	preempt_enable();
	return -ERANGE;
}
