/*
 * percpu-preemptible: the context a function starts in. A non-static
 * function starts preemptible. A static function whose every call site in
 * this file is pinned starts pinned, so its per-CPU accesses are not
 * reported; one unpinned call site, or no call site at all, makes it start
 * preemptible, and the report is inside the helper.
 */
#include <linux/spinlock.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/threads.h>

struct frag_cache {
	void *slots[32];
	unsigned int nr;
};

DEFINE_PER_CPU(struct frag_cache, frag_cache);
DEFINE_PER_CPU(unsigned long, frag_misses);
static int frag_owner[NR_CPUS];
static DEFINE_SPINLOCK(frag_lock);

/* Called only under frag_lock (both callers below). Safe. */
static void *frag_cache_pop(void)
{
	struct frag_cache *fc = this_cpu_ptr(&frag_cache);

	if (!fc->nr) {
		__this_cpu_inc(frag_misses);
		return NULL;
	}
	return fc->slots[--fc->nr];
}

/* Pinned call site of frag_cache_pop(). Safe. */
void *frag_alloc(void)
{
	void *p;

	spin_lock(&frag_lock);
	p = frag_cache_pop();
	spin_unlock(&frag_lock);
	return p;
}

/* Another pinned call site, with interrupts off as well. Safe. */
void *frag_alloc_irq(void)
{
	unsigned long flags;
	void *p;

	spin_lock_irqsave(&frag_lock, flags);
	p = frag_cache_pop();
	spin_unlock_irqrestore(&frag_lock, flags);
	return p;
}

/* Called pinned once and preemptible once (below): starts preemptible. Unsafe. */
static int frag_cache_push(void *p)
{
	struct frag_cache *fc = this_cpu_ptr(&frag_cache);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */

	if (fc->nr == 32)
		return -1;
	fc->slots[fc->nr++] = p;
	return 0;
}

/* Pinned call site of frag_cache_push(). Safe by itself. */
int frag_free(void *p)
{
	int ret;

	spin_lock(&frag_lock);
	ret = frag_cache_push(p);
	spin_unlock(&frag_lock);
	return ret;
}

/* Unpinned call site of frag_cache_push(): the reason it is reported. */
int frag_free_racy(void *p)
{
	return frag_cache_push(p);
}

/* Static, called from a static helper that is itself only called pinned. Safe. */
static void frag_mark_owner(int owner)
{
	frag_owner[smp_processor_id()] = owner;
}

/* Static, its only caller is pinned. Safe. */
static void frag_claim(void)
{
	frag_mark_owner(1);
	__this_cpu_inc(frag_misses);
}

/* The pinned caller at the root of the chain. Safe. */
void frag_claim_all(void)
{
	preempt_disable();
	frag_claim();
	preempt_enable();
}

/*
 * Static with no caller in this file: dead code in this configuration
 * (its callers compiled out, as sched_rt_rq_enqueue() without
 * RT_GROUP_SCHED in kernel/sched/rt.c), entered as another configuration
 * says. Not flagged.
 */
static void frag_reset(void)
{
	__this_cpu_write(frag_misses, 0);
}

/* Non-static: any caller may be preemptible. Unsafe. */
void frag_release_owner(void)
{
	frag_owner[smp_processor_id()] = 0;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

/* The static helper's per-CPU read in its return expression, all callers pinned. Safe. */
static unsigned long frag_miss_count(void)
{
	return __this_cpu_read(frag_misses);
}

/* The only caller of frag_miss_count(), under local_irq_disable(). Safe. */
unsigned long frag_stats(void)
{
	unsigned long n;

	local_irq_disable();
	n = frag_miss_count();
	local_irq_enable();
	return n;
}

/*
 * A helper entered under its caller's spinlock that disables and enables
 * interrupts around a read: enabling them again undoes its own disabling,
 * not the caller's lock (kernel/time/clocksource.c cs_watchdog_read(),
 * called by the clocksource watchdog under watchdog_lock). Safe.
 */
static DEFINE_SPINLOCK(wd_lock_demo);
static unsigned long wd_value_demo;

static int wd_read_demo(unsigned long *out)
{
	int tries;

	for (tries = 0; tries < 3; tries++) {
		local_irq_disable();
		*out = wd_value_demo;
		local_irq_enable();
		if (*out)
			return smp_processor_id();
	}
	return -1;
}

void wd_check_demo(void)
{
	unsigned long v;

	spin_lock(&wd_lock_demo);
	wd_read_demo(&v);
	spin_unlock(&wd_lock_demo);
}

/* Reported: with no lock of the caller's, enabling interrupts makes it preemptible. */
static int wd_read_unlocked_demo(unsigned long *out)
{
	local_irq_disable();
	*out = wd_value_demo;
	local_irq_enable();
	return smp_processor_id();	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

void wd_check_unlocked_demo(void)
{
	unsigned long v;

	wd_read_unlocked_demo(&v);
}
