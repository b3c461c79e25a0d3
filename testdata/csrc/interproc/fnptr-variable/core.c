/*
 * interproc: a call through a file-scope function pointer variable, in
 * the shape of arch/x86/kernel/cpu/mce/core.c: mc_poll_banks holds
 * mc_poll_banks_default() (its initializer) or the CMCI variant
 * (threshold.c assigns it), and the per-CPU polling timer calls through
 * it in softirq context. The functions stored there run as that call
 * does: their per-CPU updates are not flagged.
 */
#include <linux/percpu.h>
#include <linux/timer.h>
#include "mce.h"

DEFINE_PER_CPU(int, mce_poll_count);
static DEFINE_PER_CPU(struct timer_list, mce_timer);

static void mc_poll_banks_default(void)
{
	__this_cpu_inc(mce_poll_count);
}

void (*mc_poll_banks)(void) = mc_poll_banks_default;

static void mce_timer_fn(struct timer_list *t)
{
	mc_poll_banks();
}

void mce_timer_setup(struct timer_list *t)
{
	timer_setup(t, mce_timer_fn, TIMER_PINNED);
}

/* Called through its variable from a function entered preemptible
 * (no caller in the program): flagged. */
static void mce_notify_default(void)
{
	__this_cpu_inc(mce_poll_count);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

void (*mce_notify)(void) = mce_notify_default;

void mce_chrdev_poll(void)
{
	mce_notify();
}
