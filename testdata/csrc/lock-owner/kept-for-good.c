/*
 * A lock helper whose callers never release the lock is reported only
 * where something ran under the lock before the return: there an unlock
 * may have been forgotten. One that returns as soon as it has the lock
 * wrote no unlock to forget; its lock is its callers' to keep, as
 * arch/x86/mm/pat/set_memory.c set_memory_enc_stop_conversion() keeps
 * mem_enc_lock for good ("The lock is not released to prevent new
 * conversions from being started"). Its value tells its returns apart:
 * a bool's nonzero value is true, whatever the trylock returned.
 */
#include <linux/rwsem.h>
#include <linux/printk.h>
#include <linux/types.h>

static DECLARE_RWSEM(conv_lock_demo);
extern int oops_demo;

struct conv_demo { int stopped; };

bool stop_conversion_demo(void)
{
	if (oops_demo)
		return down_write_trylock(&conv_lock_demo);
	down_write(&conv_lock_demo);
	return true;
}

void kexec_begin_demo(void)
{
	if (!stop_conversion_demo())
		pr_warn("conversions may still be in flight\n");
}

int convert_demo(void)
{
	if (!down_read_trylock(&conv_lock_demo))
		return -16;
	up_read(&conv_lock_demo);
	return 0;
}

/* Work under the lock before the return: an unlock was forgotten. */
bool stop_and_count_demo(struct conv_demo *c)
{
	if (oops_demo)
		return false;
	down_write(&conv_lock_demo);
	c->stopped++;
	return true; /* want `returns with "conv_lock_demo" held \(taken by down_write\(\) at line 47\) on the returns its value tells apart, and no caller of stop_and_count_demo\(\) releases it` */
}

void shutdown_demo(struct conv_demo *c)
{
	if (!stop_and_count_demo(c))
		pr_warn("not stopped\n");
}
