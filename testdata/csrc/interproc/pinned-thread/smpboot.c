/*
 * interproc: a per-CPU thread, in the shape of kernel/smpboot.c. The
 * thread is created bound to its CPU, and calls its client's thread_fn
 * after enabling preemption: preemptible, but it cannot migrate, so the
 * client's per-CPU data and CPU id stay its CPU's (kernel/rcu/tree.c's
 * rcu_cpu_kthread(), in rcutree.c). Not flagged.
 */
#include <linux/kthread.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include "smpboot.h"

struct smpboot_thread_data {
	unsigned int cpu;
	struct smp_hotplug_thread *ht;
};

static int smpboot_thread_fn(void *data)
{
	struct smpboot_thread_data *td = data;
	struct smp_hotplug_thread *ht = td->ht;

	while (!kthread_should_stop()) {
		preempt_disable();
		if (!ht->thread_should_run(td->cpu)) {
			preempt_enable_no_resched();
			schedule();
		} else {
			preempt_enable();
			ht->thread_fn(td->cpu);
		}
	}
	return 0;
}

static struct smpboot_thread_data thread_data;

int smpboot_register_percpu_thread(struct smp_hotplug_thread *plug_thread)
{
	struct task_struct *tsk;

	thread_data.ht = plug_thread;
	tsk = kthread_create_on_cpu(smpboot_thread_fn, &thread_data, 0, plug_thread->thread_comm);
	return tsk ? 0 : -1;
}
