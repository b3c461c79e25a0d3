/*
 * percpu-preemptible: a helper that returns inside an RCU-bh read-side
 * section when it succeeds, in the shape of net/ipv4/tcp_sigpool.c:
 * tcp_sigpool_start() is __cond_acquires(RCU_BH), and its callers call
 * tcp_sigpool_end(), __releases(RCU_BH), only after it succeeded, with
 * bottom halves (so preemption) still disabled: the section held, by
 * the annotation or through the helper, keeps the CPU. Not flagged. A
 * caller that ends a section it never began, through a helper that
 * does not say it is called inside one, runs it preemptible: flagged.
 */
#include <linux/rcupdate.h>
#include <linux/percpu.h>
#include <linux/errno.h>

struct sigpool_demo {
	void *scratch;
};

static DEFINE_PER_CPU(void *, sigpool_scratch);

int sigpool_ok_demo(unsigned int id);

int sigpool_start_demo(unsigned int id, struct sigpool_demo *c)
	__cond_acquires(RCU_BH)
{
	rcu_read_lock_bh();
	if (!sigpool_ok_demo(id)) {
		rcu_read_unlock_bh();
		return -ENOENT;
	}
	c->scratch = this_cpu_read(sigpool_scratch);
	return 0;
}

static void sigpool_end_demo(struct sigpool_demo *c)
	__releases(RCU_BH)
{
	c->scratch = __this_cpu_read(sigpool_scratch);
	rcu_read_unlock_bh();
}

int md5_hash_demo(unsigned int id)
{
	struct sigpool_demo hp;

	if (sigpool_start_demo(id, &hp))
		return -1;
	sigpool_end_demo(&hp);
	return 0;
}

static void sigpool_end_unchecked_demo(struct sigpool_demo *c)
{
	c->scratch = __this_cpu_read(sigpool_scratch);	/* want "__this_cpu_read\\(\\) used in preemptible code" */
	rcu_read_unlock_bh();
}

void md5_unchecked_demo(unsigned int id)
{
	struct sigpool_demo hp;

	sigpool_start_demo(id, &hp);
	sigpool_end_unchecked_demo(&hp);
}
