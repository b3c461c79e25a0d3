/*
 * A helper that drops its caller's lock to allocate, takes it back when
 * it got what it needed, and returns an errno without it when it did
 * not (mm/hugetlb.c allocate_file_region_entries(), annotated
 * __must_hold(&resv->lock), cut down): the value returned tells the
 * caller whether it still holds the lock. region_chg() returns -ENOMEM
 * straight after the failure and unlocks after the success: balanced.
 * A return past the success that keeps the lock is not.
 */
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/errno.h>

struct resv_demo {
	spinlock_t lock;
	long region_cache_count;
	long adds_in_progress;
};

static int allocate_entries_demo(struct resv_demo *resv, int regions_needed)
	__must_hold(&resv->lock)
{
	void *trg;
	int i, to_allocate;

	while (resv->region_cache_count < resv->adds_in_progress + regions_needed) {
		to_allocate = resv->adds_in_progress + regions_needed - resv->region_cache_count;
		spin_unlock(&resv->lock);
		for (i = 0; i < to_allocate; i++) {
			trg = kmalloc(16, GFP_KERNEL);
			if (!trg)
				goto out_of_memory;
			kfree(trg);
		}
		spin_lock(&resv->lock);
		resv->region_cache_count += to_allocate;
	}
	return 0;

out_of_memory:
	return -ENOMEM;
}

/* The same helper without the annotation. */
static int allocate_entries_plain(struct resv_demo *resv, int regions_needed)
{
	void *trg;

	while (resv->region_cache_count < regions_needed) {
		spin_unlock(&resv->lock);
		trg = kmalloc(16, GFP_KERNEL);
		if (!trg)
			return -ENOMEM;
		kfree(trg);
		spin_lock(&resv->lock);
		resv->region_cache_count++;
	}
	return 0;
}

long region_chg_demo(struct resv_demo *resv, long *out_regions_needed)
{
	spin_lock(&resv->lock);
	if (*out_regions_needed == 0)
		*out_regions_needed = 1;
	if (allocate_entries_demo(resv, *out_regions_needed))
		return -ENOMEM;
	resv->adds_in_progress += *out_regions_needed;
	spin_unlock(&resv->lock);
	return 0;
}

long region_plain_demo(struct resv_demo *resv, long needed)
{
	spin_lock(&resv->lock);
	if (allocate_entries_plain(resv, needed))
		return -ENOMEM;
	spin_unlock(&resv->lock);
	return 0;
}

long region_leak_demo(struct resv_demo *resv, long needed)
{
	spin_lock(&resv->lock);
	if (allocate_entries_demo(resv, needed))
		return -ENOMEM;
	if (resv->adds_in_progress > needed)
		return -EINVAL; /* want "returns with \"resv->lock\" held" */
	spin_unlock(&resv->lock);
	return 0;
}
