/*
 * Code that tests IS_ENABLED(CONFIG_PREEMPT_RT) runs one side on each kind
 * of kernel: a finding on one side holds on that kind only, whatever the
 * .config the file is checked under (outside a tree, the test is 0).
 */
#include <linux/lockdep.h>
#include <linux/kconfig.h>
#include <linux/delay.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static DEFINE_RAW_SPINLOCK(raw_lock);
static DEFINE_SPINLOCK(plain_lock);
static DEFINE_PER_CPU(unsigned long, hits);

/* The allocation under the raw lock happens only without PREEMPT_RT. Fine. */
void *alloc_unless_rt(void)
{
	void *p = NULL;

	if (!IS_ENABLED(CONFIG_PREEMPT_RT)) {
		raw_spin_lock(&raw_lock);
		p = kmalloc(32, GFP_ATOMIC);
		raw_spin_unlock(&raw_lock);
	}
	return p;
}

/* Without the test, flagged. */
void *alloc_always(void)
{
	void *p;

	raw_spin_lock(&raw_lock);
	p = kmalloc(32, GFP_ATOMIC);	/* want "kmalloc\\(\\) allocates where the context is atomic on every kernel" */
	raw_spin_unlock(&raw_lock);
	return p;
}

/*
 * PREEMPT_RT takes a lock, the others disable preemption: each walk sees
 * its own side (a join would mix them). On PREEMPT_RT the lock is not the
 * data's, so the write races there.
 */
void count_hit(void)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		spin_lock(&plain_lock);
	else
		preempt_disable();
	__this_cpu_inc(hits);	/* want "on PREEMPT_RT, spin_lock\\(\\) does not disable preemption: a task" */
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		spin_unlock(&plain_lock);
	else
		preempt_enable();
}

/* A sleep on one side only: the finding names that kind of kernel. */
void wait_a_bit(void)
{
	raw_spin_lock(&raw_lock);
	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		msleep(1);	/* want "msleep\\(\\) may sleep in atomic context \\(on kernels without PREEMPT_RT only, where IS_ENABLED\\(CONFIG_PREEMPT_RT\\) is false\\)" */
	raw_spin_unlock(&raw_lock);
}

/*
 * Interrupts asserted disabled only without PREEMPT_RT (net/core/netpoll.c,
 * netpoll_send_udp(), with WARN_ON_ONCE(!irqs_disabled())): on PREEMPT_RT
 * nothing says the allocation below runs atomic. Fine.
 */
static void *udp_find_skb(int len)
{
	return kmalloc(len, GFP_ATOMIC);
}

void *udp_send(int len)
{
	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		lockdep_assert_irqs_disabled();
	return udp_find_skb(len);
}
