/*
 * RCU stops watching a CPU only in its idle loop and on the entry paths,
 * with interrupts disabled, or in an NMI: a branch taken where
 * rcu_is_watching() returned false runs atomic, however its function was
 * entered (kapi's row). Cut down from kernel/extable.c
 * kernel_text_address(), which tells RCU to watch, as an NMI would, only
 * when it was not watching, and kernel/context_tracking.c ct_nmi_enter(),
 * which counts in its CPU's context-tracking state. A preemptible caller
 * (__static_call_update() under cpus_read_lock()) never takes that branch.
 * The same per-CPU use on a branch of an ordinary flag is still reported.
 */
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>

struct ct_demo { long nesting; };

static DEFINE_PER_CPU(struct ct_demo, ct_demo_state);
static DEFINE_MUTEX(text_mutex_demo);

void ct_nmi_enter_demo(void)
{
	struct ct_demo *ct = this_cpu_ptr(&ct_demo_state);

	ct->nesting++;
}

void ct_nmi_exit_demo(void)
{
	struct ct_demo *ct = this_cpu_ptr(&ct_demo_state);

	ct->nesting--;
}

int is_module_text_demo(unsigned long addr);

int kernel_text_demo(unsigned long addr)
{
	bool no_rcu;
	int ret = 1;

	no_rcu = !rcu_is_watching();
	if (no_rcu)
		ct_nmi_enter_demo();
	if (is_module_text_demo(addr))
		goto out;
	ret = 0;
out:
	if (no_rcu)
		ct_nmi_exit_demo();
	return ret;
}

int static_call_update_demo(unsigned long addr)
{
	int ret;

	mutex_lock(&text_mutex_demo);
	ret = kernel_text_demo(addr);
	mutex_unlock(&text_mutex_demo);
	return ret;
}

static void count_demo(void)
{
	struct ct_demo *ct = this_cpu_ptr(&ct_demo_state); /* want `this_cpu_ptr\(\) used in preemptible code` */

	ct->nesting++;
}

int flagged_text_demo(unsigned long addr, bool quiet)
{
	mutex_lock(&text_mutex_demo);
	if (!quiet)
		count_demo();
	mutex_unlock(&text_mutex_demo);
	return 0;
}
