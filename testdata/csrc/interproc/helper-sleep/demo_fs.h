/*
 * A header helper in the shape of include/linux/slab.h's allocation
 * wrappers: a static inline function that hands its GFP flags to an
 * allocator. A function of another unit that calls it sleeps for its
 * callers as the flags it passes allow.
 */
#include <linux/slab.h>

struct inode_demo {
	void *priv;
};

static inline void *priv_alloc_demo(gfp_t gfp)
{
	return kmalloc(64, gfp);
}
