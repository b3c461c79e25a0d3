/*
 * What a function returns, as its summary tells its callers (dataflow
 * Summary.Returns): arch/x86/include/asm/ptrace.h user_mode() returns
 * !!(regs->cs & 3), 0 or 1, so both ways of a branch on it are taken
 * (arch/x86/kernel/kvm.c __kvm_handle_async_pf() panics on one); a
 * function that returns 0 on every way out takes one way only.
 */
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/spinlock.h>

struct regs_demo {
	unsigned long cs;
};

static DEFINE_SPINLOCK(pf_lock_demo);

static inline bool user_mode_demo(struct regs_demo *regs)
{
	return !!(regs->cs & 3);
}

void async_pf_demo(struct regs_demo *regs)
{
	if (!user_mode_demo(regs))
		panic("kernel mode\n");
	spin_lock(&pf_lock_demo);
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
	spin_unlock(&pf_lock_demo);
}

static int never_demo(struct regs_demo *regs)
{
	if (regs->cs)
		return 0;
	return 0;
}

void never_sleeps_demo(struct regs_demo *regs)
{
	spin_lock(&pf_lock_demo);
	if (never_demo(regs))
		msleep(1);
	spin_unlock(&pf_lock_demo);
}

/* A pointer computed from another (container_of()) is a store of an
 * unknown value; a local whose address a callee gets may hold anything
 * it wrote. */
struct dev_demo *find_dev_demo(int id);
void fill_status_demo(int *err);

static struct regs_demo *lookup_demo(int id)
{
	struct dev_demo *dev = find_dev_demo(id);
	struct regs_demo *regs = NULL;

	if (dev)
		regs = (struct regs_demo *)((char *)dev - 8);
	return regs;
}

void lookup_sleeps_demo(int id)
{
	struct regs_demo *regs = lookup_demo(id);

	if (!regs)
		return;
	spin_lock(&pf_lock_demo);
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
	spin_unlock(&pf_lock_demo);
}

static int status_demo(void)
{
	int err = 0;

	fill_status_demo(&err);
	return err;
}

void status_sleeps_demo(void)
{
	spin_lock(&pf_lock_demo);
	if (status_demo())
		msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
	spin_unlock(&pf_lock_demo);
}
