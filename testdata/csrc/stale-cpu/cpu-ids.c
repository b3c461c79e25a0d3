/*
 * stale-cpu: a CPU id read while preemption is disabled, kept in a local
 * variable (or a struct field) and used after the protection it was read
 * under has ended. preempt-locking.rst: "the preemption statements must
 * encompass every reference of the critical variables"; once preemption is
 * possible again the task may have moved, and the old id indexes another
 * CPU's slot. A use is indexing an array with the id or passing it as the
 * cpu argument of per_cpu()/per_cpu_ptr(); printing it, passing it to other
 * functions, comparing it and returning it are not uses. The message names
 * the primitive that ended the protection, even when protection is taken
 * again before the use.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/cpumask.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/threads.h>
#include <linux/types.h>

struct flow_stats {
	unsigned long packets;
	unsigned long bytes;
};

struct flow_req {
	int cpu;
	unsigned int len;
	u32 hash;
};

static struct flow_stats flow_stats[NR_CPUS];
static unsigned long flow_seq[NR_CPUS];
DEFINE_PER_CPU(unsigned long, flow_kicks);
static DEFINE_SPINLOCK(flow_lock);

extern int flow_classify(unsigned int len);
extern void flow_note_cpu(int cpu, u32 hash);

/* get_cpu()/put_cpu() enclose every use of the id. Not flagged. */
void flow_account(unsigned int len)
{
	int cpu = get_cpu();

	flow_stats[cpu].packets++;
	flow_stats[cpu].bytes += len;
	put_cpu();
}

/* The id outlives put_cpu(): the second index may hit another CPU's slot. Flagged. */
void flow_account_late(unsigned int len)
{
	int cpu = get_cpu();

	flow_stats[cpu].packets++;
	put_cpu();
	flow_stats[cpu].bytes += len;	/* want `stale CPU id "cpu": used after put_cpu\(\) ended the protection it was obtained under` */
}

/* smp_processor_id() read under preempt_disable(), used after preempt_enable(). Flagged. */
void flow_seq_bump(void)
{
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	preempt_enable();
	flow_seq[cpu]++;	/* want `stale CPU id "cpu": used after preempt_enable\(\) ended the protection` */
}

/* Protection taken again before the use does not refresh the id read before put_cpu(). Flagged. */
void flow_account_repinned(unsigned int len)
{
	int cpu = get_cpu();

	flow_stats[cpu].packets++;
	put_cpu();
	flow_classify(len);
	preempt_disable();
	flow_stats[cpu].bytes += len;	/* want `stale CPU id "cpu": used after put_cpu\(\)` */
	preempt_enable();
}

/* After put_cpu() the id is only printed. Not flagged. */
void flow_account_trace(unsigned int len)
{
	int cpu = get_cpu();

	flow_stats[cpu].bytes += len;
	put_cpu();
	pr_debug("flow: %u bytes accounted on cpu %d\n", len, cpu);
}

/* After put_cpu() the id is passed to other functions and compared, never used as an index. Not flagged. */
void flow_remember(struct cpumask *seen, struct flow_req *req)
{
	int cpu = get_cpu();

	flow_seq[cpu]++;
	put_cpu();
	cpumask_set_cpu(cpu, seen);
	if (cpu != req->cpu)
		flow_note_cpu(cpu, req->hash);
}

/* Returning the id after put_cpu(): the caller gets a hint, there is no use here. Not flagged. */
int flow_pick_cpu(void)
{
	int cpu = get_cpu();

	flow_seq[cpu]++;
	put_cpu();
	return cpu;
}

/* The variable is refreshed by a second get_cpu() before its next use. Not flagged. */
void flow_account_twice(unsigned int len)
{
	int cpu = get_cpu();

	flow_stats[cpu].packets++;
	put_cpu();
	flow_classify(len);
	cpu = get_cpu();
	flow_stats[cpu].bytes += len;
	put_cpu();
}

/* The variable is reassigned from a parameter after the region: no longer the region's id. Not flagged. */
void flow_account_on(int target, unsigned int len)
{
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	flow_stats[cpu].packets++;
	preempt_enable();
	cpu = target;
	flow_stats[cpu].bytes += len;
}

/* Reassigned on one path only: stale on the other path, still reported. Flagged. */
void flow_account_steered(int target, unsigned int len)
{
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	flow_stats[cpu].packets++;
	preempt_enable();
	if (target >= 0)
		cpu = target;
	flow_stats[cpu].bytes += len;	/* want `stale CPU id "cpu": used after preempt_enable\(\)` */
}

/* A copy made inside the region goes stale with the original. Flagged. */
void flow_account_copy(unsigned int len)
{
	int cpu, home;

	cpu = get_cpu();
	home = cpu;
	flow_stats[cpu].packets++;
	put_cpu();
	flow_stats[home].bytes += len;	/* want `stale CPU id "home": used after put_cpu\(\)` */
}

/* The id kept in a request field through a pointer, used after spin_unlock(). Flagged. */
void flow_queue(struct flow_req *req)
{
	spin_lock(&flow_lock);
	req->cpu = smp_processor_id();
	flow_stats[req->cpu].packets++;
	spin_unlock(&flow_lock);
	flow_stats[req->cpu].bytes += req->len;	/* want `stale CPU id "req->cpu": used after spin_unlock\(\)` */
}

/* The id kept in a field of a local struct, used after put_cpu(). Flagged. */
void flow_queue_local(unsigned int len)
{
	struct flow_req req;

	req.cpu = get_cpu();
	req.len = len;
	flow_seq[req.cpu]++;
	put_cpu();
	flow_stats[req.cpu].bytes += req.len;	/* want `stale CPU id "req.cpu": used after put_cpu\(\)` */
}

/*
 * Read under the lock inside a preempt_disable() section: spin_unlock()
 * leaves preemption disabled, preempt_enable() is where the id goes stale.
 * Flagged only after preempt_enable().
 */
void flow_account_nested(unsigned int len)
{
	int cpu;

	preempt_disable();
	spin_lock(&flow_lock);	/* want "spin_lock\\(\\) takes \"flow_lock\", a sleeping lock on PREEMPT_RT" */
	cpu = smp_processor_id();
	flow_stats[cpu].packets++;
	spin_unlock(&flow_lock);
	flow_stats[cpu].bytes += len;
	preempt_enable();
	flow_seq[cpu]++;	/* want `stale CPU id "cpu": used after preempt_enable\(\)` */
}

/* Read with interrupts off, used after local_irq_restore(). Flagged. */
void flow_seq_irq(void)
{
	unsigned long flags;
	int cpu;

	local_irq_save(flags);
	cpu = smp_processor_id();
	flow_seq[cpu]++;
	local_irq_restore(flags);
	flow_stats[cpu].packets++;	/* want `stale CPU id "cpu": used after local_irq_restore\(\)` */
}

/* Read under spin_lock_irqsave(), used after spin_unlock_irqrestore(). Flagged. */
void flow_seq_irqsave(void)
{
	unsigned long flags;
	int cpu;

	spin_lock_irqsave(&flow_lock, flags);
	cpu = smp_processor_id();
	flow_seq[cpu]++;
	spin_unlock_irqrestore(&flow_lock, flags);
	flow_stats[cpu].packets++;	/* want `stale CPU id "cpu": used after spin_unlock_irqrestore\(\)` */
}

/* Read with bottom halves off, used after local_bh_enable(). Flagged. */
void flow_seq_bh(void)
{
	int cpu;

	local_bh_disable();
	cpu = smp_processor_id();
	flow_seq[cpu]++;
	local_bh_enable();
	flow_stats[cpu].packets++;	/* want `stale CPU id "cpu": used after local_bh_enable\(\)` */
}

/* migrate_disable() keeps the id valid until migrate_enable(). Flagged after it. */
void flow_seq_migrate(void)
{
	int cpu;

	migrate_disable();
	cpu = smp_processor_id();
	flow_seq[cpu]++;
	migrate_enable();
	flow_stats[cpu].packets++;	/* want `stale CPU id "cpu": used after migrate_enable\(\)` */
}

/* raw_smp_processor_id() read under protection is as good as the real id, and goes stale the same way. Flagged. */
void flow_seq_raw_pinned(void)
{
	int cpu;

	preempt_disable();
	cpu = raw_smp_processor_id();
	flow_seq[cpu]++;
	preempt_enable();
	flow_stats[cpu].packets++;	/* want `stale CPU id "cpu": used after preempt_enable\(\)` */
}

/* raw_smp_processor_id() read preemptible: a deliberate hint that was never protected. Not flagged. */
void flow_seq_hint(void)
{
	int cpu = raw_smp_processor_id();

	flow_seq[cpu]++;
}

/* The id is read preemptible (flagged by percpu-preemptible); never protected, so not flagged by stale-cpu. */
void flow_seq_racy(void)
{
	int cpu = smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */

	preempt_disable();
	flow_stats[cpu].packets++;
	preempt_enable();
	flow_seq[cpu]++;
}

/* per_cpu() with the id from before put_cpu(). Flagged. */
void flow_kick_count(void)
{
	int cpu = get_cpu();

	flow_seq[cpu]++;
	put_cpu();
	per_cpu(flow_kicks, cpu)++;	/* want `stale CPU id "cpu": used after put_cpu\(\)` */
}

/* per_cpu() over every possible CPU, reusing the variable: the loop reassigns it. Not flagged. */
void flow_reset_all(void)
{
	int cpu = get_cpu();

	flow_seq[cpu] = 0;
	put_cpu();
	for_each_possible_cpu(cpu)
		per_cpu(flow_kicks, cpu) = 0;
}

/* this_cpu_inc() after put_cpu() looks the CPU up afresh. Not flagged. */
void flow_kick_local(void)
{
	int cpu = get_cpu();

	flow_seq[cpu]++;
	put_cpu();
	this_cpu_inc(flow_kicks);
}

/* Two uses of the stale id on one line: one finding per use. Flagged twice. */
void flow_fold(void)
{
	int cpu = get_cpu();

	flow_seq[cpu]++;
	put_cpu();
	flow_stats[cpu].bytes += flow_stats[cpu].packets;	/* want `stale CPU id "cpu": used after put_cpu\(\)` `stale CPU id "cpu": used after put_cpu\(\)` */
}

/* The only path that leaves the region early ends in BUG(). Not flagged. */
void flow_account_checked(unsigned int len)
{
	int cpu = get_cpu();

	if (!len) {
		put_cpu();
		BUG();
	}
	flow_stats[cpu].bytes += len;
	put_cpu();
}

/* The region is ended by a helper that calls preempt_enable(): the id goes stale at the helper's call. Flagged. */
static void flow_put(void)
{
	preempt_enable();
}

void flow_seq_helper(void)
{
	int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	flow_seq[cpu]++;
	flow_put();
	flow_stats[cpu].packets++;	/* want `stale CPU id "cpu": used after flow_put\(\)` */
}
