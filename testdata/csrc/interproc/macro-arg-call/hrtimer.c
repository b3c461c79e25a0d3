/*
 * interproc: a call written in the argument of a kernel macro that
 * expands to a statement expression is a call like any other
 * (kernel/time/hrtimer.c get_target_base():
 * "&per_cpu(hrtimer_bases, get_nohz_timer_target())", under the timer
 * base's raw spinlock). The callee is entered with preemption disabled
 * there, so its CPU id is not flagged; and a sleep in it is found.
 */
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/delay.h>

/* As include/linux/percpu-defs.h defines it: a statement expression. */
#undef per_cpu
#define per_cpu(var, cpu) (*({ (void)(cpu); &(var); }))

struct cpu_base_demo {
	raw_spinlock_t lock;
	int expires;
};

DEFINE_PER_CPU(struct cpu_base_demo, bases_demo);

static int nohz_target_demo(void)
{
	return smp_processor_id();
}

static struct cpu_base_demo *target_base_demo(int pinned)
{
	if (!pinned)
		return &per_cpu(bases_demo, nohz_target_demo());
	return 0;
}

int start_timer_demo(struct cpu_base_demo *base, int pinned)
{
	struct cpu_base_demo *b;
	unsigned long flags;

	raw_spin_lock_irqsave(&base->lock, flags);
	b = target_base_demo(pinned);
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return b != 0;
}

static int slow_target_demo(void)
{
	msleep(1);
	return 0;
}

static DEFINE_SPINLOCK(slow_lock_demo);

int slow_timer_demo(void)
{
	int e;

	spin_lock(&slow_lock_demo);
	e = per_cpu(bases_demo, slow_target_demo()).expires;	/* want "slow_target_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&slow_lock_demo);
	return e;
}
