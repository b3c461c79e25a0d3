/*
 * interproc: a helper that sleeps as its GFP flags allow drops its
 * caller's lock around the sleep (lib/maple_tree.c: mas_nomem() unlocks
 * the tree's ma_lock around mas_alloc_nodes(mas, gfp) and takes it back;
 * mtree_erase() holds the lock across mas_erase(), which passes
 * GFP_KERNEL). What the helper drops reaches the caller through the
 * flags' path as through any other: mtree_erase() is not reported. A
 * helper that allocates with the lock held is.
 */
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/gfp.h>

struct maple_tree {
	spinlock_t ma_lock;
	unsigned int ma_flags;
};

struct ma_state {
	struct maple_tree *tree;
	void *node;
	void *alloc;
};

#define mtree_lock(mt)		spin_lock((&(mt)->ma_lock))
#define mtree_unlock(mt)	spin_unlock((&(mt)->ma_lock))

static void mas_alloc_nodes(struct ma_state *mas, gfp_t gfp)
{
	mas->alloc = kmalloc(64, gfp);
}

bool mas_nomem(struct ma_state *mas, gfp_t gfp)
	__must_hold(mas->tree->ma_lock)
{
	if (mas->node)
		return false;
	mtree_unlock(mas->tree);
	mas_alloc_nodes(mas, gfp);
	mtree_lock(mas->tree);
	return mas->alloc != NULL;
}

void *mas_erase(struct ma_state *mas)
{
	if (mas_nomem(mas, GFP_KERNEL))
		return mas->alloc;
	return NULL;
}

void *mtree_erase(struct maple_tree *mt)
{
	struct ma_state mas = { .tree = mt };
	void *entry;

	mtree_lock(mt);
	entry = mas_erase(&mas);
	mtree_unlock(mt);
	return entry;
}

/* The same allocation without the drop. */
static bool mas_nomem_locked(struct ma_state *mas, gfp_t gfp)
{
	mas_alloc_nodes(mas, gfp);
	return mas->alloc != NULL;
}

void *mas_grow(struct ma_state *mas)
{
	if (mas_nomem_locked(mas, GFP_KERNEL))
		return mas->alloc;
	return NULL;
}

void *mtree_grow(struct maple_tree *mt)
{
	struct ma_state mas = { .tree = mt };
	void *entry;

	mtree_lock(mt);
	entry = mas_grow(&mas); /* want "mas_grow\\(\\) may sleep in atomic context \\(kmalloc\\(\\) is 4 calls down\\)" */
	mtree_unlock(mt);
	return entry;
}
