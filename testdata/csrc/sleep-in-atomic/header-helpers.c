/* A header helper called under a spinlock sleeps when its body does,
 * with its parameters standing for the call's arguments. */
#include "header-helpers.h"

static DEFINE_SPINLOCK(demo_lock);

void *demo_fill(struct completion *c)
{
	void *p, *q;

	spin_lock(&demo_lock);
	p = demo_alloc(32, GFP_KERNEL); /* want "demo_alloc\\(\\) may sleep in atomic context \\(it calls kmalloc\\(\\)\\)" */
	q = demo_alloc(32, GFP_ATOMIC);
	demo_wait(c); /* want "demo_wait\\(\\) may sleep in atomic context \\(it calls wait_for_completion\\(\\)\\)" */
	demo_wait_timeout(c, 1);
	demo_wait_timeout(c, 0); /* want "demo_wait_timeout\\(\\) may sleep in atomic context \\(wait_for_completion\\(\\) is 3 calls down\\)" */
	demo_unlock_wait(&demo_lock, c);
	spin_unlock(&demo_lock);
	kfree(q);
	return p;
}
