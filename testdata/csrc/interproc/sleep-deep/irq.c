#include <linux/spinlock.h>
#include <linux/slab.h>

void dev_reset(void);
void *dev_buf(gfp_t gfp);
static DEFINE_SPINLOCK(dev_lock);

/* dev_reset() sleeps two calls down, in another file. Flagged. */
void dev_recover(void)
{
	spin_lock(&dev_lock);
	dev_reset();	/* want "dev_reset\\(\\) may sleep in atomic context \\(msleep\\(\\) is 3 calls down\\)" */
	spin_unlock(&dev_lock);
}

/* The same call outside the lock. Not flagged. */
void dev_recover_unlocked(void)
{
	dev_reset();
}

/* GFP_KERNEL passed down under a spinlock. Flagged. */
void *dev_refill(void)
{
	void *p;

	spin_lock(&dev_lock);
	p = dev_buf(GFP_KERNEL);	/* want "dev_buf\\(\\) may sleep in atomic context \\(it calls kmalloc\\(\\)\\)" */
	spin_unlock(&dev_lock);
	return p;
}

/* GFP_ATOMIC under the same lock. Not flagged. */
void *dev_refill_atomic(void)
{
	void *p;

	spin_lock(&dev_lock);
	p = dev_buf(GFP_ATOMIC);
	spin_unlock(&dev_lock);
	return p;
}
