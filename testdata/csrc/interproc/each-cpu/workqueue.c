/*
 * kernel/workqueue.c: schedule_on_each_cpu() queues the function on each
 * online CPU's bound worker of system_wq and waits for them. What the
 * body hands on is an ordinary work item, in process context; kapi's row
 * for the function says more: each run is on a per-CPU kthread, which
 * cannot leave its CPU.
 */
#include <linux/workqueue.h>

int schedule_on_each_cpu(work_func_t func)
{
	struct work_struct work;

	INIT_WORK(&work, func);
	schedule_work_on(0, &work);
	flush_work(&work);
	return 0;
}
