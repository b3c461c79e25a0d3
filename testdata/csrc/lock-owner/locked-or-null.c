/*
 * A lookup that returns the object locked, or NULL unlocked, where the
 * paths meet before the return (kernel/events/core.c
 * perf_lock_task_context(): ctx = NULL after the unlock on one path,
 * ctx never found on another, then "if (!ctx) local_irq_restore()"):
 * which paths hold the lock is told by ctx's value, so the caller's
 * "if (ctx)" holds it and its unlock releases what it holds.
 */
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>

struct ctx_demo {
	raw_spinlock_t lock;
	refcount_t refcount;
	int pin_count;
};

struct task_demo {
	struct ctx_demo __rcu *ctxp;
};

static struct ctx_demo cpu_ctx_demo;

static struct ctx_demo *lock_task_ctx_demo(struct task_demo *task, unsigned long *flags)
{
	struct ctx_demo *ctx;

retry:
	local_irq_save(*flags);
	rcu_read_lock();
	ctx = rcu_dereference(task->ctxp);
	if (ctx) {
		raw_spin_lock(&ctx->lock);
		if (ctx != rcu_dereference(task->ctxp)) {
			raw_spin_unlock(&ctx->lock);
			rcu_read_unlock();
			local_irq_restore(*flags);
			goto retry;
		}
		if (!refcount_inc_not_zero(&ctx->refcount)) {
			raw_spin_unlock(&ctx->lock);
			ctx = NULL;
		}
	}
	rcu_read_unlock();
	if (!ctx)
		local_irq_restore(*flags);
	return ctx;
}

/* Not flagged: the lock is held where ctx is not NULL. */
int pin_task_ctx_demo(struct task_demo *task)
{
	struct ctx_demo *ctx;
	unsigned long flags;

	if (!task) {
		/* The CPU's context: locked here. */
		ctx = &cpu_ctx_demo;
		raw_spin_lock_irqsave(&ctx->lock, flags);
		++ctx->pin_count;
		raw_spin_unlock_irqrestore(&ctx->lock, flags);
		return 0;
	}
	ctx = lock_task_ctx_demo(task, &flags);
	if (ctx) {
		++ctx->pin_count;
		raw_spin_unlock_irqrestore(&ctx->lock, flags);
	}
	return 0;
}

/* Flagged: it unlocks where ctx is NULL, which holds nothing. */
int unpin_task_ctx_demo(struct task_demo *task)
{
	struct ctx_demo *ctx;
	unsigned long flags;

	if (!task) {
		/* The CPU's context: locked here. */
		ctx = &cpu_ctx_demo;
		raw_spin_lock_irqsave(&ctx->lock, flags);
		++ctx->pin_count;
		raw_spin_unlock_irqrestore(&ctx->lock, flags);
		return 0;
	}
	ctx = lock_task_ctx_demo(task, &flags);
	if (!ctx) {
		raw_spin_unlock_irqrestore(&ctx->lock, flags);	/* want `releases "ctx->lock", which this function does not hold here` */
		return 0;
	}
	--ctx->pin_count;
	raw_spin_unlock_irqrestore(&ctx->lock, flags);
	return 0;
}
