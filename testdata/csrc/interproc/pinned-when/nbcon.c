/*
 * kernel/printk/nbcon.c's nbcon_emit_one(), cut down: when not asked to
 * print atomically, it takes the console's device lock through its
 * callback, which "MUST disable migration" (include/linux/console.h),
 * and asserts so with cant_migrate(). Its callees then read the CPU id
 * on a task pinned to its CPU, for the callers that pass use_atomic =
 * false (the printing kthread); nbcon_legacy_emit_next_record() passes
 * true only with interrupts disabled. A function that pins its task the
 * same way, called preemptible with true, is reported.
 */
#include <linux/kthread.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/sched.h>
#include <linux/irqflags.h>

struct console_demo {
	void (*device_lock)(struct console_demo *con, unsigned long *flags);
	void (*device_unlock)(struct console_demo *con, unsigned long flags);
	int owner_cpu;
};

static void nbcon_context_try_acquire_demo(struct console_demo *con)
{
	con->owner_cpu = smp_processor_id();
}

static bool nbcon_emit_one_demo(struct console_demo *con, bool use_atomic)
{
	unsigned long flags;

	if (!use_atomic) {
		con->device_lock(con, &flags);
		cant_migrate();
	}
	nbcon_context_try_acquire_demo(con);
	if (!use_atomic)
		con->device_unlock(con, flags);
	return true;
}

/* Not reported: the kthread prints with the device lock. */
static int nbcon_kthread_func_demo(void *data)
{
	struct console_demo *con = data;

	while (!kthread_should_stop()) {
		schedule();
		nbcon_emit_one_demo(con, false);
	}
	return 0;
}

static bool nbcon_legacy_emit_next_record_demo(struct console_demo *con, bool use_atomic)
{
	unsigned long flags;
	bool progress;

	if (use_atomic)
		local_irq_save(flags);
	progress = nbcon_emit_one_demo(con, use_atomic);
	if (use_atomic)
		local_irq_restore(flags);
	return progress;
}

/* Not reported: atomic printing with interrupts disabled. */
void console_flush_all_demo(struct console_demo *con, bool do_cond_resched)
{
	might_sleep();
	nbcon_legacy_emit_next_record_demo(con, !do_cond_resched);
}

static void device_read_cpu_demo(struct console_demo *con)
{
	con->owner_cpu = smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

static void device_emit_demo(struct console_demo *con, bool use_atomic)
{
	unsigned long flags;

	if (!use_atomic) {
		con->device_lock(con, &flags);
		cant_migrate();
	}
	device_read_cpu_demo(con);
	if (!use_atomic)
		con->device_unlock(con, flags);
}

/* Reported: "atomic" printing from a preemptible task. */
void device_flush_demo(struct console_demo *con)
{
	might_sleep();
	device_emit_demo(con, true);
}

void nbcon_start_demo(struct console_demo *con)
{
	kthread_run(nbcon_kthread_func_demo, con, "pr/demo");
}
