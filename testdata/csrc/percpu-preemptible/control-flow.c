/*
 * percpu-preemptible: the path decides. A use is reported when preemption
 * may be enabled on at least one path reaching it: loops, goto cleanup
 * labels, switch cases, conditions, return expressions. A path that ends
 * in BUG() or panic() reaches nothing after it.
 */
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/threads.h>

struct blk_req {
	unsigned int len;
	int op;
	int flags;
};

#define REQ_READ	0
#define REQ_WRITE	1
#define REQ_FLUSH	2

struct blk_stats {
	unsigned long ios[3];
	unsigned long sectors;
	unsigned long errors;
	unsigned long calls;
};

DEFINE_PER_CPU(struct blk_stats, blk_stats);
DEFINE_PER_CPU(unsigned int, blk_plugged);
static unsigned int queue_depth[NR_CPUS];
static DEFINE_SPINLOCK(blk_lock);
static int blk_ready;

extern int blk_prepare(struct blk_req *rq);

/* Preemption disabled before the loop: every iteration is pinned. Safe. */
void blk_account_batch(struct blk_req *rqs, int nr)
{
	int i;

	preempt_disable();
	for (i = 0; i < nr; i++)
		__this_cpu_add(blk_stats.sectors, rqs[i].len);
	preempt_enable();
}

/* Disabled inside the body, after the use: the use runs preemptible. Unsafe. */
void blk_account_batch_racy(struct blk_req *rqs, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		__this_cpu_inc(blk_stats.calls);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
		preempt_disable();
		__this_cpu_add(blk_stats.sectors, rqs[i].len);
		preempt_enable();
	}
}

/* Lock break: re-disabled at the end of each iteration, so the loop head is always pinned. Safe. */
void blk_account_batch_lockbreak(struct blk_req *rqs, int nr)
{
	int i;

	preempt_disable();
	for (i = 0; i < nr; i++) {
		__this_cpu_add(blk_stats.sectors, rqs[i].len);
		preempt_enable();
		blk_prepare(&rqs[i]);
		preempt_disable();
	}
	preempt_enable();
}

/* Per-CPU read in a while condition, pinned. Safe. */
void blk_drain_plug(void)
{
	preempt_disable();
	while (__this_cpu_read(blk_plugged) > 0)
		__this_cpu_dec(blk_plugged);
	preempt_enable();
}

/* Per-CPU read in a while condition, preemptible. Unsafe. */
void blk_wait_unplug(void)
{
	while (__this_cpu_read(blk_plugged))	/* want "__this_cpu_read\\(\\) used in preemptible code" */
		blk_prepare(NULL);
}

/* Per-CPU read in an if condition, pinned and not. */
int blk_should_plug(void)
{
	int plug = 0;

	preempt_disable();
	if (__this_cpu_read(blk_plugged) < 16)
		plug = 1;
	preempt_enable();
	if (queue_depth[smp_processor_id()] > 64)	/* want "smp_processor_id\\(\\) used in preemptible code" */
		plug = 0;
	return plug;
}

/* Returning the CPU id of a preemptible caller. Unsafe. */
int blk_submit_cpu(void)
{
	return smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

/* Error counted after the cleanup enable, reached from both paths. Unsafe. */
int blk_submit(struct blk_req *rq)
{
	preempt_disable();
	if (rq->len == 0)
		goto err_enable;
	__this_cpu_add(blk_stats.sectors, rq->len);
	preempt_enable();
	return 0;

err_enable:
	preempt_enable();
	__this_cpu_inc(blk_stats.errors);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	return -1;
}

/* Error counted at a label only pinned paths jump to, before the enable. Safe. */
int blk_submit_fixed(struct blk_req *rq)
{
	int ret = 0;

	preempt_disable();
	if (rq->len == 0)
		goto err;
	if (rq->op > REQ_FLUSH)
		goto err;
	__this_cpu_add(blk_stats.sectors, rq->len);
	goto out;

err:
	__this_cpu_inc(blk_stats.errors);
	ret = -1;
out:
	preempt_enable();
	return ret;
}

/*
 * The early error path jumps past preempt_disable() to a label that
 * expects it: the label is reached pinned and unpinned. Unsafe (and the
 * enable there is unmatched on the error path).
 */
int blk_submit_skip(struct blk_req *rq)
{
	int ret = 0;

	if (blk_prepare(rq)) {
		ret = -1;
		goto out;
	}
	preempt_disable();
	__this_cpu_add(blk_stats.sectors, rq->len);
out:
	__this_cpu_inc(blk_stats.calls);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	preempt_enable();	/* want "preempt_enable\\(\\) without matching preempt_disable\\(\\) on some paths" */
	return ret;
}

/* One switch case pins the access, another does not. */
void blk_account_op(struct blk_req *rq)
{
	switch (rq->op) {
	case REQ_READ:
		preempt_disable();
		__this_cpu_inc(blk_stats.ios[REQ_READ]);
		preempt_enable();
		break;
	case REQ_WRITE:
		__this_cpu_inc(blk_stats.ios[REQ_WRITE]);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
		break;
	default:
		spin_lock(&blk_lock);
		__this_cpu_inc(blk_stats.ios[REQ_FLUSH]);	/* want "on PREEMPT_RT, spin_lock\\(\\) does not disable preemption" */
		spin_unlock(&blk_lock);
		break;
	}
}

/* Fallthrough from a pinned case into an unpinned one. Unsafe. */
void blk_account_op_fallthrough(struct blk_req *rq)
{
	switch (rq->op) {
	case REQ_WRITE:
		preempt_disable();
		__this_cpu_inc(blk_stats.ios[REQ_WRITE]);
		preempt_enable();
		/* fall through */
	case REQ_READ:
		__this_cpu_inc(blk_stats.calls);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
		break;
	default:
		break;
	}
}

/* The only unpinned path to the use ends in BUG(). Safe. */
void blk_account_checked(struct blk_req *rq)
{
	preempt_disable();
	if (rq->len == 0) {
		preempt_enable();
		BUG();
	}
	__this_cpu_add(blk_stats.sectors, rq->len);
	preempt_enable();
}

/* The only unlocked path to the use ends in panic(). Safe. */
void blk_account_ready(void)
{
	spin_lock(&blk_lock);
	if (!blk_ready) {
		spin_unlock(&blk_lock);
		panic("blk: stats used before init\n");
	}
	__this_cpu_inc(blk_stats.calls);	/* want "on PREEMPT_RT, spin_lock\\(\\) does not disable preemption" */
	spin_unlock(&blk_lock);
}

/* BUG() on the bad path does not pin the good one. Unsafe. */
void blk_account_checked_racy(struct blk_req *rq)
{
	if (rq->len == 0)
		BUG();
	__this_cpu_add(blk_stats.sectors, rq->len);	/* want "__this_cpu_add\\(\\) used in preemptible code" */
}

/* Per-CPU read in the arms of a conditional expression, pinned. Safe. */
unsigned long blk_ios(int write)
{
	unsigned long n;

	preempt_disable();
	n = write ? __this_cpu_read(blk_stats.ios[REQ_WRITE]) :
		    __this_cpu_read(blk_stats.ios[REQ_READ]);
	preempt_enable();
	return n;
}

/* Per-CPU read in a do-while condition, evaluated after the enable. Unsafe. */
void blk_drain_plug_racy(void)
{
	do {
		preempt_disable();
		__this_cpu_dec(blk_plugged);
		preempt_enable();
	} while (__this_cpu_read(blk_plugged));	/* want "__this_cpu_read\\(\\) used in preemptible code" */
}

/*
 * A branch on a local is decided by what every path to it stored, when
 * the analysis sees every write: pinned is 0 on the only path to the
 * test, so the CPU id is never read. Where the variable's address is
 * handed to a callee, the callee may have written it, and the branch
 * stays open.
 */
extern void blk_probe_pinned(int *pinned);

void blk_account_unpinned(void)
{
	int pinned = 0;

	if (pinned)
		queue_depth[smp_processor_id()]++;
}

void blk_account_probed(void)
{
	int pinned = 0;

	blk_probe_pinned(&pinned);
	if (pinned)
		queue_depth[smp_processor_id()]++;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}
