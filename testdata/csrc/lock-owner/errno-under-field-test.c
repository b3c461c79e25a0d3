/*
 * A lock taken and released under the same test of a field is held on
 * some paths to the final return only (drivers/acpi/cppc_acpi.c
 * cpc_write(): rmw_lock, for system-memory registers). An errno returned
 * with it held, on a path that took it, is still an error path that
 * forgot to unlock.
 */
#include <linux/spinlock.h>
#include <linux/errno.h>

#define SPACE_MEMORY_DEMO 0

struct reg_demo {
	int space_id;
	int size;
};

struct cpc_desc_demo {
	raw_spinlock_t rmw_lock;
};

int cpc_write_demo(struct cpc_desc_demo *cpc_desc, struct reg_demo *reg)
{
	unsigned long flags;
	int ret_val = 0;

	if (reg->space_id == SPACE_MEMORY_DEMO) {
		raw_spin_lock_irqsave(&cpc_desc->rmw_lock, flags);
		if (reg->size > 64)
			return -EFAULT;	/* want `returns with "cpc_desc->rmw_lock" held` */
	}
	if (reg->size == 0)
		ret_val = -EFAULT;
	if (reg->space_id == SPACE_MEMORY_DEMO)
		raw_spin_unlock_irqrestore(&cpc_desc->rmw_lock, flags);
	return ret_val;
}

/* Not flagged: every path that took the lock releases it. */
int cpc_write_ok_demo(struct cpc_desc_demo *cpc_desc, struct reg_demo *reg)
{
	unsigned long flags;
	int ret_val = 0;

	if (reg->space_id == SPACE_MEMORY_DEMO) {
		raw_spin_lock_irqsave(&cpc_desc->rmw_lock, flags);
		if (reg->size > 64) {
			raw_spin_unlock_irqrestore(&cpc_desc->rmw_lock, flags);
			return -EFAULT;
		}
	}
	if (reg->size == 0)
		ret_val = -EFAULT;
	if (reg->space_id == SPACE_MEMORY_DEMO)
		raw_spin_unlock_irqrestore(&cpc_desc->rmw_lock, flags);
	return ret_val;
}
