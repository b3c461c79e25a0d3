/* Callers of slab.c's functions under a spinlock. */
#include <linux/spinlock.h>
#include <linux/slab.h>

void cache_release(const void *objp);
void cache_drop(void *objp);

static DEFINE_SPINLOCK(table_lock);

/* Not flagged: kfree() does not sleep, whatever slab.c's body reaches. */
void table_drop(void *entry)
{
	spin_lock(&table_lock);
	kfree(entry);
	spin_unlock(&table_lock);
}

/* Not flagged: nor does a function that only calls kfree(). */
void table_put(void *entry)
{
	spin_lock(&table_lock);
	cache_drop(entry);
	spin_unlock(&table_lock);
}

/* Flagged: cache_release() has no such contract. */
void table_release(void *entry)
{
	spin_lock(&table_lock);
	cache_release(entry);	/* want "cache_release\\(\\) may sleep in atomic context" */
	spin_unlock(&table_lock);
}
