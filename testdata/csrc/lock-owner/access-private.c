/*
 * lock-owner: a lock written through ACCESS_PRIVATE() (a field marked
 * __private, as kernel/rcu's rcu_node lock) is the member it names. Cut
 * down from kernel/rcu/tree_exp.h: __rcu_report_exp_rnp() is annotated
 * __releases(rnp->lock), and its caller takes the lock with
 * raw_spin_lock_irqsave_rcu_node(rnp, flags), which writes
 * &ACCESS_PRIVATE(rnp, lock). Not flagged.
 */
#include <linux/compiler_types.h>
#include <linux/spinlock.h>

struct rcu_node_demo {
	raw_spinlock_t __private lock;
	unsigned long expmask;
};

#define raw_spin_lock_irqsave_rcu_node(p, flags) raw_spin_lock_irqsave(&ACCESS_PRIVATE(p, lock), flags)
#define raw_spin_unlock_irqrestore_rcu_node(p, flags) raw_spin_unlock_irqrestore(&ACCESS_PRIVATE(p, lock), flags)

static void report_exp_rnp(struct rcu_node_demo *rnp, unsigned long flags)
	__releases(rnp->lock)
{
	rnp->expmask = 0;
	raw_spin_unlock_irqrestore_rcu_node(rnp, flags);
}

void report_exp_cpu_mult(struct rcu_node_demo *rnp, unsigned long mask)
{
	unsigned long flags;

	raw_spin_lock_irqsave_rcu_node(rnp, flags);
	if (!(rnp->expmask & mask)) {
		raw_spin_unlock_irqrestore_rcu_node(rnp, flags);
		return;
	}
	report_exp_rnp(rnp, flags);
}
