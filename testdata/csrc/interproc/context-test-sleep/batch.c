/*
 * interproc: a sleep on the branch where a test of the context says the
 * function serves no interrupt, cut down from kernel/rcu/tree.c: the
 * callback batch runs in RCU_SOFTIRQ's handler and in the rcuc kthread
 * (bottom halves disabled around it), and reschedules, after enabling
 * its caller's bottom halves, only where !in_serving_softirq(): never
 * for the handler. A sleep under !in_interrupt() is a task's too. One
 * under !in_hardirq(), which a softirq passes, or under
 * !in_serving_softirq() with the caller's bottom halves still disabled
 * (a task with them disabled passes it), stays a sleep in the handler.
 */
#include <linux/interrupt.h>
#include <linux/bottom_half.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/delay.h>

static int pending_demo;

static void do_batch_demo(void)
{
	while (pending_demo--) {
		if (in_serving_softirq()) {
			if (need_resched())
				break;
		} else {
			local_bh_enable();
			cond_resched();
			local_bh_disable();
		}
	}
}

static void flush_demo(void)
{
	if (!in_interrupt())
		msleep(1);
}

static void core_demo(void)
{
	do_batch_demo();
	flush_demo();
}

static void core_si_demo(struct softirq_action *h)
{
	core_demo();
}

static int cpu_kthread_demo(void *arg)
{
	local_bh_disable();
	core_demo();
	local_bh_enable();
	return 0;
}

static void hardirq_test_demo(void)
{
	if (!in_hardirq())
		msleep(1);
}

static void bh_held_demo(void)
{
	if (!in_serving_softirq())
		msleep(1);
}

static void other_si_demo(struct softirq_action *h)
{
	hardirq_test_demo();	/* want "hardirq_test_demo\\(\\) may sleep in atomic context" */
	bh_held_demo();	/* want "bh_held_demo\\(\\) may sleep in atomic context" */
}

void init_demo(void)
{
	open_softirq(RCU_SOFTIRQ, core_si_demo);
	open_softirq(TASKLET_SOFTIRQ, other_si_demo);
	kthread_run(cpu_kthread_demo, NULL, "rcuc_demo");
}
