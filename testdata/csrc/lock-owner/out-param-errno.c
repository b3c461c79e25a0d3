/*
 * lock-owner: a helper that finds objects through its out-parameters
 * and returns 0 holding the lock of the one it found, or the errno
 * PTR_ERR() gives of an ERR_PTR() it stored there, without it
 * (net/wireless/nl80211.c nl80211_prepare_wdev_dump(): *wdev =
 * __cfg80211_wdev_from_attrs(...); if (IS_ERR(*wdev)) return
 * PTR_ERR(*wdev);). The pointee of an out-parameter is a location: its
 * test teaches its kind, and a store through it forgets it. The values
 * returned tell the ways apart, as an interruptible lock's do, and the
 * callers release the lock: not flagged.
 */
#include <linux/mutex.h>
#include <linux/err.h>
#include <linux/errno.h>

struct wdev_demo { int id; };
struct rdev_demo { struct mutex mtx; int idx; };

struct wdev_demo *wdev_from_attrs_demo(long *attrs);
struct rdev_demo *to_rdev_demo(struct wdev_demo *w);
struct rdev_demo *idx_to_rdev_demo(long idx);

static int prepare_dump_demo(struct rdev_demo **rdev, struct wdev_demo **wdev, long *args)
{
	if (!args[0]) {
		*wdev = wdev_from_attrs_demo(args);
		if (IS_ERR(*wdev))
			return PTR_ERR(*wdev);
		*rdev = to_rdev_demo(*wdev);
		mutex_lock(&(*rdev)->mtx);
		args[0] = (*rdev)->idx + 1;
	} else {
		*rdev = idx_to_rdev_demo(args[0] - 1);
		if (!*rdev)
			return -ENODEV;
		*wdev = NULL;
		mutex_lock(&(*rdev)->mtx);
	}
	return 0;
}

int dump_station_demo(long *args)
{
	struct rdev_demo *rdev;
	struct wdev_demo *wdev;
	int err;

	err = prepare_dump_demo(&rdev, &wdev, args);
	if (err)
		return err;
	rdev->idx++;
	mutex_unlock(&rdev->mtx);
	return 0;
}
