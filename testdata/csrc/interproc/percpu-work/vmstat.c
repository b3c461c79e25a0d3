/*
 * mm/vmstat.c's per-CPU vmstat worker: vmstat_work is a per-CPU work
 * item that start_shepherd_timer() initialises for each CPU and that
 * vmstat_shepherd() and vmstat_update() queue only with
 * queue_delayed_work_on() on mm_percpu_wq, a bound workqueue. Its
 * kworker is bound to the CPU (lib/smp_processor_id.c:
 * is_percpu_thread()), so refresh_cpu_vm_stats()'s __this_cpu_*()
 * operations and vmstat_update()'s smp_processor_id() stay on one CPU.
 * A per-CPU item queued on system_unbound_wq has no such kworker.
 */
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/workqueue.h>

extern struct workqueue_struct *mm_percpu_wq;

static DEFINE_PER_CPU(struct delayed_work, vmstat_work_demo);
static DEFINE_PER_CPU(struct work_struct, drain_work_demo);
static DEFINE_PER_CPU(int, vm_diff_demo);

static void refresh_cpu_vm_stats_demo(void)
{
	__this_cpu_write(vm_diff_demo, 0);
}

static void vmstat_update_demo(struct work_struct *w)
{
	refresh_cpu_vm_stats_demo();
	queue_delayed_work_on(smp_processor_id(), mm_percpu_wq, this_cpu_ptr(&vmstat_work_demo), 1);
}

static void vmstat_shepherd_demo(struct work_struct *w)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct delayed_work *dw = &per_cpu(vmstat_work_demo, cpu);

		queue_delayed_work_on(cpu, mm_percpu_wq, dw, 0);
	}
}

static DECLARE_DELAYED_WORK(shepherd_demo, vmstat_shepherd_demo);

void start_shepherd_demo(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		INIT_DEFERRABLE_WORK(per_cpu_ptr(&vmstat_work_demo, cpu), vmstat_update_demo);
	schedule_delayed_work(&shepherd_demo, 1);
}

/* Flagged: an unbound workqueue's kworker may run anywhere. */
static void drain_demo(struct work_struct *w)
{
	__this_cpu_write(vm_diff_demo, 1);	/* want "__this_cpu_write\\(\\) used in preemptible code" */
}

void drain_all_demo(void)
{
	int cpu;

	for_each_online_cpu(cpu) {
		INIT_WORK(per_cpu_ptr(&drain_work_demo, cpu), drain_demo);
		queue_work_on(cpu, system_unbound_wq, per_cpu_ptr(&drain_work_demo, cpu));
	}
}
