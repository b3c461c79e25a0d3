/*
 * kernel/futex/pi.c's put_pi_state() on PREEMPT_RT: the free below it
 * takes the hash bucket's spinlock_t, a sleeping lock there, but only
 * where the put dropped the last reference; a caller under a raw
 * spinlock that holds a reference of its own does not take it.
 */
#include <linux/spinlock.h>
#include <linux/refcount.h>

struct pi_state_demo {
	refcount_t refcount;
};

static DEFINE_RAW_SPINLOCK(wait_lock_demo);
static DEFINE_SPINLOCK(hb_lock_demo);

static void free_pi_state_demo(struct pi_state_demo *p)
{
	spin_lock(&hb_lock_demo);
	p->refcount.refs.counter = 0;
	spin_unlock(&hb_lock_demo);
}

static void put_pi_state_demo(struct pi_state_demo *p)
{
	if (!refcount_dec_and_test(&p->refcount))
		return;
	free_pi_state_demo(p);
}

/* Not flagged: the free runs only on the last put. */
void unlock_pi_demo(struct pi_state_demo *p)
{
	raw_spin_lock(&wait_lock_demo);
	put_pi_state_demo(p);
	raw_spin_unlock(&wait_lock_demo);
}

/* Flagged: the free itself, made whatever the count. */
void free_pi_locked_demo(struct pi_state_demo *p)
{
	raw_spin_lock(&wait_lock_demo);
	free_pi_state_demo(p);	/* want "free_pi_state_demo\\(\\) takes a lock that sleeps on PREEMPT_RT" */
	raw_spin_unlock(&wait_lock_demo);
}
