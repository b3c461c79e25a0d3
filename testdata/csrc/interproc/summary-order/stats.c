/*
 * interproc: a lock helper three calls deep in its own file, written
 * callers first. Each function's summary is made after those of the
 * functions it calls (bottom-up over the file's call graph), whatever
 * the order of the source, so stats_enter() is known to return holding
 * stats_lock. Silent here.
 */
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(stats_lock);

static void stats_lock_mid(void);
static void stats_lock_inner(void);

void stats_enter(void)
{
	stats_lock_mid();
}

static void stats_lock_mid(void)
{
	stats_lock_inner();
}

static void stats_lock_inner(void)
{
	spin_lock(&stats_lock);
}

void stats_exit(void)
{
	spin_unlock(&stats_lock);
}
