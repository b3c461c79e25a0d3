/*
 * lock-owner: a callee that drops its caller's lock for good when a
 * parameter is false, and takes it back when it is true (drivers/md/md.c
 * stop_sync_thread(mddev, locked)): a caller that passes false has the
 * lock released, and taking it again after the call is taking back its
 * own caller's lock (md_set_readonly(), whose callers hold
 * reconfig_mutex), not a lock it returns holding on some paths. Not
 * flagged. A caller that passes a value the analysis does not know is
 * read as before.
 */
#include <linux/mutex.h>
#include <linux/errno.h>
#include <linux/wait.h>

struct md_demo { struct mutex reconfig_mutex; unsigned long recovery; int ro; };

static void md_unlock_demo(struct md_demo *m) { mutex_unlock(&m->reconfig_mutex); }
static void md_lock_nointr_demo(struct md_demo *m) { mutex_lock(&m->reconfig_mutex); }
void flush_demo(struct md_demo *m);

static void stop_sync_demo(struct md_demo *m, bool locked)
{
	if (!(m->recovery & 1)) {
		if (!locked)
			md_unlock_demo(m);
		return;
	}
	md_unlock_demo(m);
	flush_demo(m);
	if (locked)
		md_lock_nointr_demo(m);
}

static int set_readonly_demo(struct md_demo *m)
{
	int err = 0;

	if (m->recovery & 4)
		return -EBUSY;
	stop_sync_demo(m, false);
	flush_demo(m);
	md_lock_nointr_demo(m);
	if (m->recovery & 1) {
		err = -EBUSY;
		goto out;
	}
	m->ro = 1;
out:
	return err;
}

int ioctl_demo(struct md_demo *m)
{
	int err;

	mutex_lock(&m->reconfig_mutex);
	err = set_readonly_demo(m);
	mutex_unlock(&m->reconfig_mutex);
	return err;
}

static int set_readonly_either_demo(struct md_demo *m, bool locked)
{
	int err = 0;

	if (m->recovery & 4)
		return -EBUSY;
	stop_sync_demo(m, locked);
	md_lock_nointr_demo(m);
	if (m->recovery & 1) {
		err = -EBUSY;
		goto out;
	}
	m->ro = 1;
out:
	return err; /* want `returns with "m->reconfig_mutex" held \(taken by md_lock_nointr_demo\(\) at line 69\); the return at line 67 does not hold it` */
}

int ioctl_either_demo(struct md_demo *m, bool locked)
{
	int err;

	mutex_lock(&m->reconfig_mutex);
	err = set_readonly_either_demo(m, locked);
	mutex_unlock(&m->reconfig_mutex);
	return err;
}
