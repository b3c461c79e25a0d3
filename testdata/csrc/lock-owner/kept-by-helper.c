/*
 * A function that returns holding a lock, on every path or on those its
 * value tells apart, is a lock helper only if its callers release the
 * lock. Here every caller is in view: drivers/pps/pps.c
 * pps_register_cdev() with the unlock before its "return 0" deleted
 * returns 0 with pps_idr_lock held, and its caller, which never expected
 * that, never releases it. The same shape whose caller does release it
 * is a helper by design.
 */
#include <linux/mutex.h>
#include <linux/errno.h>

static DEFINE_MUTEX(idr_lock_demo);
static DEFINE_MUTEX(table_lock_demo);

struct src_demo { int id; int registered; };

int alloc_id_demo(struct src_demo *s);
int device_register_demo(struct src_demo *s);

static int register_cdev_demo(struct src_demo *s)
{
	int err;

	mutex_lock(&idr_lock_demo);
	err = alloc_id_demo(s);
	if (err < 0) {
		mutex_unlock(&idr_lock_demo);
		return err;
	}
	err = device_register_demo(s);
	if (err) {
		mutex_unlock(&idr_lock_demo);
		return err;
	}
	return 0; /* want `returns with "idr_lock_demo" held \(taken by mutex_lock\(\) at line 25\) on the returns its value tells apart, and no caller of register_cdev_demo\(\) releases it` */
}

int register_source_demo(struct src_demo *s)
{
	int err = register_cdev_demo(s);

	if (err < 0)
		return err;
	s->registered = 1;
	return 0;
}

/* By design: the caller releases what the helper returns held. */
static int table_get_demo(struct src_demo *s)
{
	mutex_lock(&table_lock_demo);
	if (!s->id) {
		mutex_unlock(&table_lock_demo);
		return -ENOENT;
	}
	return 0;
}

int table_use_demo(struct src_demo *s)
{
	int err = table_get_demo(s);

	if (err)
		return err;
	s->registered++;
	mutex_unlock(&table_lock_demo);
	return 0;
}
