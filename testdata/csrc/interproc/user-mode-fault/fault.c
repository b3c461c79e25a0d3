/*
 * interproc: a call made only where two tests of the same bits disagree,
 * cut down from arch/x86/mm/fault.c do_user_addr_fault(): flags gets
 * FAULT_FLAG_USER exactly when user_mode(regs) (regs->cs & 3, read by a
 * helper), and the block entered only with that flag set calls the oops
 * path only if !user_mode(regs): never. Analysed again with the bits of
 * each kind, the call is reached for neither, so the oops path's per-CPU
 * use is not reported from it. A call under a test of other bits is.
 */
#include <linux/smp.h>
#include <linux/workqueue.h>

struct pt_regs {
	unsigned long flags;
	unsigned long cs;
};

enum fault_flag_demo {
	FAULT_FLAG_WRITE_DEMO = 1 << 0,
	FAULT_FLAG_KILLABLE_DEMO = 1 << 1,
	FAULT_FLAG_USER_DEMO = 1 << 6,
};

#define FAULT_FLAG_DEFAULT_DEMO	(FAULT_FLAG_KILLABLE_DEMO)

static __always_inline int user_mode_demo(struct pt_regs *regs)
{
	return !!(regs->cs & 3);
}

int fault_count_demo[8];

static void oops_demo(struct pt_regs *regs)
{
	fault_count_demo[smp_processor_id()]++;
}

static void oops_write_demo(struct pt_regs *regs)
{
	fault_count_demo[smp_processor_id()]++;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

int handle_mm_fault_demo(unsigned int flags);

static void do_user_addr_fault_demo(struct pt_regs *regs, unsigned long error_code)
{
	unsigned int flags = FAULT_FLAG_DEFAULT_DEMO;

	if (error_code & 2)
		flags |= FAULT_FLAG_WRITE_DEMO;
	if (user_mode_demo(regs))
		flags |= FAULT_FLAG_USER_DEMO;

	if (!(flags & FAULT_FLAG_USER_DEMO))
		goto lock_mmap;
	if (handle_mm_fault_demo(flags)) {
		if (!user_mode_demo(regs))
			oops_demo(regs);
		return;
	}
	if (flags & FAULT_FLAG_WRITE_DEMO)
		oops_write_demo(regs);
lock_mmap:
	handle_mm_fault_demo(flags);
}

static struct pt_regs fault_regs_demo;
static struct work_struct fault_work_demo;

static void fault_work_fn_demo(struct work_struct *work)
{
	do_user_addr_fault_demo(&fault_regs_demo, 2);
}

void fault_setup_demo(void)
{
	INIT_WORK(&fault_work_demo, fault_work_fn_demo);
}
