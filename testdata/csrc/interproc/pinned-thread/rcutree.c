/* The client of smpboot.c's per-CPU thread (kernel/rcu/tree.c). */
#include <linux/init.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include "smpboot.h"

struct rcu_data {
	int rcu_cpu_has_work;
	unsigned long rcu_cpu_kthread_loops;
};

static DEFINE_PER_CPU(struct rcu_data, rcu_data);

static int rcu_cpu_kthread_should_run(unsigned int cpu)
{
	return __this_cpu_read(rcu_data.rcu_cpu_has_work);
}

static void rcu_cpu_kthread(unsigned int cpu)
{
	struct rcu_data *rdp = this_cpu_ptr(&rcu_data);

	rdp->rcu_cpu_has_work = 0;
	rdp->rcu_cpu_kthread_loops++;
	/* It sleeps, on its own CPU (schedule_timeout_idle() in the kernel). */
	schedule_timeout(2);
}

static struct smp_hotplug_thread rcu_cpu_thread_spec = {
	.thread_should_run	= rcu_cpu_kthread_should_run,
	.thread_fn		= rcu_cpu_kthread,
	.thread_comm		= "rcuc/%u",
};

static int __init rcu_spawn_core_kthreads(void)
{
	return smpboot_register_percpu_thread(&rcu_cpu_thread_spec);
}
early_initcall(rcu_spawn_core_kthreads);
