/*
 * A lock reached through a local iterator's pointer, by macros that
 * parenthesise their argument (lib/idr.c ida_alloc_range(): xas_lock(&xas)
 * is spin_lock(&((&xas)->xa)->xa_lock)). Lock and unlock name the same
 * lock however the macros wrap it; every exit but the leaking one
 * releases it.
 */
#include <linux/spinlock.h>
#include <linux/errno.h>

struct xarray_demo {
	spinlock_t xa_lock;
};

struct ida_demo {
	struct xarray_demo xa;
};

struct xa_state_demo {
	struct xarray_demo *xa;
	unsigned long xa_index;
};

#define XA_STATE_DEMO(name, array, index) \
	struct xa_state_demo name = { .xa = array, .xa_index = index }
#define xa_lock_irqsave_demo(xa, flags) spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore_demo(xa, flags) spin_unlock_irqrestore(&(xa)->xa_lock, flags)
#define xas_lock_irqsave_demo(xas, flags) xa_lock_irqsave_demo((xas)->xa, flags)
#define xas_unlock_irqrestore_demo(xas, flags) xa_unlock_irqrestore_demo((xas)->xa, flags)

extern int xas_nomem_demo(struct xa_state_demo *xas);
extern void *xas_find_demo(struct xa_state_demo *xas);

int ida_alloc_demo(struct ida_demo *ida, unsigned int min)
{
	XA_STATE_DEMO(xas, &ida->xa, min / 8);
	unsigned long flags;

	if ((int)min < 0)
		return -ENOSPC;
retry:
	xas_lock_irqsave_demo(&xas, flags);
	if (!xas_find_demo(&xas))
		goto nospc;
	xas_unlock_irqrestore_demo(&xas, flags);
	if (xas_nomem_demo(&xas)) {
		xas.xa_index = min / 8;
		goto retry;
	}
	return 0;
nospc:
	xas_unlock_irqrestore_demo(&xas, flags);
	return -ENOSPC;
}

int ida_leak_demo(struct ida_demo *ida, unsigned int min)
{
	XA_STATE_DEMO(xas, &ida->xa, min / 8);
	unsigned long flags;

	if ((int)min < 0)
		return -ENOSPC;
	xas_lock_irqsave_demo(&xas, flags);
	if (!xas_find_demo(&xas))
		return -ENOSPC;	/* want `returns with "xas.xa->xa_lock" held` */
	xas_unlock_irqrestore_demo(&xas, flags);
	return 0;
}
