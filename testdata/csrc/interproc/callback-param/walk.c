/*
 * interproc: a static helper that calls the function its callers pass
 * it, in the shape of kernel/events/core.c __perf_event_output() (its
 * output_begin) and of the walkers that take a lock around a callback:
 * the call through the parameter is a call of what every caller passes,
 * made in the helper's context. A callback that sleeps, passed to a
 * helper that holds a spinlock around the call, sleeps in atomic
 * context; a callback of another unit (flush.c) is entered where the
 * helper calls it, not unknown as a function whose address escapes.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>

static DEFINE_SPINLOCK(walk_lock);
static DEFINE_MUTEX(walk_mutex);

void walk_flush_remote(int n);
void walk_flush_open(int n);
void walk_flush_either(int n);
void walk_flush_other(int n);

static void walk_sleeping(int n)
{
	mutex_lock(&walk_mutex);
	mutex_unlock(&walk_mutex);
}

static void walk_locked(int n, void (*fn)(int))
{
	spin_lock(&walk_lock);
	fn(n); /* want "fn\\(\\) may sleep in atomic context \\(its callers pass walk_sleeping\\(\\); it calls mutex_lock" */
	spin_unlock(&walk_lock);
}

void walk_all(int n)
{
	walk_locked(n, walk_sleeping);
}

/* Two callers pass the same callback: it is entered in the helper's context. */
static void walk_each(int n, void (*fn)(int))
{
	unsigned long flags;

	local_irq_save(flags);
	fn(n);
	local_irq_restore(flags);
}

void walk_remote(int n)
{
	walk_each(n, walk_flush_remote);
}

void walk_local(int n)
{
	walk_each(n, walk_flush_remote);
}

/* Nothing protects this helper's call: its callback runs preemptible. */
static void walk_open(int n, void (*fn)(int))
{
	fn(n);
}

void walk_open_all(int n)
{
	walk_open(n, walk_flush_open);
}

/*
 * Two callers pass two callbacks: the call is one of them, which is not
 * followed (a callback may itself call whatever it is given).
 */
static void walk_either(int n, void (*fn)(int))
{
	fn(n);
}

void walk_either_all(int n)
{
	walk_either(n, walk_flush_either);
}

void walk_other_all(int n)
{
	walk_either(n, walk_flush_other);
}
