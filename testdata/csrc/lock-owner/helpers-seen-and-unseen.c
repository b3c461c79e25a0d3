/*
 * lock-owner: calls made while holding a caller's lock. A helper of the
 * file whose body takes and releases nothing leaves the lock held (so the
 * unlock after it is the function's own); a helper that hands the lock's
 * object to a function the analysis cannot see may release it there, even
 * through another helper (task_rq_unlock -> rq_unlock -> extern).
 */
#include <linux/spinlock.h>
#include <linux/lockdep.h>

struct st { spinlock_t lock; int state; };
struct ctx { struct st guc; int id; };

static inline void set_pending(struct ctx *ce)
{
	lockdep_assert_held(&ce->guc.lock);
	ce->guc.state |= 1;
}

static int prep(struct ctx *ce)
{
	set_pending(ce);
	return ce->id;
}

static void do_disable(struct ctx *ce, unsigned long flags)
	__releases(ce->guc.lock)
{
	int id = prep(ce);

	spin_unlock_irqrestore(&ce->guc.lock, flags);
	ce->id = id;
}

void disable(struct ctx *ce)
{
	unsigned long flags;

	spin_lock_irqsave(&ce->guc.lock, flags);
	do_disable(ce, flags);
}

static void twice(struct ctx *ce, unsigned long flags)
	__releases(ce->guc.lock)
{
	prep(ce);
	spin_unlock_irqrestore(&ce->guc.lock, flags);
	spin_unlock_irqrestore(&ce->guc.lock, flags);	/* want `spin_unlock_irqrestore\(\) releases "ce->guc.lock", which this function already released` */
}

void twice_caller(struct ctx *ce)
{
	unsigned long flags;

	spin_lock_irqsave(&ce->guc.lock, flags);
	twice(ce, flags);
}

void ctx_unlock_elsewhere(struct ctx *ce);

static void ctx_unlock(struct ctx *ce)
{
	ctx_unlock_elsewhere(ce);
}

static void finish(struct ctx *ce)
	__releases(ce->guc.lock)
{
	ce->id = 0;
	ctx_unlock(ce);
}

void finisher(struct ctx *ce)
{
	spin_lock(&ce->guc.lock);
	finish(ce);
}
