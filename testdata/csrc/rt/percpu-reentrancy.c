/*
 * migrate_disable() pins the task to its CPU but lets another task
 * preempt it there; on PREEMPT_RT a spinlock_t does no more
 * (locktypes.rst, "spinlock_t and rwlock_t").
 */
#include <linux/local_lock.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>

struct foo {
	spinlock_t lock;
	int val;
	int count;
};

static DEFINE_PER_CPU(struct foo, var1);
static DEFINE_PER_CPU(int, var2);
static DEFINE_PER_CPU(unsigned long, hits);
static DEFINE_PER_CPU(local_lock_t, foo_lock) = INIT_LOCAL_LOCK(foo_lock);
static DEFINE_SPINLOCK(table_lock);
int func2(void);

/* locktypes.rst: migrate_disable() does not protect against reentrancy. Flagged on every kernel. */
void func_migrate(void)
{
	struct foo *p;

	migrate_disable();
	p = this_cpu_ptr(&var1);
	p->val = func2();	/* want "\"p->val\" is written in this CPU's per-CPU data \\(this_cpu_ptr\\(\\)\\) where only migrate_disable\\(\\) protects it" */
	migrate_enable();
}

/* locktypes.rst's correct substitution: local_lock(). Fine. */
void func_local_lock(void)
{
	struct foo *p;

	local_lock(&foo_lock);
	p = this_cpu_ptr(&var1);
	p->val = func2();
	local_unlock(&foo_lock);
}

/* The per-CPU object's own lock: fine on both kernels. */
void queue_bump(void)
{
	struct foo *q;

	migrate_disable();
	q = this_cpu_ptr(&var1);
	spin_lock(&q->lock);
	q->count++;
	q->val = q->count;
	spin_unlock(&q->lock);
	migrate_enable();
}

/* A lock that is not the data's: on PREEMPT_RT only. */
void count_under_table_lock(void)
{
	spin_lock(&table_lock);
	__this_cpu_inc(hits);	/* want "__this_cpu_inc\\(\\) writes this CPU's hits; on PREEMPT_RT, spin_lock\\(\\) does not disable preemption" */
	spin_unlock(&table_lock);
}

/* preempt_disable() protects on every kernel: fine. */
void count_preempt_off(void)
{
	preempt_disable();
	__this_cpu_inc(hits);
	preempt_enable();
}

/* this_cpu_inc() is safe against preemption on its own: fine. */
void count_this_cpu(void)
{
	migrate_disable();
	this_cpu_inc(hits);
	migrate_enable();
}

/* __this_cpu_write() with only migrate_disable(): flagged. */
void count_migrate(void)
{
	migrate_disable();
	__this_cpu_write(hits, 0);	/* want "__this_cpu_write\\(\\) writes this CPU's hits where only migrate_disable\\(\\) protects it" */
	migrate_enable();
}

/* Reads are not writes: fine. */
unsigned long read_hits(void)
{
	unsigned long v;

	migrate_disable();
	v = __this_cpu_read(hits);
	migrate_enable();
	return v;
}

/* A per-CPU object locked through this_cpu_ptr(): its own lock. Fine. */
struct pcp_batch {
	spinlock_t lock;
	int count;
};
static DEFINE_PER_CPU(struct pcp_batch, batch);

void batch_add(void)
{
	migrate_disable();
	spin_lock(this_cpu_ptr(&batch.lock));
	__this_cpu_inc(batch.count);
	spin_unlock(this_cpu_ptr(&batch.lock));
	migrate_enable();
}

/*
 * Cut down from net/ipv4/tcp_ipv4.c: tcp_v4_err() is the protocol's
 * err_handler, called through an ops pointer from the ICMP receive path
 * in softirq, whose sections PREEMPT_RT serialises per CPU as well.
 * With no way in known, no preemptible task is shown to be preempted:
 * not flagged. The same code called from a work item is.
 */
struct net_protocol_demo {
	int (*err_handler)(int info);
};
struct sock_demo {
	spinlock_t slock;
};
static DEFINE_PER_CPU(unsigned long, lockdropped_icmps);
static struct sock_demo demo_sk;
void register_protocol_demo(const struct net_protocol_demo *p);

static int tcp_err_demo(int info)
{
	spin_lock(&demo_sk.slock);
	__this_cpu_inc(lockdropped_icmps);
	spin_unlock(&demo_sk.slock);
	return info;
}

static const struct net_protocol_demo tcp_protocol_demo = {
	.err_handler = tcp_err_demo,
};

void tcp_demo_init(void)
{
	register_protocol_demo(&tcp_protocol_demo);
}

#include <linux/workqueue.h>

static void udp_read_demo(void)
{
	spin_lock(&demo_sk.slock);
	__this_cpu_inc(lockdropped_icmps);	/* want "__this_cpu_inc\\(\\) writes this CPU's lockdropped_icmps; on PREEMPT_RT, spin_lock\\(\\) does not disable preemption" */
	spin_unlock(&demo_sk.slock);
}

static void udp_receive_workfn(struct work_struct *work)
{
	udp_read_demo();
}

static DECLARE_WORK(udp_recv_work, udp_receive_workfn);
