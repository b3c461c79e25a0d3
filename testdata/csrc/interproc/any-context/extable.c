/*
 * An exception fixup in the shape of arch/x86/mm/extable.c's:
 * fixup_exception() runs for faults taken anywhere (a trap handler with
 * interrupts off, an NMI handler's copy_from_user_nmi() through
 * kernelmode_fixup_or_oops()), so it does not sleep for the context it
 * fixes up (kapi: AnyContext). The zero-padding fixup's instruction
 * decoder reaches the LDT's mutex (get_desc()) only for 16-bit
 * addressing, which a 64-bit kernel instruction never uses. A trap
 * handler that fixes a kernel-mode fault up with interrupts off does not
 * reschedule through it.
 */
#include <linux/irqflags.h>
#include <linux/mutex.h>

struct regs_demo {
	unsigned long ip;
	int addr_bytes;
};

static DEFINE_MUTEX(ldt_lock_demo);

static unsigned long get_desc_demo(struct regs_demo *regs)
{
	mutex_lock(&ldt_lock_demo);
	mutex_unlock(&ldt_lock_demo);
	return regs->ip;
}

static int ex_handler_zeropad_demo(struct regs_demo *regs)
{
	if (regs->addr_bytes == 2)
		get_desc_demo(regs);
	return 1;
}

int fixup_exception(struct regs_demo *regs, int trapnr, unsigned long error_code, unsigned long fault_addr)
{
	return ex_handler_zeropad_demo(regs);
}

/* Not flagged: the fixup is safe wherever the fault was taken. */
void exc_demo(struct regs_demo *regs)
{
	local_irq_disable();
	fixup_exception(regs, 0, 0, 0);
	local_irq_enable();
}

/* Flagged: the descriptor lookup itself has no such contract. */
void desc_demo(struct regs_demo *regs)
{
	local_irq_disable();
	get_desc_demo(regs);	/* want "get_desc_demo\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_enable();
}
