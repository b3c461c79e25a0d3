/*
 * arch/x86/lib/insn-eval.c, cut down: a segment's base is looked up in
 * the task's LDT, under a mutex, only for a snapshot of a 32-bit user
 * mode (insn_get_seg_base() returns first for any 64-bit mode, and for
 * a kernel-mode snapshot).
 */
#include <linux/mutex.h>
#include "mce.h"

struct mutex ldt_lock_demo;

static unsigned long get_desc_demo(int seg)
{
	unsigned long base;

	mutex_lock(&ldt_lock_demo);
	base = seg * 8;
	mutex_unlock(&ldt_lock_demo);
	return base;
}

unsigned long insn_get_seg_base(struct pt_regs *regs, int seg)
{
	if (any_64bit_mode(regs))
		return 0;
	return get_desc_demo(seg);
}
