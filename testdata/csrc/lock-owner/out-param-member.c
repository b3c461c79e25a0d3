/*
 * A lock pointer a call fills in through a member's address, in the
 * shape of mm/page_vma_mapped.c map_pte(): pte_offset_map_lock(...,
 * &pvmw->ptl) maps and takes the page table lock in code the analysis
 * does not see (as it does for a local pointer, &ptl), and the other way
 * takes the lock through the pointer: no inconsistent return. A call
 * given the address of a lock itself fills in no pointer: a path that
 * forgets to release it is still reported.
 */
#include <linux/spinlock.h>

struct walk_demo {
	int flags;
	void *pte;
	void *pmd;
	spinlock_t *ptl;
	spinlock_t lock;
};

void *map_lock_demo(void *pmd, spinlock_t **ptlp);
void note_lock_demo(spinlock_t *lock);

bool map_pte_demo(struct walk_demo *pvmw, spinlock_t **ptlp)
{
	if (pvmw->flags & 1) {
		pvmw->pte = map_lock_demo(pvmw->pmd, &pvmw->ptl);
		*ptlp = pvmw->ptl;
		return !!pvmw->pte;
	}
	pvmw->ptl = *ptlp;
	spin_lock(pvmw->ptl);
	return true;
}

int walk_lock_demo(struct walk_demo *w)
{
	note_lock_demo(&w->lock);
	spin_lock(&w->lock);
	if (w->flags & 2)
		return -16;	/* want "returns with \"w->lock\" held" */
	spin_unlock(&w->lock);
	return 0;
}
