/*
 * kernel/reboot.c's kernel_halt(), cut down: migrate_to_reboot_cpu()
 * binds the task to the reboot CPU for good (PF_NO_SETAFFINITY,
 * set_cpus_allowed_ptr(current, cpumask_of(cpu))) before the devices'
 * shutdown callbacks run, as arch/x86/kernel/cpu/mce/core.c's
 * mce_syscore_shutdown() does. Their per-CPU work stays on one CPU;
 * they may still sleep. The path that shuts down without it is reported.
 */
#include <linux/percpu.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mutex.h>

void migrate_to_reboot_cpu(void);

static DEFINE_PER_CPU(unsigned long, mce_banks_demo);

static void mce_disable_error_reporting_demo(void)
{
	unsigned long *b = this_cpu_ptr(&mce_banks_demo);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */

	*b = 0;
}

static void syscore_shutdown_demo(void)
{
	mce_disable_error_reporting_demo();
	msleep(1);
}

static void kernel_halt_demo(void)
{
	migrate_to_reboot_cpu();
	syscore_shutdown_demo();
}

static void kernel_shutdown_unpinned_demo(void)
{
	syscore_shutdown_demo();
}

/*
 * The real syscore_shutdown() takes a mutex before it calls the devices'
 * callbacks: that it may sleep there does not unbind a task every caller
 * bound to the reboot CPU. Not flagged.
 */
static DEFINE_PER_CPU(unsigned long, mce_ctl_demo);
static DEFINE_MUTEX(syscore_ops_lock_demo);

static void mce_quiesce_demo(void)
{
	unsigned long *c = this_cpu_ptr(&mce_ctl_demo);

	*c = 0;
}

static void syscore_shutdown_locked_demo(void)
{
	mutex_lock(&syscore_ops_lock_demo);
	mce_quiesce_demo();
	mutex_unlock(&syscore_ops_lock_demo);
}

static void kernel_restart_demo(void)
{
	migrate_to_reboot_cpu();
	syscore_shutdown_locked_demo();
}

static int reboot_thread_demo(void *cmd)
{
	kernel_halt_demo();
	kernel_restart_demo();
	return 0;
}

static int shutdown_thread_demo(void *cmd)
{
	kernel_shutdown_unpinned_demo();
	return 0;
}

void start_demo(void)
{
	kthread_run(reboot_thread_demo, NULL, "reboot");
	kthread_run(shutdown_thread_demo, NULL, "shutdown");
}
