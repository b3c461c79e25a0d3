/*
 * lock-owner: seq_file calls .stop after .start, whatever .start
 * returned, and .stop releases what .start returned holding
 * (fs/proc/task_mmu.c m_start() takes the mm's mmap_lock and returns what
 * the walk finds, or NULL or an ERR_PTR() without the lock on its early
 * ways out; m_stop() releases it when priv->task says it was taken): a
 * lock handed over by design, not flagged. A .next may release what the
 * call before it took and take the next lock (net/netfilter/x_tables.c
 * xt_mttg_seq_next() walks from one table's mutex to the next): not
 * flagged either. The same function stored where no framework pairs it
 * with a release is flagged.
 */
#include <linux/rwsem.h>
#include <linux/mutex.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/stddef.h>

struct mm_demo {
	struct rw_semaphore mmap_lock;
	int users;
};

struct vma_demo {
	unsigned long start;
};

struct priv_demo {
	void *task;
	struct mm_demo *mm;
};

struct seq_file {
	struct priv_demo *private;
};

struct seq_operations {
	void *(*start)(struct seq_file *m, long *pos);
	void *(*next)(struct seq_file *m, void *v, long *pos);
	void (*stop)(struct seq_file *m, void *v);
	int (*show)(struct seq_file *m, void *v);
};

struct dump_operations {
	void *(*begin)(struct seq_file *m, long *pos);
};

void *get_task_demo(struct priv_demo *priv);
struct vma_demo *get_vma_demo(struct priv_demo *priv, long *pos);

static void *m_start_demo(struct seq_file *m, long *pos)
{
	struct priv_demo *priv = m->private;

	if (*pos == -1)
		return NULL;
	priv->task = get_task_demo(priv);
	if (!priv->task)
		return ERR_PTR(-ESRCH);
	if (down_read_killable(&priv->mm->mmap_lock)) {
		priv->task = NULL;
		return ERR_PTR(-EINTR);
	}
	return get_vma_demo(priv, pos);
}

static void *m_next_demo(struct seq_file *m, void *v, long *pos)
{
	return get_vma_demo(m->private, pos);
}

static void m_stop_demo(struct seq_file *m, void *v)
{
	struct priv_demo *priv = m->private;

	if (!priv->task)
		return;
	up_read(&priv->mm->mmap_lock);
}

static int m_show_demo(struct seq_file *m, void *v)
{
	return 0;
}

struct table_demo {
	struct mutex mutex;
};

extern struct table_demo tables_demo[4];

struct trav_demo {
	int class;
	int nfproto;
};

static void *trav_next_demo(struct seq_file *seq, void *v, long *pos)
{
	struct trav_demo *trav = (struct trav_demo *)seq->private;

	switch (trav->class) {
	case 0:
		mutex_lock(&tables_demo[0].mutex);
		trav->class = 1;
		break;
	case 1:
		mutex_unlock(&tables_demo[0].mutex);
		mutex_lock(&tables_demo[trav->nfproto].mutex);
		trav->class = 2;
		break;
	default:
		return NULL;
	}
	return trav;
}

static void *trav_start_demo(struct seq_file *seq, long *pos)
{
	return trav_next_demo(seq, NULL, pos);
}

static void trav_stop_demo(struct seq_file *seq, void *v)
{
	struct trav_demo *trav = (struct trav_demo *)seq->private;

	if (trav->class == 1)
		mutex_unlock(&tables_demo[0].mutex);
	else if (trav->class == 2)
		mutex_unlock(&tables_demo[trav->nfproto].mutex);
}

const struct seq_operations trav_op_demo = {
	.start	= trav_start_demo,
	.next	= trav_next_demo,
	.stop	= trav_stop_demo,
};

const struct seq_operations maps_op_demo = {
	.start	= m_start_demo,
	.next	= m_next_demo,
	.stop	= m_stop_demo,
	.show	= m_show_demo,
};

static void *dump_begin_demo(struct seq_file *m, long *pos)
{
	struct priv_demo *priv = m->private;

	if (*pos == -1)
		return NULL;
	down_read(&priv->mm->mmap_lock);
	if (*pos == -2)
		return NULL;	/* want "returns with \"m->private->mm->mmap_lock\" held" */
	return get_vma_demo(priv, pos);	/* want "returns with \"m->private->mm->mmap_lock\" held" */
}

const struct dump_operations dump_op_demo = {
	.begin	= dump_begin_demo,
};
