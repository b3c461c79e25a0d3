/*
 * A callee that sleeps only for an object whose member is set, called
 * under a spinlock by a caller that cleared the member first, in the
 * shape of drivers/md/md-bitmap.c __bitmap_resize(): it moves the file
 * out of bitmap->storage and sets storage.file to NULL before
 * md_bitmap_file_unmap(&bitmap->storage), which invalidates the file's
 * pages (and may sleep) only where file = store->file is set. A caller
 * that leaves the member as it was may sleep there.
 */
#include <linux/spinlock.h>
#include <linux/slab.h>

struct file_demo;

void invalidate_pages_demo(struct file_demo *file)
{
	might_sleep();
}

struct storage_demo {
	struct file_demo *file;
	void *filemap;
};

struct bitmap_demo {
	spinlock_t lock;
	struct storage_demo storage;
};

static void file_unmap_demo(struct storage_demo *store)
{
	struct file_demo *file = store->file;

	kfree(store->filemap);
	if (file)
		invalidate_pages_demo(file);
}

void resize_demo(struct bitmap_demo *bitmap)
{
	struct storage_demo store;

	store.file = bitmap->storage.file;
	store.filemap = NULL;
	bitmap->storage.file = NULL;

	spin_lock_irq(&bitmap->lock);
	file_unmap_demo(&bitmap->storage);
	bitmap->storage = store;
	spin_unlock_irq(&bitmap->lock);
}

void destroy_demo(struct bitmap_demo *bitmap)
{
	spin_lock_irq(&bitmap->lock);
	file_unmap_demo(&bitmap->storage); /* want "file_unmap_demo\\(\\) may sleep in atomic context" */
	spin_unlock_irq(&bitmap->lock);
}
