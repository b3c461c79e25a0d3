/*
 * preempt-locking.rst, "Solution" and "Preventing preemption using
 * interrupt disabling": "you do not need to explicitly prevent preemption
 * if you are holding any locks or interrupts are disabled". Short atomic
 * regions under a spinlock or with interrupts off, none of which calls
 * anything that could reschedule.
 */
#include <linux/spinlock.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/mutex.h>

struct rx_stats {
	unsigned long packets;
	unsigned long bytes;
};

DEFINE_PER_CPU(struct rx_stats, rx_stats);
static DEFINE_SPINLOCK(rx_lock);
static DEFINE_MUTEX(rx_mutex);

/* Holding a spinlock: implicitly non-preemptible. Safe. */
void rx_account_locked(unsigned int len)
{
	spin_lock(&rx_lock);
	__this_cpu_inc(rx_stats.packets);	/* want "on PREEMPT_RT, spin_lock\\(\\) does not disable preemption" */
	__this_cpu_add(rx_stats.bytes, len);	/* want "on PREEMPT_RT, spin_lock\\(\\) does not disable preemption" */
	spin_unlock(&rx_lock);
}

/* local_irq_disable(): interrupts off, so no preemption. Safe. */
void rx_account_irqoff(unsigned int len)
{
	local_irq_disable();
	__this_cpu_inc(rx_stats.packets);
	__this_cpu_add(rx_stats.bytes, len);
	local_irq_enable();
}

/* local_irq_save()/local_irq_restore(): interrupts off in between. Safe. */
void rx_account_irqsave(unsigned int len)
{
	unsigned long flags;

	local_irq_save(flags);
	__this_cpu_inc(rx_stats.packets);
	__this_cpu_add(rx_stats.bytes, len);
	local_irq_restore(flags);
}

/* A mutex is a lock but a sleeping one: preemption stays enabled. Unsafe. */
void rx_account_mutex(unsigned int len)
{
	mutex_lock(&rx_mutex);
	__this_cpu_inc(rx_stats.packets);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	__this_cpu_add(rx_stats.bytes, len);	/* want "__this_cpu_add\\(\\) used in preemptible code" */
	mutex_unlock(&rx_mutex);
}
