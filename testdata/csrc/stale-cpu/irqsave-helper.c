/*
 * stale-cpu: a per-CPU pointer obtained where the caller holds a raw
 * spinlock it took with interrupts disabled through a helper, in the
 * shape of kernel/time/hrtimer.c switch_hrtimer_base(): lock_hrtimer_base()
 * returns the timer's base locked with raw_spin_lock_irqsave(), and
 * switch_hrtimer_base() drops that lock to take another, then takes it
 * back and uses this CPU's base again. Interrupts stay off throughout:
 * the task cannot move, and the pointer is not stale. Where the caller
 * took the lock without disabling interrupts, dropping it ends the
 * protection.
 */
#include <linux/spinlock.h>
#include <linux/percpu.h>

struct cpu_base_demo {
	raw_spinlock_t lock;
	int idx;
};

struct base_demo {
	struct cpu_base_demo *cpu_base;
};

struct timer_demo {
	struct base_demo *base;
};

static DEFINE_PER_CPU(struct cpu_base_demo, bases_demo);

struct cpu_base_demo *target_demo(struct cpu_base_demo *b, int pinned);
int suitable_demo(struct timer_demo *t, struct cpu_base_demo *b);

static struct base_demo *lock_base_demo(struct timer_demo *timer, unsigned long *flags)
{
	struct base_demo *base = timer->base;

	raw_spin_lock_irqsave(&base->cpu_base->lock, *flags);
	return base;
}

static struct base_demo *lock_base_irqs_on_demo(struct timer_demo *timer)
{
	struct base_demo *base = timer->base;

	raw_spin_lock(&base->cpu_base->lock);
	return base;
}

static struct cpu_base_demo *switch_base_demo(struct timer_demo *timer, struct base_demo *base, int pinned)
{
	struct cpu_base_demo *this_cpu_base, *new_cpu_base, *new_base;

	this_cpu_base = this_cpu_ptr(&bases_demo);
	new_cpu_base = target_demo(this_cpu_base, pinned);
again:
	new_base = new_cpu_base;
	if (base->cpu_base != new_base) {
		raw_spin_unlock(&base->cpu_base->lock);
		raw_spin_lock(&new_base->lock);
		if (!suitable_demo(timer, this_cpu_base)) {
			raw_spin_unlock(&new_base->lock);
			raw_spin_lock(&base->cpu_base->lock);
			new_cpu_base = this_cpu_base;
			goto again;
		}
	}
	return new_base;
}

void timer_start_demo(struct timer_demo *timer)
{
	unsigned long flags;
	struct base_demo *base = lock_base_demo(timer, &flags);

	switch_base_demo(timer, base, 0);
	raw_spin_unlock_irqrestore(&base->cpu_base->lock, flags);
}

static struct cpu_base_demo *switch_base_irqs_on_demo(struct timer_demo *timer, struct base_demo *base)
{
	struct cpu_base_demo *this_cpu_base, *new_base;

	this_cpu_base = this_cpu_ptr(&bases_demo);
	new_base = target_demo(this_cpu_base, 0);
	raw_spin_unlock(&base->cpu_base->lock);
	raw_spin_lock(&new_base->lock);
	this_cpu_base->idx++; /* want "stale per-CPU pointer \"this_cpu_base\"" */
	raw_spin_unlock(&new_base->lock);
	raw_spin_lock(&base->cpu_base->lock);
	return new_base;
}

void timer_start_irqs_on_demo(struct timer_demo *timer)
{
	struct base_demo *base = lock_base_irqs_on_demo(timer);

	switch_base_irqs_on_demo(timer, base);
	raw_spin_unlock(&base->cpu_base->lock);
}
