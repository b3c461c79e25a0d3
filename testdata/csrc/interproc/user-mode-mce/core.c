/*
 * interproc: arch/x86/kernel/cpu/mce/core.c's machine-check entries, in
 * NMI context. do_machine_check() decodes the faulting instruction,
 * which looks a segment up under a mutex only for a snapshot of a
 * 32-bit user mode. The kernel-mode entry warns if its snapshot is a
 * user-mode one (WARN_ON_ONCE(user_mode(regs))): past it the snapshot
 * is taken as kernel-mode, the other path being one the kernel reports,
 * and the entry does not sleep. The user-mode entry may.
 */
#include "mce.h"

static int error_context_demo(struct pt_regs *regs)
{
	return insn_get_seg_base(regs, 1) != 0;
}

void do_machine_check(struct pt_regs *regs)
{
	error_context_demo(regs);
}

static __always_inline void exc_machine_check_kernel_demo(struct pt_regs *regs)
{
	WARN_ON_ONCE(user_mode(regs));
	do_machine_check(regs);
}

static __always_inline void exc_machine_check_user_demo(struct pt_regs *regs)
{
	do_machine_check(regs);
}

DEFINE_IDTENTRY_MCE(exc_machine_check_demo)
{
	exc_machine_check_kernel_demo(regs);
}

DEFINE_IDTENTRY_MCE_USER(exc_machine_check_demo)
{
	exc_machine_check_user_demo(regs); /* want "exc_machine_check_user_demo\\(\\) may sleep in atomic context" */
}
