/*
 * sleep-in-atomic: memory allocation in atomic context. kmalloc() and
 * friends sleep when their gfp mask allows direct reclaim (GFP_KERNEL,
 * GFP_NOFS, GFP_NOIO, GFP_USER, GFP_KERNEL_ACCOUNT, GFP_HIGHUSER), never
 * with GFP_ATOMIC or GFP_NOWAIT. vmalloc(), vzalloc(), kvmalloc() and
 * vfree() may always sleep; kfree() and kvfree() do not. A gfp mask in a
 * local variable is reclaiming when some assignment in the function gives
 * it a reclaiming value; a mask received as a parameter is unknown and not
 * reported.
 */
#include <linux/spinlock.h>
#include <linux/local_lock.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/errno.h>
#include <linux/types.h>

struct nf_entry {
	struct list_head node;
	u32 key;
	char *name;
	void *data;
};

struct nf_table {
	spinlock_t lock;
	rwlock_t rwlock;
	struct list_head entries;
	struct kmem_cache *cache;
	void *big;
	unsigned int nr;
};

struct nf_pcp_pool {
	local_lock_t lock;
	struct page *spare;
};

DEFINE_PER_CPU(struct nf_pcp_pool, nf_pool) = {
	.lock = INIT_LOCAL_LOCK(lock),
};

/* GFP_KERNEL allocation under the table spinlock. Flagged. */
int nf_add(struct nf_table *t, u32 key)
{
	struct nf_entry *e;

	spin_lock(&t->lock);
	e = kmalloc(sizeof(*e), GFP_KERNEL);	/* want "kmalloc\\(\\) may sleep in atomic context" */
	if (!e) {
		spin_unlock(&t->lock);
		return -ENOMEM;
	}
	e->key = key;
	list_add(&e->node, &t->entries);
	t->nr++;
	spin_unlock(&t->lock);
	return 0;
}

/* GFP_ATOMIC under the spinlock. Not flagged. */
int nf_add_atomic(struct nf_table *t, u32 key)
{
	struct nf_entry *e;

	spin_lock(&t->lock);
	e = kzalloc(sizeof(*e), GFP_ATOMIC);
	if (!e) {
		spin_unlock(&t->lock);
		return -ENOMEM;
	}
	e->key = key;
	list_add(&e->node, &t->entries);
	t->nr++;
	spin_unlock(&t->lock);
	return 0;
}

/* Allocated with GFP_KERNEL before taking the lock, and after releasing it. Not flagged. */
int nf_add_prealloc(struct nf_table *t, u32 key, const char *name)
{
	struct nf_entry *e = kzalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return -ENOMEM;
	e->key = key;
	spin_lock(&t->lock);
	list_add(&e->node, &t->entries);
	t->nr++;
	spin_unlock(&t->lock);
	e->name = kstrdup(name, GFP_KERNEL);
	return e->name ? 0 : -ENOMEM;
}

/* kstrdup(GFP_KERNEL) under the write lock. Flagged. */
int nf_rename(struct nf_table *t, struct nf_entry *e, const char *name)
{
	char *old;

	write_lock(&t->rwlock);
	old = e->name;
	e->name = kstrdup(name, GFP_KERNEL);	/* want "kstrdup\\(\\) may sleep in atomic context" */
	write_unlock(&t->rwlock);
	kfree(old);
	return e->name ? 0 : -ENOMEM;
}

/* A mask with extra modifier bits still contains GFP_KERNEL. Flagged. */
void *nf_alloc_data(struct nf_table *t, size_t len)
{
	void *p;

	spin_lock_bh(&t->lock);
	p = kcalloc(len, sizeof(u64), GFP_KERNEL | __GFP_NOWARN);	/* want "kcalloc\\(\\) may sleep in atomic context" */
	spin_unlock_bh(&t->lock);
	return p;
}

/* GFP_NOWAIT and GFP_ATOMIC | __GFP_NOWARN never reclaim directly. Not flagged. */
void *nf_alloc_data_nowait(struct nf_table *t, size_t len)
{
	void *p;

	spin_lock_bh(&t->lock);
	p = kmalloc_array(len, sizeof(u64), GFP_NOWAIT);
	if (!p)
		p = kmalloc_array(len, sizeof(u64), GFP_ATOMIC | __GFP_NOWARN);
	spin_unlock_bh(&t->lock);
	return p;
}

/* The mask is chosen at run time; one assignment is reclaiming. Flagged. */
struct nf_entry *nf_entry_alloc(struct nf_table *t, bool atomic)
{
	gfp_t gfp = atomic ? GFP_ATOMIC : GFP_KERNEL;
	struct nf_entry *e;

	spin_lock(&t->lock);
	e = kmem_cache_alloc(t->cache, gfp);	/* want "kmem_cache_alloc\\(\\) may sleep in atomic context" */
	if (e)
		t->nr++;
	spin_unlock(&t->lock);
	return e;
}

/* The mask is only ever GFP_ATOMIC. Not flagged. */
struct nf_entry *nf_entry_alloc_atomic(struct nf_table *t)
{
	gfp_t gfp = GFP_ATOMIC;
	struct nf_entry *e;

	spin_lock(&t->lock);
	e = kmem_cache_alloc(t->cache, gfp);
	if (e)
		t->nr++;
	spin_unlock(&t->lock);
	return e;
}

/* Upgraded to GFP_KERNEL on one path. Flagged. */
void *nf_grow(struct nf_table *t, void *old, size_t len, bool may_block)
{
	gfp_t gfp = GFP_NOWAIT;
	void *p;

	if (may_block)
		gfp = GFP_KERNEL;
	spin_lock(&t->lock);
	p = krealloc(old, len, gfp);	/* want "krealloc\\(\\) may sleep in atomic context" */
	spin_unlock(&t->lock);
	return p;
}

/* The mask comes from the caller: unknown here. Not flagged. */
struct nf_entry *nf_entry_alloc_gfp(struct nf_table *t, gfp_t gfp)
{
	struct nf_entry *e;

	spin_lock(&t->lock);
	e = kmem_cache_alloc(t->cache, gfp);
	if (e)
		t->nr++;
	spin_unlock(&t->lock);
	return e;
}

/* vmalloc() under the lock, vfree() under the lock. Flagged at both. */
int nf_resize_big(struct nf_table *t, unsigned long size)
{
	void *p;

	spin_lock(&t->lock);
	p = vmalloc(size);	/* want "vmalloc\\(\\) may sleep in atomic context" */
	if (!p) {
		spin_unlock(&t->lock);
		return -ENOMEM;
	}
	vfree(t->big);	/* want "vfree\\(\\) may sleep in atomic context" */
	t->big = p;
	spin_unlock(&t->lock);
	return 0;
}

/* Swap under the lock, allocate before and free after it; kvfree() under the lock is fine. Not flagged. */
int nf_resize_big_fixed(struct nf_table *t, unsigned long size, void *stale)
{
	void *p = vzalloc(size);
	void *old;

	if (!p)
		return -ENOMEM;
	spin_lock(&t->lock);
	old = t->big;
	t->big = p;
	kvfree(stale);
	spin_unlock(&t->lock);
	vfree(old);
	return 0;
}

/* kvmalloc() with preemption disabled. Flagged. */
void *nf_scratch(size_t len)
{
	void *p;

	preempt_disable();
	p = kvmalloc(len, GFP_KERNEL);	/* want "kvmalloc\\(\\) may sleep in atomic context" */
	preempt_enable();
	return p;
}

/* Refilling the per-CPU spare page under the local_lock with GFP_KERNEL. Flagged. */
void nf_pool_refill(void)
{
	struct nf_pcp_pool *pool;

	local_lock(&nf_pool.lock);
	pool = this_cpu_ptr(&nf_pool);
	if (!pool->spare)
		pool->spare = alloc_pages(GFP_KERNEL, 0);	/* want "alloc_pages\\(\\) may sleep in atomic context" */
	local_unlock(&nf_pool.lock);
}

/* The same refill with GFP_ATOMIC. Not flagged. */
void nf_pool_refill_atomic(void)
{
	struct nf_pcp_pool *pool;

	local_lock(&nf_pool.lock);
	pool = this_cpu_ptr(&nf_pool);
	if (!pool->spare)
		pool->spare = alloc_pages(GFP_ATOMIC, 0);
	local_unlock(&nf_pool.lock);
}

/* GFP_NOFS and GFP_NOIO still reclaim directly. Flagged at both. */
unsigned long nf_alloc_io_bufs(struct nf_table *t, void **meta)
{
	unsigned long page;

	spin_lock(&t->lock);
	*meta = kmalloc(64, GFP_NOFS);	/* want "kmalloc\\(\\) may sleep in atomic context" */
	page = __get_free_pages(GFP_NOIO, 1);	/* want "__get_free_pages\\(\\) may sleep in atomic context" */
	spin_unlock(&t->lock);
	return page;
}

/* GFP_KERNEL_ACCOUNT under spin_lock_irq(), which holds a spinning lock besides disabling interrupts. Flagged. */
void *nf_alloc_accounted(struct nf_table *t, size_t len)
{
	void *p;

	spin_lock_irq(&t->lock);
	p = kzalloc(len, GFP_KERNEL_ACCOUNT);	/* want "kzalloc\\(\\) may sleep in atomic context" */
	spin_unlock_irq(&t->lock);
	return p;
}

/*
 * kvfree_call_rcu() (what kfree_rcu() expands to) waits for a grace
 * period only without an rcu_head: kfree_rcu_mightsleep(ptr).
 */
struct rcu_head;
void kvfree_call_rcu(struct rcu_head *head, void *ptr);

struct nf_rcu_entry {
	int key;
	unsigned long rcu[2];
};

void nf_table_free_rcu(struct nf_table *t, struct nf_rcu_entry *e)
{
	spin_lock(&t->lock);
	kvfree_call_rcu((struct rcu_head *)&e->rcu, e);
	kvfree_call_rcu(NULL, e);	/* want "kvfree_call_rcu\\(\\) may sleep in atomic context" */
	spin_unlock(&t->lock);
}

/*
 * The kernel's kfree_rcu(ptr, rhf) (include/linux/rcupdate.h,
 * kvfree_rcu_arg_2) copies the pointer to a local first: the address of
 * its member is still an rcu_head (net/ipv4/route.c, ip_del_fnhe()).
 */
#define nf_kfree_rcu(ptr, rhf)						\
do {									\
	typeof(ptr) ___p = (ptr);					\
									\
	if (___p)							\
		kvfree_call_rcu(&((___p)->rhf), (void *)(___p));	\
} while (0)

void nf_table_del_rcu(struct nf_table *t, struct nf_rcu_entry *e)
{
	spin_lock(&t->lock);
	nf_kfree_rcu(e, rcu);
	spin_unlock(&t->lock);
}
