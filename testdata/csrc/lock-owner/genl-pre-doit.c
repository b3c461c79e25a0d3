/*
 * lock-owner: generic netlink calls a family's .post_doit after its
 * .pre_doit only where .pre_doit returned 0, and .post_doit releases
 * what .pre_doit took for the operation (net/wireless/nl80211.c
 * nl80211_pre_doit() takes rtnl_mutex for the operations that ask for
 * it and returns 0 holding it; nl80211_post_doit() releases it): handed
 * over by design, not flagged. A .pre_doit that returns an errno with the
 * lock held leaks it: .post_doit is not called.
 */
#include <linux/mutex.h>
#include <linux/errno.h>

struct sk_buff;
struct genl_info { int flags; void *user_ptr; };
struct genl_split_ops;

struct genl_family {
	int (*pre_doit)(const struct genl_split_ops *ops, struct sk_buff *skb, struct genl_info *info);
	void (*post_doit)(const struct genl_split_ops *ops, struct sk_buff *skb, struct genl_info *info);
};

#define NEED_RTNL_DEMO 0x1

static DEFINE_MUTEX(rtnl_demo);

void *lookup_dev_demo(struct genl_info *info);

static int pre_doit_demo(const struct genl_split_ops *ops, struct sk_buff *skb, struct genl_info *info)
{
	if (!(info->flags & NEED_RTNL_DEMO))
		return 0;
	mutex_lock(&rtnl_demo);
	info->user_ptr = lookup_dev_demo(info);
	if (!info->user_ptr) {
		mutex_unlock(&rtnl_demo);
		return -ENODEV;
	}
	return 0;
}

static void post_doit_demo(const struct genl_split_ops *ops, struct sk_buff *skb, struct genl_info *info)
{
	if (info->flags & NEED_RTNL_DEMO)
		mutex_unlock(&rtnl_demo);
}

static const struct genl_family family_demo = {
	.pre_doit = pre_doit_demo,
	.post_doit = post_doit_demo,
};

static int pre_doit_leaky_demo(const struct genl_split_ops *ops, struct sk_buff *skb, struct genl_info *info)
{
	if (!(info->flags & NEED_RTNL_DEMO))
		return 0;
	mutex_lock(&rtnl_demo);
	info->user_ptr = lookup_dev_demo(info);
	if (!info->user_ptr)
		return -ENODEV; /* want "returns with \"rtnl_demo\" held" */
	return 0;
}

static const struct genl_family family_leaky_demo = {
	.pre_doit = pre_doit_leaky_demo,
	.post_doit = post_doit_demo,
};
