/*
 * preempt-imbalance: enables without a matching disable. Only functions
 * that raise the preempt count somewhere (preempt_disable, get_cpu,
 * get_cpu_var, get_cpu_ptr, rcu_read_lock_sched, the _notrace forms) are
 * examined. An enable reached with the count at 0 on every path is
 * reported; on some paths only, with " on some paths".
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/rcupdate.h>
#include <linux/threads.h>

struct tx_queue_stats {
	unsigned long queued;
	unsigned long completed;
};

DEFINE_PER_CPU(struct tx_queue_stats, txq_stats);
DEFINE_PER_CPU(unsigned long, tx_kicks);
static unsigned long tx_budget[NR_CPUS];

extern int tx_ring_full(void);
extern void tx_kick_hw(void);

/* One disable, one enable. Safe. */
void txq_account(void)
{
	preempt_disable();
	__this_cpu_inc(txq_stats.queued);
	preempt_enable();
}

/* Balanced on both arms of an if. Safe. */
void txq_complete(int n)
{
	preempt_disable();
	if (n > 1) {
		__this_cpu_add(txq_stats.completed, n);
		preempt_enable();
	} else {
		__this_cpu_inc(txq_stats.completed);
		preempt_enable();
	}
}

/* A second preempt_enable() after the pair. Unsafe. */
void txq_account_twice(void)
{
	preempt_disable();
	__this_cpu_inc(txq_stats.queued);
	preempt_enable();
	tx_kick_hw();
	preempt_enable();	/* want "preempt_enable\\(\\) without matching preempt_disable\\(\\)" */
}

/* An enable at count 0 on every path, in a function that disables elsewhere. Unsafe. */
void txq_kick(int force)
{
	if (force) {
		preempt_disable();
		__this_cpu_inc(tx_kicks);
		preempt_enable();
	}
	tx_kick_hw();
	preempt_enable();	/* want "preempt_enable\\(\\) without matching preempt_disable\\(\\)$" */
}

/* The error branch already enabled, then falls into the common enable. Unsafe. */
void txq_queue(void)
{
	preempt_disable();
	if (tx_ring_full())
		preempt_enable();
	else
		__this_cpu_inc(txq_stats.queued);
	preempt_enable();	/* want "preempt_enable\\(\\) without matching preempt_disable\\(\\) on some paths" */
}

/* get_cpu()/put_cpu(). Safe. */
void txq_refill_budget(unsigned long budget)
{
	int cpu = get_cpu();

	tx_budget[cpu] = budget;
	put_cpu();
}

/* put_cpu() with the count already back at 0. Unsafe. */
void txq_refill_budget_twice(unsigned long budget)
{
	int cpu = get_cpu();

	tx_budget[cpu] = budget;
	put_cpu();
	put_cpu();	/* want "put_cpu\\(\\) without matching get_cpu\\(\\)" */
}

/* A stray put_cpu() in a function that pins with preempt_disable(). Unsafe. */
void txq_reset_budget(void)
{
	preempt_disable();
	tx_budget[smp_processor_id()] = 0;
	preempt_enable();
	put_cpu();	/* want "put_cpu\\(\\) without matching get_cpu\\(\\)" */
}

/* get_cpu_var()/put_cpu_var(). Safe. */
void txq_account_var(void)
{
	get_cpu_var(txq_stats).queued++;
	put_cpu_var(txq_stats);
}

/* get_cpu_ptr()/put_cpu_ptr() on a dynamic per-CPU area. Safe. */
void txq_account_ptr(struct tx_queue_stats __percpu *pcpu)
{
	struct tx_queue_stats *st = get_cpu_ptr(pcpu);

	st->completed++;
	put_cpu_ptr(pcpu);
}

/* put_cpu_ptr() twice. Unsafe. */
void txq_account_ptr_twice(struct tx_queue_stats __percpu *pcpu)
{
	struct tx_queue_stats *st = get_cpu_ptr(pcpu);

	st->completed++;
	put_cpu_ptr(pcpu);
	put_cpu_ptr(pcpu);	/* want "put_cpu_ptr\\(\\) without matching get_cpu_ptr\\(\\)" */
}

/* put_cpu_var() twice. Unsafe. */
void txq_account_var_twice(void)
{
	get_cpu_var(txq_stats).queued++;
	put_cpu_var(txq_stats);
	put_cpu_var(txq_stats);	/* want "put_cpu_var\\(\\) without matching get_cpu_var\\(\\)" */
}

/* rcu_read_unlock_sched() twice. Unsafe. */
unsigned long txq_kicks_sched(void)
{
	unsigned long n;

	rcu_read_lock_sched();
	n = __this_cpu_read(tx_kicks);
	rcu_read_unlock_sched();
	rcu_read_unlock_sched();	/* want "rcu_read_unlock_sched\\(\\) without matching rcu_read_lock_sched\\(\\)" */
	return n;
}

/* preempt_enable_notrace() twice. Unsafe. */
unsigned long txq_kicks_notrace(void)
{
	unsigned long n;

	preempt_disable_notrace();
	n = __this_cpu_read(tx_kicks);
	preempt_enable_notrace();
	preempt_enable_notrace();	/* want "preempt_enable_notrace\\(\\) without matching preempt_disable_notrace\\(\\)" */
	return n;
}

/* preempt_enable_no_resched() pairs with preempt_disable() (and the resched check follows). Safe. */
void txq_account_no_resched(void)
{
	preempt_disable();
	__this_cpu_inc(txq_stats.queued);
	preempt_enable_no_resched();
	preempt_check_resched();
}

/* Only an enable, no disable anywhere: not examined (the disable is the caller's). Safe. */
void txq_unpin(void)
{
	preempt_enable();
}

/* Mixed pairs still count one preempt count: get_cpu() undone by preempt_enable(). Safe. */
void txq_refill_budget_mixed(unsigned long budget)
{
	int cpu = get_cpu();

	tx_budget[cpu] = budget;
	preempt_enable();
}
