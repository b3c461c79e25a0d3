/*
 * interproc: callbacks get their context from the API that registers
 * them (kapi's roots): a timer callback runs in softirq context, a hard
 * interrupt handler with interrupts off, a threaded handler's thread and
 * a work item in process context, a cross-CPU call with interrupts off.
 */
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/smp.h>
#include <linux/delay.h>
#include <linux/percpu.h>

DEFINE_PER_CPU(unsigned long, drv_events);
static struct timer_list drv_timer;
static struct work_struct drv_work;

/* Softirq context: sleeping here is a bug. Flagged. */
static void drv_timeout(struct timer_list *t)
{
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
	__this_cpu_inc(drv_events);
}

/* Hard interrupt context: per-CPU data is safe. Not flagged. */
static irqreturn_t drv_irq(int irq, void *dev)
{
	__this_cpu_inc(drv_events);
	return IRQ_WAKE_THREAD;
}

/* The threaded part runs in a kthread, preemptible. Flagged. */
static irqreturn_t drv_irq_thread(int irq, void *dev)
{
	__this_cpu_inc(drv_events);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	msleep(1);
	return IRQ_HANDLED;
}

/* A work item may sleep. Not flagged. */
static void drv_work_fn(struct work_struct *w)
{
	msleep(5);
}

/* Run on every CPU with interrupts off. Not flagged. */
static void drv_count_cpu(void *info)
{
	__this_cpu_inc(drv_events);
}

/* Also with interrupts off, and nothing else: rescheduling is irqoff-resched's. Flagged. */
static void drv_flush_cpu(void *info)
{
	cond_resched();	/* want "cond_resched\\(\\) may reschedule while only disabled interrupts prevent preemption" */
}

int drv_probe(unsigned int irq)
{
	smp_call_function(drv_flush_cpu, NULL, 1);
	timer_setup(&drv_timer, drv_timeout, 0);
	INIT_WORK(&drv_work, drv_work_fn);
	on_each_cpu(drv_count_cpu, NULL, 1);
	return request_threaded_irq(irq, drv_irq, drv_irq_thread, 0, "drv", NULL);
}
