/*
 * mm/vmstat.c's vmstat_refresh(): refresh_vm_stats() runs on every CPU
 * through schedule_on_each_cpu(), pinned to it, and folds that CPU's
 * differentials with __this_cpu_*() operations. A work item queued with
 * schedule_work() has no such guarantee in kpreempt's model.
 */
#include <linux/percpu.h>
#include <linux/workqueue.h>

static DEFINE_PER_CPU(int, vm_stat_diff_demo);

static void refresh_vm_stats_demo(struct work_struct *work)
{
	__this_cpu_write(vm_stat_diff_demo, 0);
}

int vmstat_refresh_demo(void)
{
	return schedule_on_each_cpu(refresh_vm_stats_demo);
}

static void fold_diff_demo(struct work_struct *work)
{
	__this_cpu_write(vm_stat_diff_demo, 0);	/* want "__this_cpu_write\\(\\) .*preemptible" */
}

static DECLARE_WORK(fold_work_demo, fold_diff_demo);

void vmstat_fold_demo(void)
{
	schedule_work(&fold_work_demo);
}
