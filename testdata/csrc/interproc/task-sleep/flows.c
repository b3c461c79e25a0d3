/*
 * interproc: vfree() sleeps only outside interrupt context; where
 * in_interrupt() holds it hands the area to vfree_atomic() (mm/vmalloc.c:
 * "May sleep if called *not* from interrupt context"). Bottom halves
 * disabled count: net/mac80211's fq_reset() frees its flows with vfree()
 * under spin_lock_bh(), and a timer callback runs in softirq context.
 * Under a plain spinlock in task context it is still a sleep in atomic
 * context, directly or through a helper.
 */
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <linux/timer.h>

struct fq_demo {
	spinlock_t lock;
	void *flows;
	struct timer_list gc;
};

static void fq_reset_demo(struct fq_demo *fq)
{
	vfree(fq->flows);
	fq->flows = NULL;
}

/* Not flagged: bottom halves are disabled around the helper's vfree(). */
void txq_teardown_demo(struct fq_demo *fq)
{
	spin_lock_bh(&fq->lock);
	fq_reset_demo(fq);
	spin_unlock_bh(&fq->lock);
}

/* Not flagged: softirq context. */
static void fq_gc_demo(struct timer_list *t)
{
	struct fq_demo *fq = from_timer(fq, t, gc);

	vfree(fq->flows);
}

void fq_init_demo(struct fq_demo *fq)
{
	timer_setup(&fq->gc, fq_gc_demo, 0);
}

/* Flagged: a plain spinlock in task context. */
void fq_flush_demo(struct fq_demo *fq)
{
	spin_lock(&fq->lock);
	fq_reset_demo(fq);	/* want "fq_reset_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&fq->lock);
}

void fq_free_demo(struct fq_demo *fq)
{
	spin_lock(&fq->lock);
	vfree(fq->flows);	/* want "vfree\\(\\) may sleep in atomic context" */
	spin_unlock(&fq->lock);
}
