#include <linux/spinlock.h>

struct seq_file {
	void *private;
	long index;
};

struct mfc_iter_demo {
	void *cache;
	spinlock_t *lock;
};

void *mfc_seq_idx_demo(struct mfc_iter_demo *it, long pos);

/* include/linux/mroute_base.h mr_mfc_seq_start(): a header helper. */
static inline void *mfc_seq_start_demo(struct seq_file *seq, long *pos, spinlock_t *lock)
{
	struct mfc_iter_demo *it = seq->private;

	it->cache = NULL;
	it->lock = lock;
	return *pos ? mfc_seq_idx_demo(seq->private, *pos - 1) : (void *)1;
}
