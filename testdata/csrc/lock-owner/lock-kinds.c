/*
 * lock-owner: the other lock kinds. Mutexes, semaphores, the socket lock
 * (lock_sock/release_sock, named by the socket expression), rwlocks,
 * local_locks and RCU read-side sections (named "rcu_read_lock()") follow
 * the same rules as spinlocks. A trylock holds the lock on its success
 * edge only, including the "if (!trylock) return" form.
 */
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/spinlock.h>
#include <linux/local_lock.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <net/sock.h>

struct cfg_entry {
	int key;
	int val;
};

struct cfg_table {
	struct mutex lock;
	struct semaphore sem;
	rwlock_t rwlock;
	struct cfg_entry __rcu *cur;
	struct cfg_entry entries[32];
	unsigned int nr;
	bool frozen;
};

struct cfg_pcp {
	local_lock_t lock;
	unsigned long lookups;
};

DEFINE_PER_CPU(struct cfg_pcp, cfg_pcp) = {
	.lock = INIT_LOCAL_LOCK(lock),
};

extern int cfg_validate(struct cfg_entry *e);
extern int sk_do_setopt(struct sock *sk, int opt, int val);

/* mutex_lock()/mutex_unlock() on every path. Not flagged. */
int cfg_set(struct cfg_table *t, int key, int val)
{
	int ret = -ENOENT;
	unsigned int i;

	mutex_lock(&t->lock);
	for (i = 0; i < t->nr; i++) {
		if (t->entries[i].key == key) {
			t->entries[i].val = val;
			ret = 0;
			break;
		}
	}
	mutex_unlock(&t->lock);
	return ret;
}

/* Returns from inside the mutex-held region on a validation error. Flagged. */
int cfg_add(struct cfg_table *t, struct cfg_entry *e)
{
	mutex_lock(&t->lock);
	if (cfg_validate(e))
		return -EINVAL;	/* want `returns with "t->lock" held \(taken by mutex_lock\(\) at line 66\)` */
	t->entries[t->nr++] = *e;
	mutex_unlock(&t->lock);
	return 0;
}

/* mutex_trylock() success edge only; the busy path never held it. Not flagged. */
int cfg_try_freeze(struct cfg_table *t)
{
	if (!mutex_trylock(&t->lock))
		return -EBUSY;
	t->frozen = true;
	mutex_unlock(&t->lock);
	return 0;
}

/* After a successful mutex_trylock() the frozen-table path returns with it held. Flagged. */
int cfg_try_add(struct cfg_table *t, struct cfg_entry *e)
{
	if (!mutex_trylock(&t->lock))
		return -EBUSY;
	if (t->frozen)
		return -EPERM;	/* want `returns with "t->lock" held \(taken by mutex_trylock\(\) at line 87\)` */
	t->entries[t->nr++] = *e;
	mutex_unlock(&t->lock);
	return 0;
}

/* Taking the table mutex twice on the reset path: self-deadlock. Flagged at the inner lock. */
void cfg_clear(struct cfg_table *t, bool reset)
{
	mutex_lock(&t->lock);
	t->nr = 0;
	if (reset) {
		mutex_lock(&t->lock);	/* want `mutex_lock\(\) takes "t->lock", which is already held \(line 99\)` */
		t->frozen = false;
		mutex_unlock(&t->lock);
	}
	mutex_unlock(&t->lock);
}

/* down()/up() on a semaphore. Not flagged. */
void cfg_bump(struct cfg_table *t)
{
	down(&t->sem);
	t->entries[0].val++;
	up(&t->sem);
}

/* up() of a semaphore this function never takes: an unlock helper, its callers hold it. Not flagged. */
void cfg_bump_unlocked(struct cfg_table *t)
{
	t->entries[0].val++;
	up(&t->sem);
}

/* lock_sock() and an error return that skips release_sock(). Flagged. */
int sk_setopt(struct sock *sk, int opt, int val)
{
	int err;

	lock_sock(sk);
	if (sk->sk_err)
		return -sk->sk_err;	/* want `returns with "sk" held \(taken by lock_sock\(\) at line 129\)` */
	err = sk_do_setopt(sk, opt, val);
	release_sock(sk);
	return err;
}

/* lock_sock()/release_sock() with the error path through a common exit. Not flagged. */
int sk_setopt_fixed(struct sock *sk, int opt, int val)
{
	int err;

	lock_sock(sk);
	if (sk->sk_err) {
		err = -sk->sk_err;
		goto out;
	}
	err = sk_do_setopt(sk, opt, val);
out:
	release_sock(sk);
	return err;
}

/* Balanced RCU read-side section. Not flagged. */
int cfg_lookup_rcu(struct cfg_table *t)
{
	struct cfg_entry *e;
	int val = -1;

	rcu_read_lock();
	e = rcu_dereference(t->cur);
	if (e)
		val = e->val;
	rcu_read_unlock();
	return val;
}

/* The miss path unlocks a second time. Flagged at the second rcu_read_unlock(). */
int cfg_lookup_rcu_miss(struct cfg_table *t)
{
	struct cfg_entry *e;
	int val;

	rcu_read_lock();
	e = rcu_dereference(t->cur);
	val = e ? e->val : -1;
	rcu_read_unlock();
	if (val < 0) {
		rcu_read_unlock();	/* want `rcu_read_unlock\(\) releases "rcu_read_lock\(\)", which this function already released` */
		return -ENOENT;
	}
	return val;
}

/* The RCU section left open on the hit path. Flagged at that return. */
int cfg_lookup_rcu_leak(struct cfg_table *t, int key)
{
	struct cfg_entry *e;

	rcu_read_lock();
	e = rcu_dereference(t->cur);
	if (e && e->key == key)
		return e->val;	/* want `returns with "rcu_read_lock\(\)" held \(taken by rcu_read_lock\(\) at line 189\)` */
	rcu_read_unlock();
	return -ENOENT;
}

/* read_lock()/read_unlock() and write_lock_irqsave()/write_unlock_irqrestore(). Not flagged. */
int cfg_swap(struct cfg_table *t, int key, int val)
{
	unsigned long flags;
	int old;

	read_lock(&t->rwlock);
	old = t->entries[key & 31].val;
	read_unlock(&t->rwlock);
	write_lock_irqsave(&t->rwlock, flags);
	t->entries[key & 31].val = val;
	write_unlock_irqrestore(&t->rwlock, flags);
	return old;
}

/* write_trylock() failure edge: the unlock releases a lock the function takes on other paths, not this one. Flagged. */
void cfg_try_update(struct cfg_table *t, int val)
{
	if (!write_trylock(&t->rwlock)) {
		write_unlock(&t->rwlock);	/* want `write_unlock\(\) releases "t->rwlock", which this function does not hold here` */
		return;
	}
	t->entries[0].val = val;
	write_unlock(&t->rwlock);
}

/* local_lock()/local_unlock() on the per-CPU structure. Not flagged. */
void cfg_count_lookup(void)
{
	local_lock(&cfg_pcp.lock);
	__this_cpu_inc(cfg_pcp.lookups);
	local_unlock(&cfg_pcp.lock);
}

/* A mutex and an RCU section nested, released in reverse order. Not flagged. */
int cfg_publish(struct cfg_table *t, struct cfg_entry *e)
{
	struct cfg_entry *old;

	mutex_lock(&t->lock);
	rcu_read_lock();
	old = rcu_dereference(t->cur);
	if (old)
		e->key = old->key;
	rcu_read_unlock();
	rcu_assign_pointer(t->cur, e);
	mutex_unlock(&t->lock);
	return 0;
}
