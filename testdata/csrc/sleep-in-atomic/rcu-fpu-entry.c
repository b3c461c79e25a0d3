/*
 * sleep-in-atomic: the less visible atomic contexts. Inside an RCU
 * read-side critical section (rcu_read_lock(), which does not disable
 * preemption) a sleeping call is reported with its own message; inside a
 * kernel_fpu_begin() section preemption is off; a static function whose
 * every caller in the file holds a spinlock starts atomic, so a sleep in it
 * is reported inside it; lockdep_assert_preemption_disabled() states that
 * the code runs atomic.
 */
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/delay.h>
#include <linux/lockdep.h>
#include <linux/completion.h>
#include <linux/list.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <asm/fpu/api.h>

struct route {
	struct list_head node;
	u32 dst;
	u32 gw;
	struct mutex update_lock;
	struct completion flushed;
	u8 key[32];
};

struct route_table {
	spinlock_t lock;
	struct route __rcu *def;
	unsigned long gen;
};

extern void route_hash_simd(const u8 *key, u8 *out);
extern void route_notify(struct route *rt);

/* mutex_lock() inside rcu_read_lock(). Flagged with the RCU message. */
void route_update_gw(struct route_table *tbl, u32 gw)
{
	struct route *rt;

	rcu_read_lock();
	rt = rcu_dereference(tbl->def);
	if (rt) {
		mutex_lock(&rt->update_lock);	/* want "mutex_lock\\(\\) may sleep inside an RCU read-side critical section" */
		rt->gw = gw;
		mutex_unlock(&rt->update_lock);
	}
	rcu_read_unlock();
}

/* Waiting for a grace period from inside a read-side section: deadlock. Flagged with the RCU message. */
void route_replace(struct route_table *tbl, struct route *new)
{
	struct route *old;

	rcu_read_lock();
	old = rcu_dereference(tbl->def);
	rcu_assign_pointer(tbl->def, new);
	synchronize_rcu();	/* want "synchronize_rcu\\(\\) may sleep inside an RCU read-side critical section" */
	rcu_read_unlock();
	kfree(old);
}

/* Swap under the table lock, wait for readers after dropping it. Not flagged. */
void route_replace_fixed(struct route_table *tbl, struct route *new)
{
	struct route *old;

	spin_lock(&tbl->lock);
	old = rcu_dereference_protected(tbl->def, lockdep_is_held(&tbl->lock));
	rcu_assign_pointer(tbl->def, new);
	tbl->gen++;
	spin_unlock(&tbl->lock);
	synchronize_rcu();
	kfree(old);
}

/* GFP_ATOMIC allocation inside the read-side section. Not flagged. */
struct route *route_clone(struct route_table *tbl)
{
	struct route *rt, *copy = NULL;

	rcu_read_lock();
	rt = rcu_dereference(tbl->def);
	if (rt) {
		copy = kmalloc(sizeof(*copy), GFP_ATOMIC);
		if (copy)
			*copy = *rt;
	}
	rcu_read_unlock();
	return copy;
}

/* GFP_KERNEL inside the read-side section. Flagged with the RCU message. */
struct route *route_clone_sleepy(struct route_table *tbl)
{
	struct route *rt, *copy = NULL;

	rcu_read_lock();
	rt = rcu_dereference(tbl->def);
	if (rt) {
		copy = kmalloc(sizeof(*copy), GFP_KERNEL);	/* want "kmalloc\\(\\) may sleep inside an RCU read-side critical section" */
		if (copy)
			*copy = *rt;
	}
	rcu_read_unlock();
	return copy;
}

/* A spinlock inside the read-side section: atomic, so the plain message. Flagged. */
void route_wait_flush(struct route_table *tbl)
{
	struct route *rt;

	rcu_read_lock();
	rt = rcu_dereference(tbl->def);
	if (rt) {
		spin_lock(&tbl->lock);
		wait_for_completion(&rt->flushed);	/* want "wait_for_completion\\(\\) may sleep in atomic context" */
		spin_unlock(&tbl->lock);
	}
	rcu_read_unlock();
}

/* Sleeping after rcu_read_unlock(). Not flagged. */
void route_notify_default(struct route_table *tbl)
{
	struct route *rt;
	u32 dst = 0;

	rcu_read_lock();
	rt = rcu_dereference(tbl->def);
	if (rt)
		dst = rt->dst;
	rcu_read_unlock();
	if (dst)
		msleep(1);
}

/* An allocation inside a kernel_fpu_begin() section: preemption is off. Flagged. */
int route_hash_all(struct route *rts, int n, u8 **digests)
{
	int i;

	kernel_fpu_begin();
	for (i = 0; i < n; i++) {
		digests[i] = kmalloc(32, GFP_KERNEL);	/* want "kmalloc\\(\\) may sleep in atomic context" */
		if (digests[i])
			route_hash_simd(rts[i].key, digests[i]);
	}
	kernel_fpu_end();
	return 0;
}

/* Buffers allocated before the section. Not flagged. */
int route_hash_one(struct route *rt, u8 **digest)
{
	*digest = kmalloc(32, GFP_KERNEL);
	if (!*digest)
		return -ENOMEM;
	kernel_fpu_begin();
	route_hash_simd(rt->key, *digest);
	kernel_fpu_end();
	return 0;
}

/*
 * Static helper, every caller below holds tbl->lock: its entry is atomic.
 * Flagged at each caller's call, where the lock is taken: the path goes
 * down to kzalloc().
 */
static struct route *route_new_locked(struct route_table *tbl, u32 dst)
{
	struct route *rt = kzalloc(sizeof(*rt), GFP_KERNEL);

	if (rt) {
		rt->dst = dst;
		tbl->gen++;
	}
	return rt;
}

/* First caller of route_new_locked(), under the lock. Flagged. */
struct route *route_add(struct route_table *tbl, u32 dst)
{
	struct route *rt;

	spin_lock(&tbl->lock);
	rt = route_new_locked(tbl, dst);	/* want "route_new_locked\\(\\) may sleep in atomic context \\(it calls kzalloc\\(\\)\\)" */
	spin_unlock(&tbl->lock);
	return rt;
}

/* Second caller of route_new_locked(), under the lock with interrupts off. Flagged. */
struct route *route_add_irq(struct route_table *tbl, u32 dst)
{
	unsigned long flags;
	struct route *rt;

	spin_lock_irqsave(&tbl->lock, flags);
	rt = route_new_locked(tbl, dst);	/* want "route_new_locked\\(\\) may sleep in atomic context" */
	spin_unlock_irqrestore(&tbl->lock, flags);
	return rt;
}

/* The caller asserts preemption is disabled: sleeping here is a bug. Flagged. */
void route_settle_atomic(struct route *rt)
{
	lockdep_assert_preemption_disabled();
	route_notify(rt);
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
}

/* Busy-waits instead under the same assertion. Not flagged. */
void route_settle_atomic_busy(struct route *rt)
{
	lockdep_assert_preemption_disabled();
	route_notify(rt);
	mdelay(1);
}
