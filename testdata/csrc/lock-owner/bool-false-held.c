/*
 * A bool function that returns false holding a lock and true without it
 * is no lock helper: 0 is success only for an int (kernel/freezer.c
 * freeze_task() with the unlock before its "return false" deleted). One
 * that returns true holding the lock, as the trylocks and
 * refcount_dec_and_lock() do, is.
 */
#include <linux/spinlock.h>
#include <linux/types.h>

static DEFINE_SPINLOCK(freezer_lock_demo);

struct task_demo {
	int freezing;
	int frozen;
};

void wake_demo(struct task_demo *p);

bool freeze_task_demo(struct task_demo *p)
{
	unsigned long flags;

	spin_lock_irqsave(&freezer_lock_demo, flags);
	if (!p->freezing || p->frozen)
		return false;	/* want `returns with "freezer_lock_demo" held` */
	wake_demo(p);
	spin_unlock_irqrestore(&freezer_lock_demo, flags);
	return true;
}

/* Not flagged: true with the lock held, as refcount_dec_and_lock(). */
bool dec_and_lock_demo(int *count)
{
	spin_lock(&freezer_lock_demo);
	if (--*count == 0)
		return true;
	spin_unlock(&freezer_lock_demo);
	return false;
}
