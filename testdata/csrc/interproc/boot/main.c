/*
 * interproc: start_kernel() is early boot (kapi.Boot), cut down from
 * init/main.c. It runs with preemption disabled and, from its first
 * lines, interrupts off, and calls code that takes mutexes, allocates
 * with GFP_KERNEL and takes spinlocks: nothing there sleeps for real (one
 * task; gfp_allowed_mask keeps allocations from reclaiming), and the
 * kernel does not check it (__might_resched() returns early while
 * system_state is SYSTEM_BOOTING). The same calls made later with
 * interrupts disabled are flagged.
 */
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

bool early_boot_irqs_disabled;
static DEFINE_MUTEX(param_lock);
static DEFINE_SPINLOCK(log_lock);
static char *saved_command_line;

static void __init setup_command_line(void)
{
	saved_command_line = kmalloc(64, GFP_KERNEL);
	spin_lock(&log_lock);
	spin_unlock(&log_lock);
}

static void parse_args_demo(void)
{
	mutex_lock(&param_lock);
	mutex_unlock(&param_lock);
}

/*
 * Only early boot calls it (kernel/sched/core.c, sched_init(); mm_core_init()
 * and what it calls): entered with interrupts disabled, it allocates and
 * takes a spinlock_t, which on PREEMPT_RT sleep. Not flagged.
 */
static void __init sched_init_demo(void)
{
	char *p = kzalloc(64, GFP_NOWAIT);

	spin_lock(&log_lock);
	saved_command_line = p;
	spin_unlock(&log_lock);
}

void __init start_kernel(void)
{
	local_irq_disable();
	early_boot_irqs_disabled = true;
	sched_init_demo();
	setup_command_line();
	parse_args_demo();
	mutex_lock(&param_lock);
	mutex_unlock(&param_lock);
	early_boot_irqs_disabled = false;
	local_irq_enable();
}

void late_demo(void)
{
	local_irq_disable();
	parse_args_demo(); /* want "parse_args_demo\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	setup_command_line(); /* want "setup_command_line\\(\\) takes a lock that sleeps on PREEMPT_RT" */
	local_irq_enable();
}
