/*
 * An anonymous struct's field is no variable, in the shape of
 * drivers/md/dm-ioctl.c's _ioctls[] table (struct { int cmd; ioctl_fn
 * fn; }), whose list_devices() sleeps, and of idr_for_each(), which
 * calls its callback parameter fn under a spinlock (i915's
 * __notify_execute_cb()): the parameter does not call what the table's
 * field holds. Not flagged.
 */
#include <linux/mutex.h>
#include <linux/spinlock.h>

typedef int (*ioctl_fn)(int);

static DEFINE_MUTEX(hash_lock_demo);

static int list_devices_demo(int x)
{
	mutex_lock(&hash_lock_demo);
	mutex_unlock(&hash_lock_demo);
	return x;
}

ioctl_fn lookup_ioctl_demo(int cmd)
{
	static const struct {
		int cmd;
		int flags;
		ioctl_fn fn;
	} ioctls_demo[] = {
		{0, 0, 0},
		{1, 0, list_devices_demo},
	};

	return ioctls_demo[cmd].fn;
}

static DEFINE_SPINLOCK(idr_lock_demo);

static int imm_demo(int x)
{
	return x + 1;
}

static __always_inline int notify_demo(int (*fn)(int))
{
	return fn(1);
}

int notify_locked_demo(void)
{
	int r;

	spin_lock(&idr_lock_demo);
	r = notify_demo(imm_demo);
	spin_unlock(&idr_lock_demo);
	return r;
}
