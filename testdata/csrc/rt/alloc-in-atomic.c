/*
 * On PREEMPT_RT the memory allocator takes sleeping locks: it must not be
 * called where the context is atomic on every kernel, whatever the GFP
 * flags (locktypes.rst, "raw_spinlock_t on RT").
 */
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/gfp.h>

struct node { int key; };

static DEFINE_RAW_SPINLOCK(raw_lock);
static DEFINE_SPINLOCK(plain_lock);

/* locktypes.rst's example: flagged. */
struct node *raw_alloc(void)
{
	struct node *p;

	raw_spin_lock(&raw_lock);
	p = kmalloc(sizeof(*p), GFP_ATOMIC);	/* want "kmalloc\\(\\) allocates where the context is atomic on every kernel; on PREEMPT_RT the allocator takes sleeping locks" */
	raw_spin_unlock(&raw_lock);
	return p;
}

/* Under a spinlock_t: fine on both kernels. */
struct node *plain_alloc(void)
{
	struct node *p;

	spin_lock(&plain_lock);
	p = kmalloc(sizeof(*p), GFP_ATOMIC);
	spin_unlock(&plain_lock);
	return p;
}

/* Interrupts disabled, GFP_NOWAIT: flagged. */
struct node *irqs_off_alloc(void)
{
	unsigned long flags;
	struct node *p;

	local_irq_save(flags);
	p = kzalloc(sizeof(*p), GFP_NOWAIT);	/* want "kzalloc\\(\\) allocates where the context is atomic" */
	local_irq_restore(flags);
	return p;
}

/* GFP_KERNEL under a raw lock may sleep on every kernel: sleep-in-atomic's finding, not a second one. */
struct node *raw_alloc_kernel(void)
{
	struct node *p;

	raw_spin_lock(&raw_lock);
	p = kmalloc(sizeof(*p), GFP_KERNEL);	/* want "kmalloc\\(\\) may sleep in atomic context" */
	raw_spin_unlock(&raw_lock);
	return p;
}

/* Flags from the caller, under preempt_disable(): flagged. */
struct node *preempt_alloc(gfp_t gfp)
{
	struct node *p;

	preempt_disable();
	p = kmalloc(sizeof(*p), gfp);	/* want "kmalloc\\(\\) allocates where the context is atomic on every kernel" */
	preempt_enable();
	return p;
}

/* The allocation moved out of the raw section: fine. */
struct node *raw_insert(void)
{
	struct node *p = kmalloc(sizeof(*p), GFP_ATOMIC);

	raw_spin_lock(&raw_lock);
	if (p)
		p->key = 1;
	raw_spin_unlock(&raw_lock);
	return p;
}
