/*
 * mm/slub.c's per-CPU flush work: flush_all_cpus_locked() initialises
 * each CPU's slub_flush.work through a local that holds that CPU's
 * instance (sfw = &per_cpu(slub_flush, cpu)) and queues it with
 * queue_work_on(cpu, flushwq, ...) on its own workqueue, allocated
 * without WQ_UNBOUND (flushwq = alloc_workqueue("slub_flushwq",
 * WQ_MEM_RECLAIM, 0)): flush_cpu_slab() runs in a kworker bound to the
 * CPU. The same item on a WQ_UNBOUND workqueue may run anywhere.
 */
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/workqueue.h>

struct slub_flush_work_demo {
	struct work_struct work;
	bool skip;
};

struct cpu_slab_demo {
	void *freelist;
};

static DEFINE_PER_CPU(struct slub_flush_work_demo, slub_flush_demo);
static DEFINE_PER_CPU(struct slub_flush_work_demo, unbound_flush_demo);
static DEFINE_PER_CPU(struct cpu_slab_demo, cpu_slab_demo);
static DEFINE_MUTEX(flush_lock_demo);
static struct workqueue_struct *flushwq_demo;
static struct workqueue_struct *unboundwq_demo;

static void flush_cpu_slab_demo(struct work_struct *w)
{
	struct cpu_slab_demo *c = this_cpu_ptr(&cpu_slab_demo);

	c->freelist = NULL;
}

static void flush_cpu_unbound_demo(struct work_struct *w)
{
	struct cpu_slab_demo *c = this_cpu_ptr(&cpu_slab_demo);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */

	c->freelist = NULL;
}

void flush_all_demo(void)
{
	struct slub_flush_work_demo *sfw;
	unsigned int cpu;

	mutex_lock(&flush_lock_demo);
	for_each_online_cpu(cpu) {
		sfw = &per_cpu(slub_flush_demo, cpu);
		INIT_WORK(&sfw->work, flush_cpu_slab_demo);
		sfw->skip = false;
		queue_work_on(cpu, flushwq_demo, &sfw->work);
	}
	for_each_online_cpu(cpu) {
		sfw = &per_cpu(slub_flush_demo, cpu);
		if (!sfw->skip)
			flush_work(&sfw->work);
	}
	mutex_unlock(&flush_lock_demo);
}

void flush_unbound_demo(void)
{
	struct slub_flush_work_demo *sfw;
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		sfw = &per_cpu(unbound_flush_demo, cpu);
		INIT_WORK(&sfw->work, flush_cpu_unbound_demo);
		queue_work_on(cpu, unboundwq_demo, &sfw->work);
	}
}

void slab_init_late_demo(void)
{
	flushwq_demo = alloc_workqueue("slub_flushwq", WQ_MEM_RECLAIM, 0);
	unboundwq_demo = alloc_workqueue("unbound_flushwq", WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
}
