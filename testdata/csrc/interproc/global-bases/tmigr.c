/*
 * interproc: kernel/time/timer_migration.c tmigr_handle_remote_cpu() in
 * the shape that matters: its own lock held across the helpers of
 * timer.c, which release the timer bases' locks, not this one.
 */
#include <linux/spinlock.h>
#include <linux/percpu.h>
struct cpu_demo { raw_spinlock_t lock; int remote; int online; };
static DEFINE_PER_CPU(struct cpu_demo, tmigr_cpu_demo);
void unlock_bases_demo(unsigned int cpu);
void lock_bases_demo(unsigned int cpu);

void handle_remote_demo(unsigned int cpu)
{
	struct cpu_demo *tmc = per_cpu_ptr(&tmigr_cpu_demo, cpu);

	raw_spin_lock_irq(&tmc->lock);
	if (tmc->remote) {
		raw_spin_unlock_irq(&tmc->lock);
		return;
	}
	tmc->remote = 1;
	raw_spin_unlock_irq(&tmc->lock);
	local_irq_disable();
	lock_bases_demo(cpu);
	raw_spin_lock(&tmc->lock);
	if (!tmc->online) {
		unlock_bases_demo(cpu);
		goto unlock;
	}
	unlock_bases_demo(cpu);
unlock:
	tmc->remote = 0;
	raw_spin_unlock_irq(&tmc->lock);
}
