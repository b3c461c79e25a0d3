/* A chip of this architecture: it wakes and masks, and has no NMI. */
enum {
	CHIP_MASK_ON_SUSPEND_DEMO = (1 << 0),
	CHIP_WAKE_DEMO = (1 << 4),
	CHIP_SUPPORTS_NMI_DEMO = (1 << 8),
};

struct mutex;

struct chip_demo {
	unsigned long flags;
};

struct chip_demo ioapic_chip_demo = {
	.flags = CHIP_MASK_ON_SUSPEND_DEMO | CHIP_WAKE_DEMO,
};
