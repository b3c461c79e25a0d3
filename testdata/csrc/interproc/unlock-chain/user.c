#include <linux/errno.h>

void big_lock(void);
void big_unlock(void);

struct thing {
	int ready;
	int count;
};

/* An early return before the lock, and one unlock per lock. Not flagged. */
int thing_update(struct thing *t)
{
	if (!t->ready)
		return -EINVAL;
	big_lock();
	t->count++;
	big_unlock();
	return 0;
}

/* An error path that forgets the unlock. */
int thing_update_leaky(struct thing *t)
{
	big_lock();
	if (!t->ready)
		return -EINVAL; /* want "returns with \"big_mutex\" held" */
	t->count++;
	big_unlock();
	return 0;
}
