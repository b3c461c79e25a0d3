/*
 * percpu-preemptible: which per-CPU operations need a pinned CPU.
 * __this_cpu_*(), this_cpu_ptr() and smp_processor_id() do; the
 * preempt-safe this_cpu_*() operations, the raw_ forms and
 * per_cpu()/per_cpu_ptr() with an explicit CPU do not (only a
 * smp_processor_id() written inside them is reported).
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/cpumask.h>

struct sched_counters {
	unsigned long switches;
	unsigned long migrations;
};

DEFINE_PER_CPU(unsigned long, nr_wakeups);
DEFINE_PER_CPU(int, last_waker);
DEFINE_PER_CPU(struct sched_counters, sched_counters);

/* this_cpu_inc/add/write/read/inc_return are preempt-safe on their own. Safe. */
unsigned long wakeup_account(int waker)
{
	this_cpu_inc(nr_wakeups);
	this_cpu_add(sched_counters.switches, 2);
	this_cpu_write(last_waker, waker);
	if (this_cpu_read(last_waker) < 0)
		return 0;
	return this_cpu_inc_return(nr_wakeups);
}

/* __this_cpu_inc() and __this_cpu_read() preemptible. Unsafe. */
unsigned long wakeup_account_racy(void)
{
	__this_cpu_inc(nr_wakeups);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	return __this_cpu_read(nr_wakeups);	/* want "__this_cpu_read\\(\\) used in preemptible code" */
}

/* The same __this_cpu_ operations pinned. Safe. */
unsigned long wakeup_account_pinned(void)
{
	unsigned long n;

	preempt_disable();
	__this_cpu_inc(nr_wakeups);
	n = __this_cpu_read(nr_wakeups);
	preempt_enable();
	return n;
}

/* raw_smp_processor_id(), raw_cpu_inc(), raw_cpu_read(), raw_cpu_ptr(): deliberately unchecked. Safe. */
int wakeup_hint(void)
{
	raw_cpu_inc(nr_wakeups);
	raw_cpu_ptr(&sched_counters)->switches++;
	if (raw_cpu_read(last_waker) == raw_smp_processor_id())
		return 1;
	return raw_smp_processor_id();
}

/* this_cpu_ptr() is not a preempt-safe operation: unpinned. Unsafe. */
void migration_account_racy(void)
{
	struct sched_counters *sc = this_cpu_ptr(&sched_counters);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */

	sc->migrations++;
}

/* this_cpu_ptr() pinned, pointer used only while pinned. Safe. */
void migration_account(void)
{
	struct sched_counters *sc;

	preempt_disable();
	sc = this_cpu_ptr(&sched_counters);
	sc->migrations++;
	sc->switches++;
	preempt_enable();
}

/* per_cpu() and per_cpu_ptr() with an explicit CPU: no pinning needed. Safe. */
unsigned long wakeups_total(void)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		sum += per_cpu(nr_wakeups, cpu);
		sum += per_cpu_ptr(&sched_counters, cpu)->switches;
	}
	return sum;
}

/* Remote access to a named CPU's slot. Safe. */
void wakeup_remote(int cpu, int waker)
{
	per_cpu(last_waker, cpu) = waker;
}

/* per_cpu() of the current CPU computed preemptible: the smp_processor_id() inside is reported. Unsafe. */
void wakeup_local_racy(int waker)
{
	per_cpu(last_waker, smp_processor_id()) = waker;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

/* The same with preemption disabled. Safe. */
void wakeup_local(int waker)
{
	preempt_disable();
	per_cpu(last_waker, smp_processor_id()) = waker;
	per_cpu_ptr(&sched_counters, smp_processor_id())->switches++;
	preempt_enable();
}

/* per_cpu_ptr() of raw_smp_processor_id(): the raw form is exempt. Safe. */
void wakeup_local_hint(void)
{
	per_cpu_ptr(&sched_counters, raw_smp_processor_id())->switches++;
}
