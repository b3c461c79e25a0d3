/*
 * Code that PREEMPT_RT kernels compile differently (#ifndef
 * CONFIG_PREEMPT_RT) is read as the .config chose. A finding that holds on
 * PREEMPT_RT only and rests on such code is not made from a .config
 * without PREEMPT_RT: what PREEMPT_RT compiles there instead was not read.
 * Cut down from mm/slub.c, whose fast paths differ on the two kinds.
 */
#include <linux/local_lock.h>
#include <linux/lockdep.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#ifndef CONFIG_PREEMPT_RT
#define slub_get_cpu_ptr(var)		get_cpu_ptr(var)
#define slub_put_cpu_ptr(var)		put_cpu_ptr(var)
#define USE_LOCKLESS_FAST_PATH()	(true)
#else
#define slub_get_cpu_ptr(var)		\
({					\
	migrate_disable();		\
	this_cpu_ptr(var);		\
})
#define slub_put_cpu_ptr(var)		\
do {					\
	(void)(var);			\
	migrate_enable();		\
} while (0)
#define USE_LOCKLESS_FAST_PATH()	(false)
#endif

struct kmem_cache_cpu {
	void *freelist;
	local_lock_t lock;
};

struct kmem_cache {
	struct kmem_cache_cpu __percpu *cpu_slab;
	spinlock_t list_lock;
	int nr;
};

static DEFINE_RAW_SPINLOCK(raw_lock);
static DEFINE_SPINLOCK(plain_lock);
static int shared;

void *___slab_alloc(struct kmem_cache *s, struct kmem_cache_cpu *c);

/* slab_alloc_node(): on PREEMPT_RT slub_get_cpu_ptr() only disables
 * migration, so the local lock is fine there. */
void *slab_alloc_slow(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *p;

	c = slub_get_cpu_ptr(s->cpu_slab);
	local_lock_irqsave(&s->cpu_slab->lock, flags);
	p = c->freelist;
	local_unlock_irqrestore(&s->cpu_slab->lock, flags);
	slub_put_cpu_ptr(s->cpu_slab);
	return p;
}

/* The same written with get_cpu_ptr(): atomic on every kernel. Flagged. */
void *slab_alloc_pinned(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *p;

	c = get_cpu_ptr(s->cpu_slab);
	local_lock_irqsave(&s->cpu_slab->lock, flags);	/* want "local_lock_irqsave\\(\\) takes .*, a sleeping lock on PREEMPT_RT, where the context is atomic on every kernel" */
	p = c->freelist;
	local_unlock_irqrestore(&s->cpu_slab->lock, flags);
	put_cpu_ptr(s->cpu_slab);
	return p;
}

/* What holds on every kernel is still reported from variant code. */
void *slab_alloc_sleeps(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c;
	void *p;

	c = slub_get_cpu_ptr(s->cpu_slab);
	p = kmalloc(64, GFP_KERNEL);	/* want "kmalloc\\(\\) may sleep in atomic context" */
	c->freelist = p;
	slub_put_cpu_ptr(s->cpu_slab);
	return p;
}

/* __slab_update_freelist(): the assertion is made on kernels without
 * PREEMPT_RT only, where local_lock_irqsave() disables interrupts. */
void update_freelist(struct kmem_cache *s)
{
	unsigned long flags;

	local_lock_irqsave(&s->cpu_slab->lock, flags);
	if (USE_LOCKLESS_FAST_PATH())
		lockdep_assert_irqs_disabled();
	s->nr++;
	local_unlock_irqrestore(&s->cpu_slab->lock, flags);
}

/* Without the branch: flagged. */
void update_freelist_always(struct kmem_cache *s)
{
	unsigned long flags;

	local_lock_irqsave(&s->cpu_slab->lock, flags);
	lockdep_assert_irqs_disabled();	/* want "lockdep_assert_irqs_disabled\\(\\) asserts that interrupts are disabled, but on PREEMPT_RT interrupts are enabled here" */
	s->nr++;
	local_unlock_irqrestore(&s->cpu_slab->lock, flags);
}

/* Interrupts disabled by hand on kernels without PREEMPT_RT only. */
void count_fast(void)
{
	unsigned long flags;

#ifndef CONFIG_PREEMPT_RT
	local_irq_save(flags);
#endif
	spin_lock(&plain_lock);
	shared++;
	spin_unlock(&plain_lock);
#ifndef CONFIG_PREEMPT_RT
	local_irq_restore(flags);
#endif
}

/* Through a callee: the context is atomic only where slub_get_cpu_ptr()
 * disables preemption. */
static noinline void take_list_lock(struct kmem_cache *s)
{
	spin_lock(&s->list_lock);
	s->nr++;
	spin_unlock(&s->list_lock);
}

void flush_slab(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c;

	c = slub_get_cpu_ptr(s->cpu_slab);
	take_list_lock(s);
	c->freelist = NULL;
	slub_put_cpu_ptr(s->cpu_slab);
}

/* A lock that only kernels without PREEMPT_RT take here. */
static noinline void maybe_lock(void)
{
#ifndef CONFIG_PREEMPT_RT
	spin_lock(&plain_lock);
	shared++;
	spin_unlock(&plain_lock);
#endif
}

void under_raw(void)
{
	raw_spin_lock(&raw_lock);
	maybe_lock();
	raw_spin_unlock(&raw_lock);
}

/*
 * fs/nfs/nfs4proc.c nfs4_setup_readdir(): kmap_atomic() disables
 * preemption where PREEMPT_RT is not set and only migration on PREEMPT_RT
 * (include/linux/highmem-internal.h), so the spinning lock taken inside
 * its section is one PREEMPT_RT may sleep on, where that is allowed. A
 * helper whose atomic context on PREEMPT_RT comes from variant code is
 * read as variant code at its calls.
 */
static inline void *map_atomic_demo(void *page)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		migrate_disable();
	else
		preempt_disable();
	pagefault_disable();
	return page;
}

static inline void unmap_atomic_demo(void *addr)
{
	pagefault_enable();
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		migrate_enable();
	else
		preempt_enable();
}

void setup_readdir_demo(void *page)
{
	int *p = map_atomic_demo(page);

	spin_lock(&plain_lock);
	*p = shared;
	spin_unlock(&plain_lock);
	unmap_atomic_demo(p);
}
