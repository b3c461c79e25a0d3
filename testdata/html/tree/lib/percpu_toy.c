/* A lock helper that forgets to unlock on its error path. */
#include <linux/spinlock.h>
#include <linux/errno.h>

struct toy_counter {
	spinlock_t lock;
	long count;
};

int toy_counter_add(struct toy_counter *c, long n)
{
	spin_lock(&c->lock);
	if (n < 0)
		return -EINVAL;	/* want "returns with \"c->lock\" held" */
	c->count += n;
	spin_unlock(&c->lock);
	return 0;
}
