/*
 * A lock helper that takes a lock only when its caller passes the object
 * (kernel/events/core.c perf_ctx_lock(cpuctx, ctx): ctx->lock iff ctx is
 * not NULL; perf_ctx_unlock() mirrors it) is one by design: the caller's
 * argument decides, and the caller knows it. A lock the function took and
 * released on the paths without it is a return that forgot to unlock,
 * whatever the parameter says.
 */
#include <linux/spinlock.h>

struct ctx_demo {
	raw_spinlock_t lock;
	int nr;
};

struct cpu_ctx_demo {
	struct ctx_demo ctx;
};

static void ctx_lock_one_demo(struct ctx_demo *ctx)
{
	raw_spin_lock(&ctx->lock);
}

/* Not flagged: ctx->lock is held iff ctx is not NULL. */
void ctx_lock_demo(struct cpu_ctx_demo *cpuctx, struct ctx_demo *ctx)
{
	ctx_lock_one_demo(&cpuctx->ctx);
	if (ctx)
		ctx_lock_one_demo(ctx);
}

/* Flagged: busy decides, but the lock was taken on both paths. */
void ctx_count_demo(struct ctx_demo *ctx, int busy)
{
	raw_spin_lock(&ctx->lock);
	if (busy)
		return;	/* want `returns with "ctx->lock" held` */
	ctx->nr++;
	raw_spin_unlock(&ctx->lock);
}

int set_mode_demo(int mode);

/*
 * Flagged: perm decides only whether the function returns before the
 * lock; the lock is not of an object perm points to.
 */
int ctx_ioctl_demo(struct ctx_demo *ctx, int perm, int mode)
{
	int ret;

	if (!perm)
		return -1;
	raw_spin_lock(&ctx->lock);
	ret = set_mode_demo(mode);
	return ret;	/* want `returns with "ctx->lock" held` */
}
