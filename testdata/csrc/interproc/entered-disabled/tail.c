/*
 * interproc: a function that enables preemption it never disabled is
 * entered with preemption disabled, in the shape of kernel/sched/core.c's
 * schedule_tail(), which a new task runs first (from assembly), with the
 * preempt count __schedule() left: what it does before the enable is
 * protected, whatever calls it (or nothing the analysis sees); after the
 * enable it runs preemptible.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/delay.h>

static DEFINE_PER_CPU(int, switches);
static DEFINE_PER_CPU(int, children);

/* Runs before the enable: not flagged. */
static void finish_switch(void)
{
	__this_cpu_inc(switches);
}

void new_task_tail(void)
{
	finish_switch();
	preempt_enable();
	msleep(1);	/* preemptible from here: not flagged */
	__this_cpu_inc(children);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}
