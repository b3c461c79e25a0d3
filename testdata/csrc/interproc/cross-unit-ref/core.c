/*
 * interproc: a function whose address another file takes escapes there,
 * though that file only declares it (kernel/smp.c passes
 * sched_ttwu_pending(), defined in kernel/sched/core.c, to csd_do_func(),
 * which calls it from the IPI handler with interrupts disabled). Who
 * calls it is not known: it is not entered preemptible. A function of
 * the same shape whose address nobody takes is.
 */
#include <linux/percpu.h>
#include <linux/smp.h>

DEFINE_PER_CPU(unsigned long, ttwu_count_demo);

void ttwu_pending_demo(void *arg)
{
	__this_cpu_inc(ttwu_count_demo);
}

void ttwu_unused_demo(void *arg)
{
	__this_cpu_inc(ttwu_count_demo);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}
