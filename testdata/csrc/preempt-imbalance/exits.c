/*
 * preempt-imbalance: the preempt count at the function's exits (each
 * return, and the closing brace). Exits that disagree are reported against
 * the lowest depth seen; an exit reached with several depths is reported
 * as such. A function whose exits all agree on one depth is a deliberate
 * "lock" helper and is not reported. Paths ending in BUG()/panic() are not
 * exits.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/threads.h>

struct ring {
	unsigned int head;
	unsigned int tail;
	unsigned long slot[64];
};

#define RING_PUT	0
#define RING_GET	1
#define RING_PEEK	2

DEFINE_PER_CPU(struct ring, cpu_ring);
DEFINE_PER_CPU(unsigned long, ring_credits);
static unsigned long ring_drops[NR_CPUS];

extern void ring_wake_consumer(void);

/* Early return while still pinned. Unsafe. */
int ring_reserve(unsigned long n)
{
	preempt_disable();
	if (__this_cpu_read(ring_credits) < n)
		return -1;	/* want "preempt depth at return is 1, but 0 at line 40" */
	__this_cpu_sub(ring_credits, n);
	preempt_enable();
	return 0;
}

/* The error path enables before returning. Safe. */
int ring_reserve_fixed(unsigned long n)
{
	preempt_disable();
	if (__this_cpu_read(ring_credits) < n) {
		preempt_enable();
		return -1;
	}
	__this_cpu_sub(ring_credits, n);
	preempt_enable();
	return 0;
}

/* goto to an exit label placed after the enable. Unsafe. */
int ring_put(unsigned long v)
{
	struct ring *r;
	int ret = 0;

	preempt_disable();
	r = this_cpu_ptr(&cpu_ring);
	if (r->head - r->tail >= 64) {
		ring_drops[smp_processor_id()]++;
		ret = -1;
		goto out;
	}
	r->slot[r->head++ % 64] = v;
	preempt_enable();
out:
	return ret;	/* want "preempt depth at return is 0 or 1 depending on the path" */
}

/* goto to a label that enables before returning. Safe. */
int ring_put_fixed(unsigned long v)
{
	struct ring *r;
	int ret = 0;

	preempt_disable();
	r = this_cpu_ptr(&cpu_ring);
	if (r->head - r->tail >= 64) {
		ring_drops[smp_processor_id()]++;
		ret = -1;
		goto out_enable;
	}
	r->slot[r->head++ % 64] = v;
out_enable:
	preempt_enable();
	return ret;
}

/* Each case enables on its own; RING_PEEK forgets. Unsafe. */
int ring_op(int op, unsigned long *v)
{
	struct ring *r;

	preempt_disable();
	r = this_cpu_ptr(&cpu_ring);
	switch (op) {
	case RING_PUT:
		r->slot[r->head++ % 64] = *v;
		preempt_enable();
		break;
	case RING_GET:
		*v = r->slot[r->tail++ % 64];
		preempt_enable();
		break;
	case RING_PEEK:
		*v = r->slot[r->tail % 64];
		break;
	default:
		preempt_enable();
		return -1;
	}
	return 0;	/* want "preempt depth at return is 0 or 1 depending on the path" */
}

/* A switch whose cases all leave the count alone, one enable after it. Safe. */
int ring_op_fixed(int op, unsigned long *v)
{
	struct ring *r;
	int ret = 0;

	preempt_disable();
	r = this_cpu_ptr(&cpu_ring);
	switch (op) {
	case RING_PUT:
		r->slot[r->head++ % 64] = *v;
		break;
	case RING_GET:
		*v = r->slot[r->tail++ % 64];
		break;
	default:
		ret = -1;
		break;
	}
	preempt_enable();
	return ret;
}

/* The path that skips the enable ends in BUG(): not an exit. Safe. */
unsigned long ring_get(void)
{
	struct ring *r;
	unsigned long v;

	preempt_disable();
	r = this_cpu_ptr(&cpu_ring);
	if (r->head == r->tail)
		BUG();
	v = r->slot[r->tail++ % 64];
	preempt_enable();
	return v;
}

/* The path that skips the enable ends in panic(): not an exit. Safe. */
void ring_check(void)
{
	struct ring *r;

	preempt_disable();
	r = this_cpu_ptr(&cpu_ring);
	if (r->head - r->tail > 64)
		panic("ring: corrupt indices %u/%u\n", r->head, r->tail);
	preempt_enable();
}

/* Disable and enable inside the loop body. Safe. */
void ring_flush(unsigned long *vals, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		preempt_disable();
		__this_cpu_add(ring_credits, vals[i]);
		preempt_enable();
	}
}

/* Disable inside the loop, one enable after it: the depth depends on the trip count. Unsafe. */
void ring_flush_leaky(unsigned long *vals, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		preempt_disable();
		__this_cpu_add(ring_credits, vals[i]);
	}
	preempt_enable();	/* want "preempt_enable\\(\\) without matching preempt_disable\\(\\) on some paths" */
}	/* want "preempt depth at return is" */

/* The same with a do-while: at least one disable, but still one per iteration. Unsafe. */
void ring_drain_leaky(void)
{
	do {
		preempt_disable();
		__this_cpu_dec(ring_credits);
	} while (__this_cpu_read(ring_credits));
	preempt_enable();
}	/* want "preempt depth at return is" */

/* A "lock" helper: every exit returns pinned, on purpose. Safe. */
struct ring *ring_lock_this_cpu(void)
{
	preempt_disable();
	return this_cpu_ptr(&cpu_ring);
}

/* Its counterpart: only an enable, so not examined. Safe. */
void ring_unlock_this_cpu(void)
{
	preempt_enable();
}

/* A "lock" helper with two returns, both pinned. Safe. */
struct ring *ring_lock_nonempty(void)
{
	struct ring *r;

	preempt_disable();
	r = this_cpu_ptr(&cpu_ring);
	if (r->head == r->tail)
		return NULL;
	return r;
}

/* A user of the lock helpers. Safe. */
void ring_push_locked(unsigned long v)
{
	struct ring *r = ring_lock_this_cpu();

	r->slot[r->head++ % 64] = v;
	ring_unlock_this_cpu();
	ring_wake_consumer();
}
