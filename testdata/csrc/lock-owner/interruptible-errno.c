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
