/*
 * percpu-preemptible: protection and per-CPU accesses hidden in macros the
 * file defines itself. do { } while (0) wrappers around preempt_disable()
 * and GNU statement expressions ({ ... }); a report is on the line where
 * the user macro is written.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/threads.h>

#define stats_lock()	do { preempt_disable(); } while (0)
#define stats_unlock()	do { preempt_enable(); } while (0)

#define MY_CPU() ({ int __c = smp_processor_id(); __c; })

#define stats_snapshot(var) ({				\
	unsigned long __v;				\
	preempt_disable();				\
	__v = __this_cpu_read(var);			\
	preempt_enable();				\
	__v;						\
})

DEFINE_PER_CPU(unsigned long, nr_lookups);
static unsigned long hits[NR_CPUS];

/* The do-while wrappers pin the region like the calls they hide. Safe. */
void lookup_account(void)
{
	stats_lock();
	__this_cpu_inc(nr_lookups);
	hits[smp_processor_id()]++;
	stats_unlock();
}

/* Use after the wrapper's unlock. Unsafe. */
void lookup_account_late(void)
{
	stats_lock();
	__this_cpu_inc(nr_lookups);
	stats_unlock();
	hits[smp_processor_id()]++;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

/* Statement-expression macro used pinned. Safe. */
void hit_pinned(void)
{
	preempt_disable();
	hits[MY_CPU()]++;
	preempt_enable();
}

/* Statement-expression macro used preemptible: reported where MY_CPU() is written. Unsafe. */
void hit_racy(void)
{
	hits[MY_CPU()]++;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

/* A statement expression that pins itself around the read. Safe. */
unsigned long lookups_snapshot(void)
{
	return stats_snapshot(nr_lookups);
}

/* An inline statement expression written in the function body, preemptible. Unsafe. */
int lookup_cpu_racy(void)
{
	int cpu = ({
		int __c = smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */
		__c;
	});

	return cpu;
}
