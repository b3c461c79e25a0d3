/*
 * mutex_lock_interruptible() returns 0 with the mutex held or -EINTR
 * without it: "if (rv < 0) goto out;" leaves the path that holds it, as
 * "if (rv)" would (fs/proc/base.c proc_pid_attr_write(), cut down: rv is
 * reassigned before the unlock). down_trylock() returns 1 when it fails,
 * so "< 0" tells nothing there.
 */
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/slab.h>
#include <linux/errno.h>

struct signal_demo {
	struct mutex cred_guard_mutex;
	struct semaphore sem;
};

int setprocattr_demo(void *page);

int attr_write_demo(struct signal_demo *sig, void *page)
{
	int rv;

	rv = mutex_lock_interruptible(&sig->cred_guard_mutex);
	if (rv < 0)
		goto out_free;
	rv = setprocattr_demo(page);
	mutex_unlock(&sig->cred_guard_mutex);
out_free:
	kfree(page);
	return rv;
}

int sem_write_demo(struct signal_demo *sig, void *page)
{
	int rv;

	rv = down_trylock(&sig->sem);
	if (rv < 0)
		goto out_free;
	rv = setprocattr_demo(page);
	up(&sig->sem);	/* want `releases "sig->sem", which this function does not hold here` */
out_free:
	kfree(page);
	return rv;
}

struct mddev_demo {
	struct mutex suspend_mutex;
	int suspended;
};

/*
 * drivers/md/md.c mddev_suspend(), with the unlock before its early
 * return deleted: the mutex is taken one way or the other, err = 0 where
 * mutex_lock() took it, so "if (err) return err;" leaves it held on
 * every path after.
 */
int suspend_leak_demo(struct mddev_demo *mddev, int interruptible)
{
	int err = 0;

	if (interruptible)
		err = mutex_lock_interruptible(&mddev->suspend_mutex);
	else
		mutex_lock(&mddev->suspend_mutex);
	if (err)
		return err;
	if (mddev->suspended) {
		mddev->suspended++;
		return 0;	/* want `returns with "mddev->suspend_mutex" held` */
	}
	mddev->suspended = 1;
	mutex_unlock(&mddev->suspend_mutex);
	return 0;
}

int suspend_demo(struct mddev_demo *mddev, int interruptible)
{
	int err = 0;

	if (interruptible)
		err = mutex_lock_interruptible(&mddev->suspend_mutex);
	else
		mutex_lock(&mddev->suspend_mutex);
	if (err)
		return err;
	if (mddev->suspended) {
		mddev->suspended++;
		mutex_unlock(&mddev->suspend_mutex);
		return 0;
	}
	mddev->suspended = 1;
	mutex_unlock(&mddev->suspend_mutex);
	return 0;
}
