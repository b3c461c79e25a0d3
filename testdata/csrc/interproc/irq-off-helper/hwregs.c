/*
 * drivers/acpi/acpica/hwregs.c's acpi_hw_clear_acpi_status(), cut down,
 * with include/acpi/platform/aclinuxex.h's helpers: the one returns the
 * flags of a raw_spin_lock_irqsave() and the lock held, the other gives
 * them back to raw_spin_unlock_irqrestore(). After the pair, a
 * spinlock_t is taken where interrupts are as the caller had them; under
 * the raw lock it would sleep on PREEMPT_RT.
 */
#include <linux/spinlock.h>

typedef raw_spinlock_t *acpi_raw_spinlock_demo;

static DEFINE_RAW_SPINLOCK(hardware_lock_demo);
static DEFINE_SPINLOCK(gpe_lock_demo);
static int status_demo;

static inline unsigned long acpi_os_acquire_raw_lock_demo(acpi_raw_spinlock_demo lockp)
{
	unsigned long flags;

	raw_spin_lock_irqsave(lockp, flags);
	return flags;
}

static inline void acpi_os_release_raw_lock_demo(acpi_raw_spinlock_demo lockp, unsigned long flags)
{
	raw_spin_unlock_irqrestore(lockp, flags);
}

static void walk_gpe_list_demo(void)
{
	spin_lock(&gpe_lock_demo);
	status_demo = 0;
	spin_unlock(&gpe_lock_demo);
}

int acpi_hw_clear_acpi_status_demo(void)
{
	unsigned long lock_flags;

	lock_flags = acpi_os_acquire_raw_lock_demo(&hardware_lock_demo);
	status_demo = 1;
	acpi_os_release_raw_lock_demo(&hardware_lock_demo, lock_flags);
	walk_gpe_list_demo();
	return status_demo;
}

int acpi_hw_clear_locked_demo(void)
{
	unsigned long lock_flags;

	lock_flags = acpi_os_acquire_raw_lock_demo(&hardware_lock_demo);
	spin_lock(&gpe_lock_demo);	/* want "spin_lock\\(\\) takes \"gpe_lock_demo\", a sleeping lock on PREEMPT_RT, where the context is atomic on every kernel" */
	status_demo = 1;
	spin_unlock(&gpe_lock_demo);
	acpi_os_release_raw_lock_demo(&hardware_lock_demo, lock_flags);
	return status_demo;
}
