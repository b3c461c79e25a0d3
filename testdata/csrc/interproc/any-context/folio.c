/*
 * The last reference to a folio, in the shape of mm/swap.c's
 * __folio_put(): folio_put() "May be called in process or interrupt
 * context ... May be called while holding a spinlock"
 * (include/linux/mm.h), and a hugetlb folio's free reaches
 * synchronize_rcu() only on a path that contract rules out (kapi:
 * AnyContext). A large kmalloc() freed in bulk under a spinlock
 * (mm/slub.c build_detached_freelist() -> free_large_kmalloc()) does not
 * sleep through it.
 */
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

struct folio_demo {
	int huge;
	int refs;
};

static void free_huge_folio_demo(struct folio_demo *folio)
{
	synchronize_rcu();
}

void __folio_put(struct folio_demo *folio)
{
	if (folio->huge)
		free_huge_folio_demo(folio);
}

static inline void folio_put_demo(struct folio_demo *folio)
{
	if (--folio->refs == 0)
		__folio_put(folio);
}

static DEFINE_SPINLOCK(bulk_lock);

/* Not flagged: the put is documented safe under a spinlock. */
void free_bulk_demo(struct folio_demo *folio)
{
	spin_lock(&bulk_lock);
	folio_put_demo(folio);
	spin_unlock(&bulk_lock);
}

/* Flagged: the hugetlb free itself has no such contract. */
void free_huge_locked_demo(struct folio_demo *folio)
{
	spin_lock(&bulk_lock);
	free_huge_folio_demo(folio);	/* want "free_huge_folio_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&bulk_lock);
}
