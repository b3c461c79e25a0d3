/*
 * drivers/acpi/osl.c and acpica/hwregs.c, cut down: ACPICA reads its
 * registers under a raw spinlock through acpi_os_read_memory(), which
 * finds them among the mappings made at boot. Its ioremap() fallback
 * allocates and takes a spinlock_t; kapi documents the function safe in
 * any context, PREEMPT_RT included, so neither reaches its callers. The
 * same ioremap() called directly under the raw lock is reported.
 */
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>

static DEFINE_SPINLOCK(memtype_lock_demo);
static DEFINE_RAW_SPINLOCK(acpi_gbl_hardware_lock_demo);
static void __iomem *premapped_demo;

void __iomem *acpi_ioremap_demo(u64 phys)
{
	void *entry = kzalloc(32, GFP_KERNEL);

	spin_lock(&memtype_lock_demo);
	kfree(entry);
	spin_unlock(&memtype_lock_demo);
	return (void __iomem *)(unsigned long)phys;
}

int acpi_os_read_memory(u64 phys, u64 *value, u32 width)
{
	void __iomem *virt;

	rcu_read_lock();
	virt = premapped_demo;
	if (!virt) {
		rcu_read_unlock();
		virt = acpi_ioremap_demo(phys);
		*value = readl(virt);
		return 0;
	}
	*value = readl(virt);
	rcu_read_unlock();
	return 0;
}

/* Not flagged: the registers it reads under the raw lock are premapped. */
int acpi_hw_read_status_demo(u64 phys, u64 *value)
{
	unsigned long flags;
	int r;

	raw_spin_lock_irqsave(&acpi_gbl_hardware_lock_demo, flags);
	r = acpi_os_read_memory(phys, value, 32);
	raw_spin_unlock_irqrestore(&acpi_gbl_hardware_lock_demo, flags);
	return r;
}

/* Flagged twice: the fallback itself, called under the raw lock. */
void acpi_map_locked_demo(u64 phys)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&acpi_gbl_hardware_lock_demo, flags);
	acpi_ioremap_demo(phys);	/* want "acpi_ioremap_demo\\(\\) may sleep in atomic context" "acpi_ioremap_demo\\(\\) takes a lock that sleeps on PREEMPT_RT" */
	raw_spin_unlock_irqrestore(&acpi_gbl_hardware_lock_demo, flags);
}
