/*
 * interproc: bits a helper sets through a pointer parameter before it
 * returns success, cut down from mm/gup.c: is_valid_gup_args() or's
 * to_set into a copy of the caller's flags and stores it back before
 * "return true", so get_user_pages_fast_only(), past its test of the
 * call, passes flags with FOLL_FAST_ONLY, for which gup_fast_fallback()
 * returns before its sleeping slow path. get_user_pages_fast() sets
 * only FOLL_GET: it may sleep (perf.c).
 */
#include <linux/types.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/export.h>

#define FOLL_GET_DEMO		0x4
#define FOLL_FAST_ONLY_DEMO	0x80000
#define FOLL_UNLOCKABLE_DEMO	0x100000

static DEFINE_MUTEX(mmap_lock_demo);

static bool is_valid_gup_args_demo(int *locked, unsigned int *gup_flags_p, unsigned int to_set)
{
	unsigned int gup_flags = *gup_flags_p;

	if (WARN_ON_ONCE(gup_flags & FOLL_UNLOCKABLE_DEMO))
		return false;
	gup_flags |= to_set;
	if (locked) {
		if (WARN_ON_ONCE(*locked != 1))
			return false;
		gup_flags |= FOLL_UNLOCKABLE_DEMO;
	}
	*gup_flags_p = gup_flags;
	return true;
}

static long gup_fast_fallback_demo(unsigned long start, unsigned int gup_flags)
{
	long nr_pinned = start & 1;

	if (nr_pinned || gup_flags & FOLL_FAST_ONLY_DEMO)
		return nr_pinned;
	mutex_lock(&mmap_lock_demo);
	mutex_unlock(&mmap_lock_demo);
	return 1;
}

int get_user_pages_fast_only_demo(unsigned long start, unsigned int gup_flags)
{
	if (!is_valid_gup_args_demo(NULL, &gup_flags, FOLL_GET_DEMO | FOLL_FAST_ONLY_DEMO))
		return -EINVAL;
	return gup_fast_fallback_demo(start, gup_flags);
}
EXPORT_SYMBOL_GPL(get_user_pages_fast_only_demo);

int get_user_pages_fast_demo(unsigned long start, unsigned int gup_flags)
{
	if (!is_valid_gup_args_demo(NULL, &gup_flags, FOLL_GET_DEMO))
		return -EINVAL;
	return gup_fast_fallback_demo(start, gup_flags);
}
EXPORT_SYMBOL_GPL(get_user_pages_fast_demo);
