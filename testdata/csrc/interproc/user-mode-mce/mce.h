/* The machine-check entry's helpers, in the shape of
 * arch/x86/include/asm/ptrace.h and idtentry.h. */
#include <linux/types.h>
#include <linux/bug.h>

struct pt_regs {
	unsigned long ip;
	unsigned long cs;
};

#define __USER_CS 0x33

static inline int user_mode(struct pt_regs *regs)
{
	return !!(regs->cs & 3);
}

static inline bool user_64bit_mode(struct pt_regs *regs)
{
	return regs->cs == __USER_CS;
}

/* 0 only for a snapshot of user mode: regs->cs & 3 is not 0 there. */
static inline bool any_64bit_mode(struct pt_regs *regs)
{
	return !user_mode(regs) || user_64bit_mode(regs);
}

#define DEFINE_IDTENTRY_MCE(func) void func(struct pt_regs *regs)
#define DEFINE_IDTENTRY_MCE_USER(func) void noist_##func(struct pt_regs *regs)

unsigned long insn_get_seg_base(struct pt_regs *regs, int seg);
void do_machine_check(struct pt_regs *regs);
