/*
 * A kfree() in the shape of mm/slub.c's: freeing a huge page may reach
 * synchronize_rcu() (free_huge_folio() -> hugetlb_vmemmap_restore_folio()),
 * on a path the kernel takes only where sleeping is allowed. kfree() is
 * documented as safe in any context (kapi: AnyContext), so no sleep is
 * found through it, neither at its calls nor in the functions that call
 * it; a function of the program without that contract is still followed.
 */
#include <linux/rcupdate.h>
#include <linux/slab.h>

int folio_is_huge(const void *p);

static void free_huge(const void *p)
{
	synchronize_rcu();
}

void kfree(const void *objp)
{
	if (folio_is_huge(objp))
		free_huge(objp);
}

void cache_release(const void *objp)
{
	if (folio_is_huge(objp))
		free_huge(objp);
}

/* Calls only kfree(): does not sleep. */
void cache_drop(void *objp)
{
	kfree(objp);
}
