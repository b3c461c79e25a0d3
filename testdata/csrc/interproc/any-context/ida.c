/*
 * A function documented safe in any context that allocates with the
 * flags its caller gives, in the shape of lib/idr.c's ida_alloc_range():
 * "Context: Any context. It is safe to call this function without
 * locking." The contract holds for flags that allow it: GFP_KERNEL under
 * a spinlock still sleeps, GFP_ATOMIC does not.
 */
#include <linux/slab.h>
#include <linux/spinlock.h>

struct ida_demo {
	void *bitmap;
};

/**
 * ida_alloc_range_demo() - Allocate an unused ID.
 * @ida: IDA handle.
 * @gfp: Memory allocation flags.
 *
 * Context: Any context. It is safe to call this function without
 * locking.
 * Return: The allocated ID.
 */
int ida_alloc_range_demo(struct ida_demo *ida, gfp_t gfp)
{
	if (!ida->bitmap)
		ida->bitmap = kzalloc(64, gfp);
	return ida->bitmap ? 0 : -12;
}

static DEFINE_SPINLOCK(ida_lock_demo);

/* Not flagged: atomic flags under the lock. */
int get_id_atomic_demo(struct ida_demo *ida)
{
	int id;

	spin_lock(&ida_lock_demo);
	id = ida_alloc_range_demo(ida, GFP_ATOMIC);
	spin_unlock(&ida_lock_demo);
	return id;
}

/* Flagged: the caller's flags let it sleep. */
int get_id_locked_demo(struct ida_demo *ida)
{
	int id;

	spin_lock(&ida_lock_demo);
	id = ida_alloc_range_demo(ida, GFP_KERNEL);	/* want "ida_alloc_range_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&ida_lock_demo);
	return id;
}
