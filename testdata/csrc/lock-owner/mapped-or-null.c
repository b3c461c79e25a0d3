/*
 * lock-owner: a function that returns what a call gives inside a lock,
 * and NULL after releasing it, is a lookup its callers test for NULL
 * (mm/pgtable-generic.c __pte_offset_map(): the page table mapped inside
 * rcu_read_lock(), which pte_unmap() ends, or NULL): not flagged. NULL
 * returned inside the lock, and the call's pointer after the unlock, is
 * an error path that forgot to unlock: flagged.
 */
#include <linux/rcupdate.h>
#include <linux/stddef.h>

struct pte_demo {
	unsigned long val;
};

struct pmd_demo {
	unsigned long val;
};

struct pte_demo *pte_map_demo(struct pmd_demo *pmd, unsigned long addr);
int pmd_bad_demo(struct pmd_demo pmd);

struct pte_demo *pte_offset_map_demo(struct pmd_demo *pmd, unsigned long addr)
{
	struct pmd_demo pmdval;

	rcu_read_lock();
	pmdval = *pmd;
	if (!pmdval.val)
		goto nomap;
	if (pmd_bad_demo(pmdval))
		goto nomap;
	return pte_map_demo(&pmdval, addr);
nomap:
	rcu_read_unlock();
	return NULL;
}

struct pte_demo *pte_lookup_demo(struct pmd_demo *pmd, unsigned long addr)
{
	struct pte_demo *pte;

	rcu_read_lock();
	if (!pmd->val)
		return NULL;	/* want "returns with \"rcu_read_lock\\(\\)\" held" */
	pte = pte_map_demo(pmd, addr);
	rcu_read_unlock();
	return pte;
}
