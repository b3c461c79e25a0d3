/*
 * A kobject's put in the shape of lib/kobject.c's: kobject_put() ->
 * kref_put() -> kobject_release() -> kobject_cleanup() -> sysfs ->
 * kernfs_remove(), which takes a rwsem. The release runs only where the
 * put dropped the last reference (kapi: refcount_dec_and_test() is
 * DropsLastRef), so the put sleeps only for a caller that holds the last
 * one, which the function cannot tell; callers do not sleep through it.
 */
#include <linux/rwsem.h>
#include <linux/slab.h>
#include "kref_demo.h"

struct kobject_demo {
	struct kref_demo kref;
	const char *name;
};

static DECLARE_RWSEM(kernfs_rwsem_demo);

static void kernfs_remove_demo(struct kobject_demo *kobj)
{
	down_write(&kernfs_rwsem_demo);
	kobj->name = NULL;
	up_write(&kernfs_rwsem_demo);
}

static void kobject_release_demo(struct kref_demo *kref)
{
	struct kobject_demo *kobj = (struct kobject_demo *)kref;

	kernfs_remove_demo(kobj);
	kfree(kobj);
}

void kobject_put_demo(struct kobject_demo *kobj)
{
	if (kobj)
		kref_put_demo(&kobj->kref, kobject_release_demo);
}

/* Its own last reference, tested by the function itself, as
 * put_device()'s callers in drivers write it with atomic_dec_and_test(). */
struct dev_demo {
	atomic_t users;
	struct kobject_demo *kobj;
};

void dev_put_demo(struct dev_demo *dev)
{
	if (atomic_dec_and_test(&dev->users))
		kernfs_remove_demo(dev->kobj);
}

/* Sleeps whatever the count: the removal is not the release. */
void dev_unregister_demo(struct dev_demo *dev)
{
	kernfs_remove_demo(dev->kobj);
	if (atomic_dec_and_test(&dev->users))
		kfree(dev);
}
