/*
 * interproc: helpers that may sleep, called from another file. The call
 * made in atomic context is reported where the atomic context is taken,
 * with the path down to the sleeping primitive; a helper's own sleep is
 * not reported when its callers are what made it atomic.
 */
#include <linux/delay.h>
#include <linux/slab.h>

void dev_wait_idle(void)
{
	msleep(10);
}

void dev_reset(void)
{
	dev_wait_idle();
}

/* Sleeps when the caller's GFP flags allow it. */
void *dev_buf(gfp_t gfp)
{
	return kmalloc(64, gfp);
}
