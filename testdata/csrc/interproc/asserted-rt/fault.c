/*
 * interproc: a lockdep assertion says what the function's callers do; it
 * makes nothing atomic of its own. arch/x86/kernel/kvm.c
 * kvm_async_pf_task_wait_schedule() asserts that interrupts are disabled,
 * then queues a node whose dummy it frees (kfree(), a lock that sleeps
 * on PREEMPT_RT further down); its caller, the page fault entered with
 * interrupts disabled, is where the lock is taken in atomic context, and
 * where it is reported, with the path through the assertion's function
 * (which its own check leaves to its callers, as it does any context its
 * entry alone makes atomic). The page fault calls it through an inline
 * helper of a header and an out-of-line handler: the helper's call is
 * where it is reported then.
 */
#include <linux/spinlock.h>
#include <linux/lockdep.h>
#include <linux/irqflags.h>

#include "sleepers.h"

static DEFINE_RAW_SPINLOCK(fault_lock_demo);

void page_fault_demo(unsigned int token)
{
	raw_spin_lock_irq(&fault_lock_demo);
	task_wait_schedule_demo(token);	/* want "task_wait_schedule_demo\\(\\) takes a lock that sleeps on PREEMPT_RT \\(spin_lock\\(\\) is 3 calls down\\) where the context is atomic on every kernel" */
	raw_spin_unlock_irq(&fault_lock_demo);
}

/* Through the inline helper: its body, and what it calls, are read. */
void user_fault_demo(unsigned int token)
{
	raw_spin_lock_irq(&fault_lock_demo);
	if (handle_async_pf_demo(token))	/* want "handle_async_pf_demo\\(\\) takes a lock that sleeps on PREEMPT_RT \\(spin_lock\\(\\) is 5 calls down\\) where the context is atomic on every kernel" */
		token = 0;
	raw_spin_unlock_irq(&fault_lock_demo);
}

void poll_demo(unsigned int token)
{
	local_irq_disable();
	task_wait_schedule_demo(token);	/* want "task_wait_schedule_demo\\(\\) takes a lock that sleeps on PREEMPT_RT" */
	local_irq_enable();
}
