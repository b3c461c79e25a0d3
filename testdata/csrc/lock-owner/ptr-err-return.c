/*
 * lock-owner: a lock helper that returns 0 holding the lock and an errno
 * without it, one of them the errno of an error pointer, in the shape of
 * net/wireless/nl80211.c nl80211_prepare_wdev_dump(): PTR_ERR() of what
 * IS_ERR() found to be an error is negative, so the value returned says
 * whether the lock is held. A helper that returns 0 without the lock as
 * well is flagged.
 */
#include <linux/mutex.h>
#include <linux/err.h>
#include <linux/errno.h>

struct wiphy_demo {
	struct mutex mtx;
	int idx;
};

struct wiphy_demo *wiphy_lookup_demo(int idx);

int prepare_dump_demo(int idx, struct wiphy_demo **wiphy)
{
	*wiphy = wiphy_lookup_demo(idx);
	if (IS_ERR(*wiphy))
		return PTR_ERR(*wiphy);
	mutex_lock(&(*wiphy)->mtx);
	return 0;
}

int prepare_dump_leaky_demo(int idx, struct wiphy_demo **wiphy)
{
	*wiphy = wiphy_lookup_demo(idx);
	if (IS_ERR(*wiphy))
		return PTR_ERR(*wiphy);
	if (!(*wiphy)->idx)
		return 0;
	mutex_lock(&(*wiphy)->mtx);
	return 0; /* want "returns with .*mtx\" held" */
}
