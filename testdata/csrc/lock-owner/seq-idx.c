/*
 * lock-owner: a seq_file iterator's lookup that returns the entry it
 * found under the lock of the list it found it in, one of two, and NULL
 * holding neither (net/ipv4/ipmr_base.c mr_mfc_seq_idx(), recording
 * which in it->cache). Its callers are the .next callback and the .start
 * callback, through a header helper (include/linux/mroute_base.h
 * mr_mfc_seq_start()): seq_file's .stop releases what they return
 * holding, and so what the lookup hands them. Not flagged.
 */
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/export.h>
#include "seq-idx.h"

struct mfc_demo {
	struct list_head list;
};

struct table_demo {
	struct list_head cache_list;
	struct list_head unres_queue;
};

extern struct table_demo table_demo;
static DEFINE_SPINLOCK(unres_lock_demo);

void *mfc_seq_idx_demo(struct mfc_iter_demo *it, long pos)
{
	struct mfc_demo *mfc;

	rcu_read_lock();
	it->cache = &table_demo.cache_list;
	list_for_each_entry_rcu(mfc, &table_demo.cache_list, list)
		if (pos-- == 0)
			return mfc;
	rcu_read_unlock();

	spin_lock_bh(it->lock);
	it->cache = &table_demo.unres_queue;
	list_for_each_entry(mfc, it->cache, list)
		if (pos-- == 0)
			return mfc;
	spin_unlock_bh(it->lock);

	it->cache = NULL;
	return NULL;
}
EXPORT_SYMBOL(mfc_seq_idx_demo);

static void *mfc_seq_next_demo(struct seq_file *seq, void *v, long *pos)
{
	struct mfc_iter_demo *it = seq->private;
	struct mfc_demo *c = v;

	++*pos;
	if (v == (void *)1)
		return mfc_seq_idx_demo(seq->private, 0);
	if (c->list.next != it->cache)
		return list_entry(c->list.next, struct mfc_demo, list);
	if (it->cache == &table_demo.unres_queue)
		goto end_of_list;
	rcu_read_unlock();
	it->cache = &table_demo.unres_queue;
	spin_lock_bh(it->lock);
	if (!list_empty(it->cache))
		return list_first_entry(it->cache, struct mfc_demo, list);
end_of_list:
	spin_unlock_bh(it->lock);
	it->cache = NULL;
	return NULL;
}

static void mfc_seq_stop_demo(struct seq_file *seq, void *v)
{
	struct mfc_iter_demo *it = seq->private;

	if (it->cache == &table_demo.unres_queue)
		spin_unlock_bh(it->lock);
	else if (it->cache == &table_demo.cache_list)
		rcu_read_unlock();
}

static void *mfc_start_demo(struct seq_file *seq, long *pos)
{
	return mfc_seq_start_demo(seq, pos, &unres_lock_demo);
}

static int mfc_show_demo(struct seq_file *seq, void *v)
{
	return 0;
}

struct seq_operations {
	void *(*start)(struct seq_file *m, long *pos);
	void *(*next)(struct seq_file *m, void *v, long *pos);
	void (*stop)(struct seq_file *m, void *v);
	int (*show)(struct seq_file *m, void *v);
};

const struct seq_operations mfc_seq_ops_demo = {
	.start	= mfc_start_demo,
	.next	= mfc_seq_next_demo,
	.stop	= mfc_seq_stop_demo,
	.show	= mfc_show_demo,
};
