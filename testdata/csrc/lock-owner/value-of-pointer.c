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
