/*
 * interproc: bits of a member that no unit of the program sets, named by
 * an enumerator, and tested through a helper that returns them
 * (kernel/irq/manage.c: request_nmi() returns -EINVAL unless
 * irq_supports_nmi(), which returns d->chip->flags &
 * IRQCHIP_SUPPORTS_NMI, a flag only the irq chips of other architectures
 * set; past it, __cleanup_nmi() under the descriptor's raw lock). Bits
 * the program sets (here in drivers.c) keep the sleep.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>

enum {
	CHIP_MASK_ON_SUSPEND_DEMO = (1 << 0),
	CHIP_WAKE_DEMO = (1 << 4),
	CHIP_SUPPORTS_NMI_DEMO = (1 << 8),
};

struct chip_demo {
	unsigned long flags;
	struct mutex lock;
};

struct desc_demo {
	struct chip_demo *chip;
	raw_spinlock_t lock;
};

static bool supports_nmi_demo(struct desc_demo *desc)
{
	if (!desc->chip)
		return false;
	return desc->chip->flags & CHIP_SUPPORTS_NMI_DEMO;
}

static bool wakes_demo(struct desc_demo *desc)
{
	return !!(desc->chip->flags & CHIP_WAKE_DEMO);
}

static void cleanup_demo(struct desc_demo *desc)
{
	mutex_lock(&desc->chip->lock);
	mutex_unlock(&desc->chip->lock);
}

int request_nmi_demo(struct desc_demo *desc)
{
	if (!desc || !supports_nmi_demo(desc))
		return -22;
	raw_spin_lock(&desc->lock);
	cleanup_demo(desc);
	raw_spin_unlock(&desc->lock);
	return 0;
}

int request_nmi_kept_demo(struct desc_demo *desc)
{
	bool nmi = supports_nmi_demo(desc);

	if (!nmi)
		return -22;
	raw_spin_lock(&desc->lock);
	cleanup_demo(desc);
	raw_spin_unlock(&desc->lock);
	return 0;
}

int request_nmi_tested_demo(struct desc_demo *desc)
{
	if (!(desc->chip->flags & CHIP_SUPPORTS_NMI_DEMO))
		return -22;
	raw_spin_lock(&desc->lock);
	cleanup_demo(desc);
	raw_spin_unlock(&desc->lock);
	return 0;
}

int request_wake_demo(struct desc_demo *desc)
{
	if (!wakes_demo(desc))
		return -22;
	raw_spin_lock(&desc->lock);
	cleanup_demo(desc);	/* want "cleanup_demo\\(\\) may sleep in atomic context" */
	raw_spin_unlock(&desc->lock);
	return 0;
}

/* Through a caller: the link rules the sleep out as the check does. */
static DEFINE_SPINLOCK(table_lock_demo);

static void prepare_nmi_demo(struct desc_demo *desc)
{
	if (!supports_nmi_demo(desc))
		return;
	cleanup_demo(desc);
}

static void prepare_wake_demo(struct desc_demo *desc)
{
	if (!wakes_demo(desc))
		return;
	cleanup_demo(desc);
}

void setup_nmi_demo(struct desc_demo *desc)
{
	spin_lock(&table_lock_demo);
	prepare_nmi_demo(desc);
	spin_unlock(&table_lock_demo);
}

void setup_wake_demo(struct desc_demo *desc)
{
	spin_lock(&table_lock_demo);
	prepare_wake_demo(desc);	/* want "prepare_wake_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&table_lock_demo);
}
