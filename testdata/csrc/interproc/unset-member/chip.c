/*
 * interproc: a pointer member no unit of the program sets is NULL, and a
 * path taken only where a helper returned it not NULL is no path
 * (kernel/irq/chip.c: irq_chip_pm_get() resumes the device
 * irq_get_pm_device() returns, data->domain->pm_dev, which only the
 * drivers of other architectures set; __irq_do_set_handler() calls it
 * under the descriptor's raw lock). A member the program sets (here in
 * domain.c) keeps the sleep.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>

struct device_demo {
	struct mutex lock;
};

struct domain_demo {
	struct device_demo *pm_dev;
	struct device_demo *wake_dev;
};

struct irq_data_demo {
	struct domain_demo *domain;
	raw_spinlock_t lock;
};

static struct device_demo *get_pm_device_demo(struct irq_data_demo *data)
{
	if (data->domain)
		return data->domain->pm_dev;
	return NULL;
}

static struct device_demo *get_wake_device_demo(struct irq_data_demo *data)
{
	if (data->domain)
		return data->domain->wake_dev;
	return NULL;
}

static void resume_demo(struct device_demo *dev)
{
	mutex_lock(&dev->lock);
	mutex_unlock(&dev->lock);
}

static void pm_get_demo(struct irq_data_demo *data)
{
	struct device_demo *dev = get_pm_device_demo(data);

	if (dev)
		resume_demo(dev);
}

static void wake_get_demo(struct irq_data_demo *data)
{
	struct device_demo *dev = get_wake_device_demo(data);

	if (dev)
		resume_demo(dev);
}

void set_handler_demo(struct irq_data_demo *data)
{
	raw_spin_lock(&data->lock);
	pm_get_demo(data);
	raw_spin_unlock(&data->lock);
}

void set_wake_handler_demo(struct irq_data_demo *data)
{
	raw_spin_lock(&data->lock);
	wake_get_demo(data);	/* want "wake_get_demo\\(\\) may sleep in atomic context" */
	raw_spin_unlock(&data->lock);
}
