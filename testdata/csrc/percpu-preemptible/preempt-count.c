/*
 * percpu-preemptible: protection by the preempt count. preempt_disable()
 * and its relatives (get_cpu, get_cpu_var, get_cpu_ptr, the _notrace
 * forms, rcu_read_lock_sched) protect a per-CPU access until the matching
 * enable; nesting counts.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/threads.h>

struct net_stats {
	unsigned long packets;
	unsigned long bytes;
	unsigned long drops;
};

DEFINE_PER_CPU(struct net_stats, net_stats);
DEFINE_PER_CPU(unsigned long, nr_events);
static unsigned long last_seen[NR_CPUS];

/* Depth 2, then back to 1: still pinned after the inner enable. Safe. */
void stats_nested(unsigned int len)
{
	preempt_disable();
	__this_cpu_inc(net_stats.packets);
	preempt_disable();
	__this_cpu_add(net_stats.bytes, len);
	preempt_enable();
	__this_cpu_inc(nr_events);
	preempt_enable();
}

/* Both enables done: the last increment runs preemptible. Unsafe. */
void stats_nested_unwound(unsigned int len)
{
	preempt_disable();
	preempt_disable();
	__this_cpu_add(net_stats.bytes, len);
	preempt_enable();
	preempt_enable();
	__this_cpu_inc(nr_events);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

/* get_cpu() pins until put_cpu(); a fresh smp_processor_id() after put_cpu() is preemptible. */
void stats_mark_seen(unsigned long now)
{
	int cpu = get_cpu();

	last_seen[cpu] = now;
	last_seen[smp_processor_id()] = now;
	put_cpu();
	last_seen[smp_processor_id()] = now;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

/* get_cpu_var()/put_cpu_var(): the per-CPU struct is used in between only. Safe. */
void stats_drop_var(void)
{
	struct net_stats *st = &get_cpu_var(net_stats);

	st->drops++;
	__this_cpu_inc(nr_events);
	put_cpu_var(net_stats);
}

/* Use after put_cpu_var(): preemptible again. Unsafe. */
void stats_drop_var_late(void)
{
	get_cpu_var(net_stats).drops++;
	put_cpu_var(net_stats);
	__this_cpu_inc(nr_events);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

/* get_cpu_ptr()/put_cpu_ptr() on a dynamically allocated per-CPU area. Safe. */
void stats_account_ptr(struct net_stats __percpu *pcpu, unsigned int len)
{
	struct net_stats *st = get_cpu_ptr(pcpu);

	st->packets++;
	st->bytes += len;
	put_cpu_ptr(pcpu);
}

/* After put_cpu_ptr() a new this_cpu_ptr() is preemptible. Unsafe. */
void stats_account_ptr_late(struct net_stats __percpu *pcpu, unsigned int len)
{
	struct net_stats *st = get_cpu_ptr(pcpu);

	st->packets++;
	put_cpu_ptr(pcpu);
	this_cpu_ptr(pcpu)->bytes += len;	/* want "this_cpu_ptr\\(\\) used in preemptible code" */
}

/* preempt_disable_notrace()/preempt_enable_notrace() protect like the plain pair. Safe. */
unsigned long stats_read_notrace(void)
{
	unsigned long v;

	preempt_disable_notrace();
	v = __this_cpu_read(nr_events);
	preempt_enable_notrace();
	return v;
}

/* rcu_read_lock_sched() is a preempt_disable() by another name. Safe. */
void stats_account_sched_rcu(unsigned int len)
{
	rcu_read_lock_sched();
	__this_cpu_add(net_stats.bytes, len);
	rcu_read_unlock_sched();
}

/* Enabled on the early-return path only; the main path stays pinned. Safe. */
int stats_account_checked(int len)
{
	preempt_disable();
	if (len < 0) {
		preempt_enable();
		return -1;
	}
	__this_cpu_add(net_stats.bytes, len);
	preempt_enable();
	return 0;
}

/* The early-return path counts its error after preempt_enable(). Unsafe. */
int stats_account_checked_late(int len)
{
	preempt_disable();
	if (len < 0) {
		preempt_enable();
		__this_cpu_inc(net_stats.drops);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
		return -1;
	}
	__this_cpu_add(net_stats.bytes, len);
	preempt_enable();
	return 0;
}

/*
 * Conditional pinning: with pin false the use runs preemptible. Unsafe.
 * (It also returns with the preempt count raised on one path only.)
 */
void stats_begin(bool pin)
{
	if (pin)
		preempt_disable();
	__this_cpu_inc(nr_events);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}	/* want "preempt depth at return is 0 or 1" */
