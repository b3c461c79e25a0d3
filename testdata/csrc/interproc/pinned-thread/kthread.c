/*
 * kernel/kthread.c: kthread_create_on_cpu() creates its thread with
 * kthread_create_on_node(), then binds it to the CPU. What the wrapper
 * hands on is in process context, but kapi's row for the wrapper says
 * more: the thread cannot leave its CPU, so smpboot.c's thread and its
 * clients stay pinned.
 */
#include <linux/kthread.h>
#include <linux/sched.h>

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data, unsigned int cpu,
					  const char *namefmt)
{
	struct task_struct *p;

	p = kthread_create_on_node(threadfn, data, 0, namefmt, cpu);
	if (p)
		kthread_bind(p, cpu);
	return p;
}
