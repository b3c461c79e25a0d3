/*
 * mm/percpu.c's pcpu_alloc(), cut down: whether it takes its mutex is
 * decided by a flag computed once from the GFP flags
 * (is_atomic = !gfpflags_allow_blocking(gfp)), not by a test of the flags
 * at the branch; a branch on the flag is a branch on the test.
 */
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/gfp.h>

static DEFINE_MUTEX(pcpu_alloc_mutex_demo);

void *pcpu_alloc_demo(size_t size, gfp_t gfp)
{
	bool is_atomic;
	void *p = NULL;

	is_atomic = !gfpflags_allow_blocking(gfp);
	if (!is_atomic)
		mutex_lock(&pcpu_alloc_mutex_demo);
	if (is_atomic)
		return NULL;
	mutex_unlock(&pcpu_alloc_mutex_demo);
	return p;
}

/* The flag assigned twice says nothing at the branch: the mutex is taken
 * on a path the analysis cannot tie to the flags. Its callers still rely
 * on the flags they pass, as the kernel's convention for a function that
 * takes them says. */
void *pcpu_alloc_twice_demo(size_t size, gfp_t gfp, bool force)
{
	bool is_atomic = !gfpflags_allow_blocking(gfp);

	if (force)
		is_atomic = false;
	if (!is_atomic)
		mutex_lock(&pcpu_alloc_mutex_demo);
	if (!is_atomic)
		mutex_unlock(&pcpu_alloc_mutex_demo);
	return NULL;
}

/* percpu_ref_init() passes its caller's flags on. */
int percpu_ref_init_demo(void **ref, gfp_t gfp)
{
	*ref = pcpu_alloc_demo(8, gfp);
	return *ref ? 0 : -ENOMEM;
}

/* pcpu_alloc() past "if (is_atomic) goto fail;": a new chunk is allocated
 * with GFP_KERNEL, which only callers whose flags allow blocking reach. */
static void *pcpu_create_chunk_demo(void)
{
	return kcalloc(4, 8, GFP_KERNEL);
}

void *pcpu_alloc_chunk_demo(size_t size, gfp_t gfp)
{
	bool is_atomic = !gfpflags_allow_blocking(gfp);

	if (is_atomic)
		return NULL;
	return pcpu_create_chunk_demo();
}
