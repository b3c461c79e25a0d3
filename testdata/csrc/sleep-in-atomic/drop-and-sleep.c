/*
 * sleep-in-atomic: a helper called with its caller's spinlock held that
 * drops the lock, sleeps, and takes it again (fs/file.c expand_fdtable,
 * jbd2's wait_transaction_locked). While the lock is dropped the helper
 * may sleep; the annotation or the unlock itself says so. Sleeping before
 * the drop (at the caller's call: the lock is the caller's), or after the
 * lock is taken again (in the helper, which holds it then), is still
 * reported. The
 * wait_event_*_lock_irq() waits do the drop themselves (sound/core/init.c
 * snd_card_disconnect_sync).
 */
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include <linux/cleanup.h>
#include <linux/delay.h>
#include <linux/list.h>

struct files {
	spinlock_t lock;
	int resizing;
	wait_queue_head_t wait;
	void *table;
};

static int grow_annotated(struct files *f, int nr)
	__releases(f->lock)
	__acquires(f->lock)
{
	void *t;

	spin_unlock(&f->lock);
	t = kmalloc(nr, GFP_KERNEL);
	synchronize_rcu();
	spin_lock(&f->lock);
	f->table = t;
	return 1;
}

static void wait_unannotated(struct files *f)
{
	spin_unlock(&f->lock);
	schedule();
	spin_lock(&f->lock);
}

static void sleeps_before_drop(struct files *f)
	__releases(f->lock)
	__acquires(f->lock)
{
	msleep(1);	/* reported at the caller's call, which holds the lock */
	spin_unlock(&f->lock);
	spin_lock(&f->lock);
}

static void sleeps_after_retake(struct files *f)
{
	spin_unlock(&f->lock);
	schedule();
	spin_lock(&f->lock);
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
}

int expand(struct files *f, int nr)
{
	int r;

	spin_lock(&f->lock);
	r = grow_annotated(f, nr);
	if (f->resizing)
		wait_unannotated(f);
	sleeps_before_drop(f);	/* want "sleeps_before_drop\\(\\) may sleep in atomic context \\(it calls msleep\\(\\)\\)" */
	sleeps_after_retake(f);
	spin_unlock(&f->lock);
	return r;
}

struct card {
	spinlock_t files_lock;
	struct list_head files;
	wait_queue_head_t remove_sleep;
};

void card_disconnect_sync(struct card *card)
{
	spin_lock_irq(&card->files_lock);
	wait_event_lock_irq(card->remove_sleep, list_empty(&card->files), card->files_lock);
	spin_unlock_irq(&card->files_lock);
}

void card_wait_then_sleep(struct card *card)
{
	spin_lock_irq(&card->files_lock);
	wait_event_lock_irq(card->remove_sleep, list_empty(&card->files), card->files_lock);
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
	spin_unlock_irq(&card->files_lock);
}

void card_disconnect_guarded(struct card *card)
{
	guard(spinlock_irq)(&card->files_lock);
	wait_event_lock_irq(card->remove_sleep, list_empty(&card->files), card->files_lock);
}

void card_guarded_sleep(struct card *card)
{
	guard(spinlock_irq)(&card->files_lock);
	schedule();	/* want "schedule\\(\\) may sleep in atomic context" */
}

void card_scoped(struct card *card)
{
	scoped_guard(spinlock, &card->files_lock)
		list_empty(&card->files);
	msleep(1);
	scoped_guard(preempt)
		msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
}

/*
 * A guard's lock released by name inside its scope, around the work that
 * sleeps, and taken again before the next round (fs/super.c
 * __iterate_supers(): guard(spinlock)(&sb_lock), then spin_unlock() and
 * spin_lock() of sb_lock around super_lock()). The guard protects only
 * while its lock is held: a sleep after the lock is taken back is still
 * reported.
 */
void card_guard_dropped(struct card *card)
{
	int i;

	guard(spinlock)(&card->files_lock);
	for (i = 0; i < 4; i++) {
		if (list_empty(&card->files))
			continue;
		spin_unlock(&card->files_lock);
		msleep(1);
		spin_lock(&card->files_lock);
	}
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
}

/*
 * A wait loop that drops its caller's lock around each sleep and takes it
 * back: at the loop's head the lock is held on the way round and not on
 * the way in, and the release drops the caller's lock all the same (cut
 * down from rt_mutex_slowlock_block(), kernel/locking/rtmutex.c).
 */
struct rtm {
	raw_spinlock_t wait_lock;
	int owner;
};

int rtm_try_take(struct rtm *lock);
void rt_mutex_schedule(void);

static int rtm_slowlock_block(struct rtm *lock, int state)
{
	int ret = 0;

	for (;;) {
		if (rtm_try_take(lock))
			break;
		if (state) {
			ret = -4;
			break;
		}
		raw_spin_unlock_irq(&lock->wait_lock);
		if (!lock->owner)
			rt_mutex_schedule();
		raw_spin_lock_irq(&lock->wait_lock);
	}
	return ret;
}

/* Not flagged: the sleeps happen with the lock dropped. */
int rtm_wait_proxy_lock(struct rtm *lock, int state)
{
	int ret;

	raw_spin_lock_irq(&lock->wait_lock);
	ret = rtm_slowlock_block(lock, state);
	raw_spin_unlock_irq(&lock->wait_lock);
	return ret;
}

/* Flagged: the loop sleeps without dropping the lock. */
static void rtm_wait_forever(struct rtm *lock)
{
	for (;;)
		rt_mutex_schedule();
}

void rtm_deadlock(struct rtm *lock)
{
	raw_spin_lock_irq(&lock->wait_lock);
	rtm_wait_forever(lock);	/* want "rtm_wait_forever\\(\\) may sleep in atomic context" */
}

/*
 * Of two callees that sleep, one drops the caller's lock around its sleep
 * and one does not: the call of their caller sleeps in atomic context
 * (rt_mutex_slowlock_block() and rt_mutex_handle_deadlock() in
 * __rt_mutex_slowlock()).
 */
static void rtm_handle_deadlock(struct rtm *lock, int ret)
{
	if (ret != -35)
		return;
	for (;;)
		rt_mutex_schedule();
}

static int rtm_slowlock(struct rtm *lock, int state)
{
	int ret = rtm_slowlock_block(lock, state);

	if (ret)
		rtm_handle_deadlock(lock, ret);
	return ret;
}

/* Flagged: rtm_handle_deadlock() sleeps with the lock held. */
int rtm_lock_slow(struct rtm *lock, int state)
{
	int ret;

	raw_spin_lock_irq(&lock->wait_lock);
	ret = rtm_slowlock(lock, state);	/* want "rtm_slowlock\\(\\) may sleep in atomic context" */
	raw_spin_unlock_irq(&lock->wait_lock);
	return ret;
}

/*
 * The lock a callee drops is named through the caller's local aliases,
 * at every level (kernel/workqueue.c: worker_thread() takes
 * pool->lock with pool = worker->pool; manage_workers() passes its own
 * pool = worker->pool to maybe_create_worker(), which drops the lock,
 * creates workers and sleeps, and takes it again). Not flagged.
 */
struct worker_pool {
	raw_spinlock_t lock;
	unsigned int flags;
	int nr_idle;
};

struct worker {
	struct worker_pool *pool;
};

int create_worker(struct worker_pool *pool);

static void maybe_create_worker(struct worker_pool *pool)
__releases(&pool->lock)
__acquires(&pool->lock)
{
restart:
	raw_spin_unlock_irq(&pool->lock);
	while (1) {
		if (create_worker(pool) || !pool->nr_idle)
			break;
		schedule_timeout_interruptible(1);
		if (!pool->nr_idle)
			break;
	}
	raw_spin_lock_irq(&pool->lock);
	if (pool->nr_idle)
		goto restart;
}

static bool manage_workers(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;

	if (pool->flags & 1)
		return false;
	pool->flags |= 1;
	maybe_create_worker(pool);
	pool->flags &= ~1;
	return true;
}

int worker_thread(void *__worker)
{
	struct worker *worker = __worker;
	struct worker_pool *pool = worker->pool;

	raw_spin_lock_irq(&pool->lock);
	if (!pool->nr_idle && manage_workers(worker))
		pool->nr_idle++;
	maybe_create_worker(pool);
	raw_spin_unlock_irq(&pool->lock);
	return 0;
}
