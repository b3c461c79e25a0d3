/*
 * An exception handler enables the interrupted context's interrupts
 * before its work that may sleep, cut down from arch/x86/kernel/traps.c:
 * DEFINE_IDTENTRY(exc_divide_error) runs with interrupts disabled;
 * do_error_trap() gives itself the interrupted context's flag with
 * cond_local_irq_enable() (on after an exception from user mode) and
 * calls do_trap(), which sends a signal: a spinlock_t, which sleeps on
 * PREEMPT_RT, and a sleep. Neither is reported. A handler that sleeps
 * with interrupts still disabled is.
 */
#include <linux/mutex.h>
#include "idtentry.h"

struct mutex trap_mutex;

static void do_trap(struct pt_regs *regs, int signr)
{
	if (!user_mode(regs)) {
		die("trap", regs, 0);
		return;
	}
	force_sig(signr);
	mutex_lock(&trap_mutex);
	mutex_unlock(&trap_mutex);
}

static void do_error_trap(struct pt_regs *regs, int signr)
{
	cond_local_irq_enable(regs);
	do_trap(regs, signr);
	cond_local_irq_disable(regs);
}

DEFINE_IDTENTRY(exc_divide_error)
{
	do_error_trap(regs, 8);
}

static void log_trap(void)
{
	mutex_lock(&trap_mutex);
	mutex_unlock(&trap_mutex);
}

/* Reported where the entry calls its body, with the path down to the sleep. */
DEFINE_IDTENTRY(exc_bounds) /* want "__exc_bounds\\(\\) may reschedule while only disabled interrupts prevent preemption" */
{
	log_trap();
}

/*
 * The #DB entry from user mode (DEFINE_IDTENTRY_DEBUG_USER, exc_debug_user())
 * runs on the task's stack with interrupts disabled, not as an NMI, and
 * enables them before its work that may sleep. Not flagged.
 */
#define DEFINE_IDTENTRY_DEBUG_USER(func) DEFINE_IDTENTRY(noist_##func)

static void handle_bus_lock(struct pt_regs *regs)
{
	force_sig(7);
}

DEFINE_IDTENTRY_DEBUG_USER(exc_debug)
{
	local_irq_enable();
	handle_bus_lock(regs);
	local_irq_disable();
}
