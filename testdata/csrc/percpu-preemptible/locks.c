/*
 * percpu-preemptible: protection by locks. Every spinning lock (spin_lock
 * and its _irq, _irqsave and _bh forms, raw_spin_lock, read_lock,
 * write_lock) and a local_lock disables preemption while held, and
 * spin_trylock() does on its success branch. Sleeping locks (mutex,
 * semaphore) and rcu_read_lock() do not.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/local_lock.h>
#include <linux/rcupdate.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/threads.h>

struct pool_stats {
	unsigned long allocs;
	unsigned long frees;
	unsigned long contended;
};

struct pool_pcp {
	local_lock_t lock;
	unsigned long nr_free;
};

DEFINE_PER_CPU(struct pool_stats, pool_stats);
DEFINE_PER_CPU(struct pool_pcp, pool_pcp) = {
	.lock = INIT_LOCAL_LOCK(lock),
};
static int pool_owner[NR_CPUS];

static DEFINE_SPINLOCK(pool_lock);
static DEFINE_RAW_SPINLOCK(pool_raw_lock);
static DEFINE_RWLOCK(pool_rwlock);
static DEFINE_MUTEX(pool_mutex);
static DEFINE_SEMAPHORE(pool_sem, 1);

/* spin_lock(): pinned until spin_unlock(). Safe. */
void pool_alloc_locked(void)
{
	spin_lock(&pool_lock);
	__this_cpu_inc(pool_stats.allocs);	/* want "on PREEMPT_RT, spin_lock\\(\\) does not disable preemption" */
	spin_unlock(&pool_lock);
}

/* Use after spin_unlock(). Unsafe. */
void pool_alloc_after_unlock(void)
{
	spin_lock(&pool_lock);
	pool_owner[smp_processor_id()] = 1;
	spin_unlock(&pool_lock);
	__this_cpu_inc(pool_stats.allocs);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

/* spin_lock_irq(): lock held and interrupts off. Safe. */
void pool_free_irq(void)
{
	spin_lock_irq(&pool_lock);
	__this_cpu_inc(pool_stats.frees);	/* want "on PREEMPT_RT, spin_lock_irq\\(\\) does not disable preemption" */
	spin_unlock_irq(&pool_lock);
}

/* spin_lock_irqsave()/spin_unlock_irqrestore(). Safe. */
void pool_free_irqsave(void)
{
	unsigned long flags;

	spin_lock_irqsave(&pool_lock, flags);
	__this_cpu_inc(pool_stats.frees);	/* want "on PREEMPT_RT, spin_lock_irqsave\\(\\) does not disable preemption" */
	pool_owner[smp_processor_id()] = 0;
	spin_unlock_irqrestore(&pool_lock, flags);
}

/* After spin_unlock_irqrestore() the lock is gone and interrupts are back. Unsafe. */
void pool_free_irqsave_late(void)
{
	unsigned long flags;

	spin_lock_irqsave(&pool_lock, flags);
	__this_cpu_inc(pool_stats.frees);	/* want "on PREEMPT_RT, spin_lock_irqsave\\(\\) does not disable preemption" */
	spin_unlock_irqrestore(&pool_lock, flags);
	pool_owner[smp_processor_id()] = 0;	/* want "smp_processor_id\\(\\) used in preemptible code" */
}

/* spin_lock_bh(): lock held and bottom halves off. Safe. */
void pool_alloc_bh(void)
{
	spin_lock_bh(&pool_lock);
	__this_cpu_inc(pool_stats.allocs);
	spin_unlock_bh(&pool_lock);
}

/* raw_spin_lock(). Safe. */
void pool_alloc_raw(void)
{
	raw_spin_lock(&pool_raw_lock);
	__this_cpu_inc(pool_stats.allocs);
	raw_spin_unlock(&pool_raw_lock);
}

/* read_lock() on an rwlock_t spins too. Safe. */
int pool_owner_read(void)
{
	int owner;

	read_lock(&pool_rwlock);
	owner = pool_owner[smp_processor_id()];
	read_unlock(&pool_rwlock);
	return owner;
}

/* write_lock(). Safe. */
void pool_owner_write(int owner)
{
	write_lock(&pool_rwlock);
	pool_owner[smp_processor_id()] = owner;
	write_unlock(&pool_rwlock);
}

/* spin_trylock() success branch. Safe. */
void pool_try_alloc(void)
{
	if (spin_trylock(&pool_lock)) {
		__this_cpu_inc(pool_stats.allocs);	/* want "on PREEMPT_RT, spin_trylock\\(\\) does not disable preemption" */
		spin_unlock(&pool_lock);
	}
}

/* spin_trylock() failure returns early; the code after it holds the lock. Safe. */
void pool_try_alloc_early_return(void)
{
	if (!spin_trylock(&pool_lock))
		return;
	__this_cpu_inc(pool_stats.allocs);	/* want "on PREEMPT_RT, spin_trylock\\(\\) does not disable preemption" */
	spin_unlock(&pool_lock);
}

/* spin_trylock() failure branch does not hold the lock. Unsafe. */
void pool_try_alloc_contended(void)
{
	if (spin_trylock(&pool_lock)) {
		__this_cpu_inc(pool_stats.allocs);	/* want "on PREEMPT_RT, spin_trylock\\(\\) does not disable preemption" */
		spin_unlock(&pool_lock);
	} else {
		__this_cpu_inc(pool_stats.contended);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	}
}

/* mutex_lock() sleeps; preemption stays enabled while it is held. Unsafe. */
void pool_alloc_mutex(void)
{
	mutex_lock(&pool_mutex);
	__this_cpu_inc(pool_stats.allocs);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	mutex_unlock(&pool_mutex);
}

/* down() on a semaphore sleeps too. Unsafe. */
void pool_alloc_sem(void)
{
	down(&pool_sem);
	__this_cpu_inc(pool_stats.allocs);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	up(&pool_sem);
}

/* local_lock() on the per-CPU structure's own lock. Safe. */
void pool_free_local(void)
{
	local_lock(&pool_pcp.lock);
	__this_cpu_inc(pool_pcp.nr_free);
	local_unlock(&pool_pcp.lock);
}

/* local_lock_irqsave()/local_unlock_irqrestore(). Safe. */
void pool_free_local_irqsave(void)
{
	unsigned long flags;

	local_lock_irqsave(&pool_pcp.lock, flags);
	__this_cpu_inc(pool_pcp.nr_free);
	local_unlock_irqrestore(&pool_pcp.lock, flags);
}

/* rcu_read_lock() does not disable preemption under PREEMPT_RCU. Unsafe. */
int pool_owner_rcu(void)
{
	int owner;

	rcu_read_lock();
	owner = pool_owner[smp_processor_id()];	/* want "smp_processor_id\\(\\) used in preemptible code" */
	rcu_read_unlock();
	return owner;
}

/* A mutex for the slow path, a spinlock around the per-CPU part. Safe. */
void pool_alloc_mutex_then_spin(void)
{
	mutex_lock(&pool_mutex);
	spin_lock(&pool_lock);
	__this_cpu_inc(pool_stats.allocs);	/* want "on PREEMPT_RT, spin_lock\\(\\) does not disable preemption" */
	spin_unlock(&pool_lock);
	mutex_unlock(&pool_mutex);
}
