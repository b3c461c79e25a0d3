/*
 * kernel/workqueue.c's rescuer_thread() and process_one_work(), cut down:
 * the caller holds pool->lock, reached through a local pool; the helper,
 * through a local pool of its own (worker->pool), releases that lock
 * around the work, which may sleep, and takes it back (__releases and
 * __acquires say so). Both spell the lock pool->lock: the helper drops
 * the caller's lock, and the sleep is not in atomic context. A caller
 * that holds a lock of another name is reported.
 */
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/kthread.h>

struct worker_pool_demo {
	raw_spinlock_t lock;
	int nr_running;
};

struct worker_demo {
	struct worker_pool_demo *pool;
};

struct pwq_demo {
	struct worker_pool_demo *pool;
	raw_spinlock_t other_lock;
};

static void process_one_work_demo(struct worker_demo *worker)
__releases(&pool->lock)
__acquires(&pool->lock)
{
	struct worker_pool_demo *pool = worker->pool;

	raw_spin_unlock_irq(&pool->lock);
	cond_resched();
	raw_spin_lock_irq(&pool->lock);
}

/* Not flagged: the helper drops this very lock around its sleep. */
static int rescuer_thread_demo(void *data)
{
	struct worker_demo *rescuer = data;
	struct pwq_demo *pwq = kthread_data(current);
	struct worker_pool_demo *pool = pwq->pool;

	raw_spin_lock_irq(&pool->lock);
	process_one_work_demo(rescuer);
	raw_spin_unlock_irq(&pool->lock);
	return 0;
}

/* Flagged: another lock is held, which the helper does not drop. */
static int rescuer_other_demo(void *data)
{
	struct worker_demo *rescuer = data;
	struct pwq_demo *pwq = kthread_data(current);

	raw_spin_lock(&pwq->other_lock);
	process_one_work_demo(rescuer);	/* want "process_one_work_demo\\(\\) may sleep in atomic context" */
	raw_spin_unlock(&pwq->other_lock);
	return 0;
}

void start_rescuers_demo(void *data)
{
	kthread_run(rescuer_thread_demo, data, "rescuer");
	kthread_run(rescuer_other_demo, data, "other");
}
