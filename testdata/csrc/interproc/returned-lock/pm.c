/*
 * interproc: callers of a lookup in another file that returns the
 * descriptor locked, through an inline wrapper (kernel/irq/pm.c's
 * rearm_wake_irq() before commit e27b1636e933 returned early without the
 * unlock).
 */
#include <linux/spinlock.h>

struct desc {
	raw_spinlock_t lock;
	unsigned int istate;
	unsigned int depth;
};

struct desc *desc_get_lock(unsigned int irq, unsigned long *flags);
void __desc_put_unlock(struct desc *desc, unsigned long flags, bool bus);

static inline struct desc *desc_get_buslock(unsigned int irq, unsigned long *flags)
{
	return desc_get_lock(irq, flags);
}

static inline void desc_put_unlock(struct desc *desc, unsigned long flags)
{
	__desc_put_unlock(desc, flags, true);
}

/* Every path that got the descriptor unlocks it. Not flagged. */
void desc_rearm(unsigned int irq)
{
	unsigned long flags;
	struct desc *desc = desc_get_buslock(irq, &flags);

	if (!desc)
		return;
	if (!(desc->istate & 1))
		goto unlock;
	desc->depth++;
unlock:
	desc_put_unlock(desc, flags);
}

/* An early return keeps the descriptor locked. */
void desc_rearm_leaky(unsigned int irq)
{
	unsigned long flags;
	struct desc *desc = desc_get_buslock(irq, &flags);

	if (!desc)
		return;
	if (!(desc->istate & 1))
		return; /* want "returns with \"desc->lock\" held" */
	desc->depth++;
	desc_put_unlock(desc, flags);
}
