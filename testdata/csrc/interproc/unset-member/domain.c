/* The wake device is set at run time; the PM device never is. */
struct device_demo;

struct domain_demo {
	struct device_demo *pm_dev;
	struct device_demo *wake_dev;
};

void domain_set_wake_demo(struct domain_demo *d, struct device_demo *dev)
{
	d->wake_dev = dev;
}
