/*
 * interproc: where the kernel's own sleep checks are off
 * (__might_resched() returns early while system_state is past
 * SYSTEM_RUNNING or oops_in_progress is set), cut down from
 * kernel/reboot.c, kernel/power/hibernate.c and kernel/panic.c.
 * kernel_power_off() stores the shutdown's state through
 * kernel_shutdown_prepare() before the platform's power-off, which takes
 * the firmware's sleeping locks with interrupts off (drivers/acpi/sleep.c
 * acpi_power_off()); resume_target_kernel() stores SYSTEM_SUSPEND itself;
 * vpanic() raises oops_in_progress with bust_spinlocks(1);
 * arch/x86/kernel/reboot.c's machine_real_restart() takes rtc_lock (a
 * sleeping lock on PREEMPT_RT) with interrupts off on the restart path.
 * None of it is reported; the same calls where the checks run are.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/preempt.h>

static DEFINE_MUTEX(fw_lock_demo);

void fw_power_off_demo(void)
{
	mutex_lock(&fw_lock_demo);
	mutex_unlock(&fw_lock_demo);
}

static void kernel_shutdown_prepare_demo(enum system_states state)
{
	system_state = state;
}

static void machine_power_off_demo(void)
{
	local_irq_disable();
	fw_power_off_demo();
}

void kernel_power_off_demo(void)
{
	kernel_shutdown_prepare_demo(SYSTEM_POWER_OFF);
	machine_power_off_demo();
}

void emergency_power_off_demo(void)
{
	local_irq_disable();
	fw_power_off_demo();	/* want "fw_power_off_demo\\(\\) may reschedule while only disabled interrupts prevent preemption" */
}

int resume_target_kernel_demo(void)
{
	local_irq_disable();
	system_state = SYSTEM_SUSPEND;
	msleep(1);
	system_state = SYSTEM_RUNNING;
	local_irq_enable();
	return 0;
}

int resume_running_demo(void)
{
	local_irq_disable();
	system_state = SYSTEM_SUSPEND;
	system_state = SYSTEM_RUNNING;
	msleep(1);	/* want "msleep\\(\\) may reschedule while only disabled interrupts prevent preemption" */
	local_irq_enable();
	return 0;
}

void vpanic_demo(void)
{
	local_irq_disable();
	bust_spinlocks(1);
	fw_power_off_demo();
	bust_spinlocks(0);
	fw_power_off_demo();	/* want "fw_power_off_demo\\(\\) may reschedule while only disabled interrupts prevent preemption" */
}

static DEFINE_SPINLOCK(rtc_lock_demo);

void machine_restart_demo(void)
{
	local_irq_disable();
	system_state = SYSTEM_RESTART;
	spin_lock(&rtc_lock_demo);
	spin_unlock(&rtc_lock_demo);
}

void machine_emergency_restart_demo(void)
{
	local_irq_disable();
	spin_lock(&rtc_lock_demo);	/* want "a sleeping lock on PREEMPT_RT" */
	spin_unlock(&rtc_lock_demo);
}

/*
 * arch/x86/kernel/dumpstack.c's die(): oops_begin() raises
 * oops_in_progress and returns with preemption disabled; oops_end()
 * lowers it (bust_spinlocks(0)) before oops_exit() takes a sleeping lock
 * on PREEMPT_RT, still in die()'s atomic context: the checks are on
 * again there, and it is reported.
 */
static DEFINE_SPINLOCK(pause_on_oops_lock_demo);

static void oops_exit_demo(void)
{
	spin_lock(&pause_on_oops_lock_demo);
	spin_unlock(&pause_on_oops_lock_demo);
}

void oops_begin_demo(void)
{
	preempt_disable();
	bust_spinlocks(1);
}

void oops_end_demo(void)
{
	bust_spinlocks(0);
	oops_exit_demo();
	preempt_enable();
}

void die_demo(void)
{
	oops_begin_demo();
	oops_end_demo();	/* want "oops_end_demo\\(\\) takes a lock that sleeps on PREEMPT_RT" */
}
