/*
 * A sleep only past a WARN_ON() whose condition held, in the shape of
 * net/sunrpc/sched.c: rpc_sleep_check_activated() puts the task (which
 * may sleep) only on the branch that warns "We shouldn't ever put an
 * inactive task to sleep". The kernel reports that path when it runs; a
 * caller holding a spinlock is not flagged for it. A sleep on the
 * ordinary path still is.
 */
#include <linux/bug.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct demo_task { int flags; int status; struct mutex m; };

static void demo_put_task(struct demo_task *t)
{
	mutex_lock(&t->m);
	mutex_unlock(&t->m);
}

static bool demo_check_activated(struct demo_task *t)
{
	if (WARN_ON_ONCE(!(t->flags & 1))) {
		t->status = -5;
		demo_put_task(t);
		return false;
	}
	return true;
}

static void demo_sleep_on(struct demo_task *t)
{
	if (!demo_check_activated(t))
		return;
	t->flags |= 2;
}

static void demo_release(struct demo_task *t)
{
	t->flags = 0;
	demo_put_task(t);
}

static DEFINE_SPINLOCK(demo_queue_lock);

void demo_queue(struct demo_task *t)
{
	spin_lock(&demo_queue_lock);
	demo_sleep_on(t);
	demo_release(t); /* want "demo_release\\(\\) may sleep in atomic context" */
	spin_unlock(&demo_queue_lock);
}
