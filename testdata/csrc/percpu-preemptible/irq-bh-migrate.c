/*
 * percpu-preemptible: protection without the preempt count or a lock.
 * Disabled interrupts (local_irq_disable, local_irq_save, the raw_ forms),
 * disabled bottom halves (local_bh_disable, rcu_read_lock_bh),
 * migrate_disable(), and the lockdep assertions that declare the caller
 * already runs atomic.
 */
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/rcupdate.h>
#include <linux/lockdep.h>
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/threads.h>

struct irq_work_stats {
	unsigned long raised;
	unsigned long handled;
};

DEFINE_PER_CPU(struct irq_work_stats, iw_stats);
DEFINE_PER_CPU(unsigned long, softirq_pending_mask);
static int cpu_busy[NR_CPUS];

/* local_irq_save()/local_irq_restore(): pinned in between. Safe. */
void iw_raise(void)
{
	unsigned long flags;

	local_irq_save(flags);
	__this_cpu_inc(iw_stats.raised);
	cpu_busy[smp_processor_id()] = 1;
	local_irq_restore(flags);
}

/* local_irq_restore() returns to the enabled state of the entry. Unsafe. */
void iw_raise_late(void)
{
	unsigned long flags;

	local_irq_save(flags);
	__this_cpu_inc(iw_stats.raised);
	local_irq_restore(flags);
	cpu_busy[smp_processor_id()] = 1;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

/* Nested save/restore: the inner restore goes back to "disabled". Unsafe only after the outer one. */
void iw_raise_nested(void)
{
	unsigned long outer, inner;

	local_irq_save(outer);
	local_irq_save(inner);
	__this_cpu_inc(iw_stats.raised);
	local_irq_restore(inner);
	__this_cpu_inc(iw_stats.handled);
	local_irq_restore(outer);
	__this_cpu_inc(iw_stats.handled);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

/* local_irq_disable()/local_irq_enable(). Safe inside, unsafe after. */
void iw_handle(void)
{
	local_irq_disable();
	__this_cpu_inc(iw_stats.handled);
	local_irq_enable();
	__this_cpu_inc(iw_stats.handled);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

/* raw_local_irq_save()/raw_local_irq_restore(). Safe. */
void iw_raise_raw(void)
{
	unsigned long flags;

	raw_local_irq_save(flags);
	__this_cpu_inc(iw_stats.raised);
	raw_local_irq_restore(flags);
}

/* local_bh_disable(): softirqs off, so no preemption. Safe. */
void softirq_mark(unsigned int nr)
{
	local_bh_disable();
	__this_cpu_write(softirq_pending_mask, __this_cpu_read(softirq_pending_mask) | (1UL << nr));
	local_bh_enable();
}

/* The same read-modify-write without local_bh_disable(): two uses on one line. Unsafe. */
void softirq_mark_racy(unsigned int nr)
{
	__this_cpu_write(softirq_pending_mask, __this_cpu_read(softirq_pending_mask) | (1UL << nr));	/* want "__this_cpu_write\\(\\) used in preemptible code" "__this_cpu_read\\(\\) used in preemptible code" */
}

/* rcu_read_lock_bh() disables bottom halves. Safe. */
unsigned long softirq_peek(void)
{
	unsigned long mask;

	rcu_read_lock_bh();
	mask = __this_cpu_read(softirq_pending_mask);
	rcu_read_unlock_bh();
	return mask;
}

/* migrate_disable(): the task stays on this CPU, so the CPU id is stable. Safe. */
void iw_mark_busy_migrate(void)
{
	migrate_disable();
	cpu_busy[smp_processor_id()] = 1;
	this_cpu_ptr(&iw_stats)->raised++;
	migrate_enable();
}

/* After migrate_enable() the task may move again. Unsafe. */
void iw_mark_idle_migrate(void)
{
	migrate_disable();
	cpu_busy[smp_processor_id()] = 1;
	migrate_enable();
	cpu_busy[smp_processor_id()] = 0;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

/* The caller guarantees interrupts are off, and lockdep checks it. Safe. */
void iw_handle_irqoff(void)
{
	lockdep_assert_irqs_disabled();
	__this_cpu_inc(iw_stats.handled);
	cpu_busy[smp_processor_id()] = 0;
}

/* The caller guarantees preemption is off, and lockdep checks it. Safe. */
unsigned long iw_raised_count(void)
{
	lockdep_assert_preemption_disabled();
	return __this_cpu_read(iw_stats.raised);
}

/* The assertion comes after the use: the use itself is unchecked. Unsafe. */
void iw_handle_assert_late(void)
{
	__this_cpu_inc(iw_stats.handled);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	lockdep_assert_irqs_disabled();
}

/*
 * A lock taken through an ops pointer pins the task, and the kernel
 * asserts it (kernel/printk/nbcon.c, nbcon_emit_one(): con->device_lock(),
 * then cant_migrate()): the CPU stays, though the task may sleep. Safe.
 */
struct iw_console {
	void (*device_lock)(struct iw_console *con, unsigned long *flags);
	void (*device_unlock)(struct iw_console *con, unsigned long flags);
};

void iw_emit_pinned(struct iw_console *con)
{
	unsigned long flags;

	con->device_lock(con, &flags);
	cant_migrate();
	cpu_busy[smp_processor_id()] = 1;
	con->device_unlock(con, flags);
}

/* Without the assertion nothing says the lock pins it. Unsafe. */
void iw_emit_unpinned(struct iw_console *con)
{
	unsigned long flags;

	con->device_lock(con, &flags);
	cpu_busy[smp_processor_id()] = 1;	/* want "smp_processor_id\\(\\) used in preemptible code" */
	con->device_unlock(con, flags);
}
