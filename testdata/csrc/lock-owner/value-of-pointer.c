/*
 * A function that returns a test of a pointer a lookup returned, where
 * the lookup holds a lock iff it returned one: mm/page_vma_mapped.c
 * map_pte() stores pte_offset_map_lock()'s page table in pvmw->pte and
 * returns !!pvmw->pte, the lock held iff true, as on its other way out
 * that takes the lock itself. The exit is one exit per way the lookup
 * went, each with its own value.
 */
#include <linux/spinlock.h>
#include <linux/types.h>

struct walk_demo {
	spinlock_t lock;
	int *p;
	int *pte;
	unsigned long flags;
};

static int *lookup_lock_demo(struct walk_demo *w)
{
	spin_lock(&w->lock);
	if (!w->p) {
		spin_unlock(&w->lock);
		return NULL;
	}
	return w->p;
}

static bool map_demo(struct walk_demo *w)
{
	if (w->flags & 1) {
		w->pte = lookup_lock_demo(w);
		return !!w->pte;
	}
	if (!w->p)
		return false;
	spin_lock(&w->lock);
	return true;
}

void walk_demo(struct walk_demo *w)
{
	if (map_demo(w))
		spin_unlock(&w->lock);
}

/* The lock held where it returns false, and where it returns true. */
bool map_held_demo(struct walk_demo *w)
{
	if (w->flags & 1) {
		w->pte = lookup_lock_demo(w);
		return !w->pte;	/* want `returns with "w->lock" held \(taken by lookup_lock_demo\(\)` */
	}
	if (!w->p)
		return false;
	spin_lock(&w->lock);
	return true;	/* want `returns with "w->lock" held \(taken by spin_lock\(\)` */
}

/*
 * kernel/time/posix-timers.c timer_wait_running() returns lock_timer(),
 * a statement expression whose value is the timer __lock_timer() returns
 * locked, or NULL: the value as a whole tells the lock apart, as before.
 */
struct timer_demo {
	spinlock_t it_lock;
	int id;
};

struct timer_demo *timers_demo[4];

static struct timer_demo *__lock_timer_demo(int id, unsigned long *flags)
{
	struct timer_demo *t = timers_demo[id & 3];

	if (!t)
		return NULL;
	spin_lock_irqsave(&t->it_lock, *flags);
	if (t->id != id) {
		spin_unlock_irqrestore(&t->it_lock, *flags);
		return NULL;
	}
	return t;
}

#define lock_timer_demo(tid, flags)					\
({	struct timer_demo *__timr;					\
	__cond_lock(&__timr->it_lock, __timr = __lock_timer_demo(tid, flags)); \
	__timr;								\
})

struct timer_demo *timer_wait_running_demo(struct timer_demo *timer, unsigned long *flags)
{
	int id = timer->id;

	spin_unlock_irqrestore(&timer->it_lock, *flags);
	return lock_timer_demo(id, flags);
}
