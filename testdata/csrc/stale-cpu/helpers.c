/*
 * stale-cpu: CPU ids and per-CPU pointers that a helper returns. A
 * function whose every return gives a CPU id or a per-CPU pointer
 * obtained in the call (directly, or through a local assigned once)
 * hands its caller a value as valid as the caller's protection around
 * the call: used after that protection ended, it is stale as if the
 * caller had read it itself.
 */
#include <linux/preempt.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/threads.h>

struct ring {
	unsigned long head;
	unsigned long drops;
};

static unsigned long ring_seq[NR_CPUS];
static DEFINE_PER_CPU(struct ring, rings);

static int ring_cpu(void)
{
	return smp_processor_id();
}

static struct ring *ring_here(void)
{
	struct ring *r = this_cpu_ptr(&rings);

	return r;
}

/* Every use of the id is inside the protection it was read under. Not flagged. */
void ring_bump(void)
{
	int cpu;

	preempt_disable();
	cpu = ring_cpu();
	ring_seq[cpu]++;
	preempt_enable();
}

/* The id from the helper is used after preempt_enable(). Flagged. */
void ring_bump_late(void)
{
	int cpu;

	preempt_disable();
	cpu = ring_cpu();
	preempt_enable();
	ring_seq[cpu]++;	/* want `stale CPU id "cpu": used after preempt_enable\(\) ended the protection` */
}

/* The pointer from the helper is dereferenced after preempt_enable(). Flagged. */
void ring_drop_late(void)
{
	struct ring *r;

	preempt_disable();
	r = ring_here();
	r->head++;
	preempt_enable();
	r->drops++;	/* want `stale per-CPU pointer "r"` */
}
