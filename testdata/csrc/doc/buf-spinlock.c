/*
 * preempt-locking.rst, "Solution": the buf[smp_processor_id()] example.
 * "This code is not preempt-safe, but see how easily we can fix it by
 * simply moving the spin_lock up two lines." Holding a spinning lock
 * disables preemption, so the fixed version needs nothing else.
 */
#include <linux/spinlock.h>
#include <linux/smp.h>
#include <linux/printk.h>
#include <linux/threads.h>

static int buf[NR_CPUS];
static DEFINE_SPINLOCK(buf_lock);

extern void set_cpu_val(int *vals);

/* The document's example: the check runs before the lock is taken. Unsafe. */
void buf_check_racy(void)
{
	set_cpu_val(buf);
	if (buf[smp_processor_id()] == -1) printk(KERN_INFO "wee!\n");	/* want "smp_processor_id\\(\\) used in preemptible code" */
	spin_lock(&buf_lock);
	/* ... */
	spin_unlock(&buf_lock);
}

/* The fix: spin_lock moved up two lines. Safe. */
void buf_check(void)
{
	spin_lock(&buf_lock);
	set_cpu_val(buf);
	if (buf[smp_processor_id()] == -1) printk(KERN_INFO "wee!\n");
	/* ... */
	spin_unlock(&buf_lock);
}

/* Moved up only one line: the check is protected, the unlock comes too early for the second use. Unsafe. */
void buf_check_half_fixed(void)
{
	set_cpu_val(buf);
	spin_lock(&buf_lock);
	if (buf[smp_processor_id()] == -1)
		printk(KERN_INFO "wee!\n");
	spin_unlock(&buf_lock);
	buf[smp_processor_id()] = 0;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}
