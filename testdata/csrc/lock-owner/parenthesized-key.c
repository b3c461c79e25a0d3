/*
 * A lock key written in parentheses from end to end is the key without
 * them: include/linux/maple_tree.h's mas_lock_irqsave(&mas, flags) is
 * spin_lock_irqsave(&((&mas)->tree->ma_lock), flags), and its unlock
 * releases the same lock (drivers/base/regmap/regcache-maple.c
 * regcache_maple_exit(), cut down).
 */
#include <linux/spinlock.h>
#include <linux/errno.h>

struct maple_tree_demo {
	spinlock_t ma_lock;
};

struct ma_state_demo {
	struct maple_tree_demo *tree;
};

#define mas_lock_irqsave_demo(mas, flags) \
		spin_lock_irqsave(&((mas)->tree->ma_lock), flags)
#define mas_unlock_irqrestore_demo(mas, flags) \
		spin_unlock_irqrestore(&((mas)->tree->ma_lock), flags)

int cache_exit_demo(struct maple_tree_demo *mt)
{
	struct ma_state_demo mas = { .tree = mt };
	unsigned long flags;

	if (!mt)
		return 0;
	mas_lock_irqsave_demo(&mas, flags);
	mas_unlock_irqrestore_demo(&mas, flags);
	return 0;
}

int cache_leak_demo(struct maple_tree_demo *mt)
{
	struct ma_state_demo mas = { .tree = mt };
	unsigned long flags;

	if (!mt)
		return 0;
	mas_lock_irqsave_demo(&mas, flags);
	return -EBUSY;	/* want `returns with "mas.tree->ma_lock" held` */
}
