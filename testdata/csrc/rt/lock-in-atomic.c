/*
 * PREEMPT_RT turns spinlock_t, rwlock_t and local_lock into sleeping
 * locks (Documentation/locking/locktypes.rst): they must not be taken
 * where the context is atomic on every kernel.
 */
#include <linux/interrupt.h>
#include <linux/local_lock.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/bit_spinlock.h>
#include <linux/cleanup.h>

struct foo {
	spinlock_t lock;
	int count;
	unsigned long flags;
};

static DEFINE_RAW_SPINLOCK(raw_lock);
static DEFINE_SPINLOCK(plain_lock);
static DEFINE_RWLOCK(table_lock);
static DEFINE_PER_CPU(struct foo, var1);
static DEFINE_PER_CPU(int, var2);
static DEFINE_PER_CPU(local_lock_t, stock_lock) = INIT_LOCAL_LOCK(stock_lock);
static int shared;

/* A spinlock_t inside a raw spinlock: flagged. */
void raw_then_plain(void)
{
	raw_spin_lock(&raw_lock);
	spin_lock(&plain_lock);	/* want "spin_lock\\(\\) takes \"plain_lock\", a sleeping lock on PREEMPT_RT, where the context is atomic on every kernel" */
	shared++;
	spin_unlock(&plain_lock);
	raw_spin_unlock(&raw_lock);
}

/* A raw spinlock inside a spinlock_t: fine on both kernels. */
void plain_then_raw(void)
{
	spin_lock(&plain_lock);
	raw_spin_lock(&raw_lock);
	shared++;
	raw_spin_unlock(&raw_lock);
	spin_unlock(&plain_lock);
}

/* Interrupts disabled apart from the lock: flagged. */
void irq_off_then_lock(void)
{
	local_irq_disable();
	spin_lock(&plain_lock);	/* want "a sleeping lock on PREEMPT_RT" */
	shared++;
	spin_unlock(&plain_lock);
	local_irq_enable();
}

/* The same with spin_lock_irq(): fine. */
void lock_irq(void)
{
	spin_lock_irq(&plain_lock);
	shared++;
	spin_unlock_irq(&plain_lock);
}

/* local_irq_save() and a reader of an rwlock_t: flagged. */
int irqsave_then_read_lock(void)
{
	unsigned long flags;
	int v;

	local_irq_save(flags);
	read_lock(&table_lock);	/* want "read_lock\\(\\) takes \"table_lock\", a sleeping lock on PREEMPT_RT" */
	v = shared;
	read_unlock(&table_lock);
	local_irq_restore(flags);
	return v;
}

/* locktypes.rst: get_cpu_ptr() disables preemption. Flagged. */
void foo_count_get_cpu_ptr(void)
{
	struct foo *p = get_cpu_ptr(&var1);

	spin_lock(&p->lock);	/* want "spin_lock\\(\\) takes \"p->lock\", a sleeping lock on PREEMPT_RT" */
	p->count += this_cpu_read(var2);
	spin_unlock(&p->lock);
	put_cpu_ptr(&var1);
}

/* locktypes.rst's substitution: migrate_disable() pins the task. Fine. */
void foo_count_migrate_disable(void)
{
	struct foo *p;

	migrate_disable();
	p = this_cpu_ptr(&var1);
	spin_lock(&p->lock);
	p->count += this_cpu_read(var2);
	spin_unlock(&p->lock);
	migrate_enable();
}

/* preempt_disable() and a local_lock: flagged. */
void preempt_then_local_lock(void)
{
	preempt_disable();
	local_lock(&stock_lock);	/* want "local_lock\\(\\) takes \"stock_lock\", a sleeping lock on PREEMPT_RT" */
	this_cpu_inc(var2);
	local_unlock(&stock_lock);
	preempt_enable();
}

/* After preempt_enable() the context is preemptible again: fine. */
void preempt_ended(void)
{
	preempt_disable();
	this_cpu_inc(var2);
	preempt_enable();
	spin_lock(&plain_lock);
	shared++;
	spin_unlock(&plain_lock);
}

/* Bit spinlocks stay spinning on PREEMPT_RT: flagged under one. */
void bit_lock_then_plain(struct foo *f)
{
	bit_spin_lock(0, &f->flags);
	spin_lock(&f->lock);	/* want "spin_lock\\(\\) takes \"f->lock\", a sleeping lock on PREEMPT_RT" */
	f->count++;
	spin_unlock(&f->lock);
	bit_spin_unlock(0, &f->flags);
}

/* Scope guards: guard(raw_spinlock) then guard(spinlock). Flagged. */
void guards(void)
{
	guard(raw_spinlock)(&raw_lock);
	guard(spinlock)(&plain_lock);	/* want "guard\\(spinlock\\) takes its lock, a sleeping lock on PREEMPT_RT" */
	shared++;
}

/*
 * Through callers: every caller holds the raw lock, so the helper's
 * spin_lock() is taken where the context is atomic on every kernel.
 * Reported at each call, with the path down to the lock.
 */
static void account_locked(struct foo *f)
{
	spin_lock(&f->lock);
	f->count++;
	spin_unlock(&f->lock);
}

void account_a(struct foo *f)
{
	raw_spin_lock(&raw_lock);
	account_locked(f);	/* want "account_locked\\(\\) takes a lock that sleeps on PREEMPT_RT \\(it calls spin_lock\\(\\)\\) where the context is atomic on every kernel" */
	raw_spin_unlock(&raw_lock);
}

void account_b(struct foo *f)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&raw_lock, flags);
	account_locked(f);	/* want "account_locked\\(\\) takes a lock that sleeps on PREEMPT_RT" */
	raw_spin_unlock_irqrestore(&raw_lock, flags);
}

/*
 * A helper two calls down, called preemptible elsewhere: only the call
 * under the raw lock is flagged.
 */
static void stats_update(struct foo *f)
{
	read_lock(&table_lock);
	f->count = shared;
	read_unlock(&table_lock);
}

static void stats_refresh(struct foo *f)
{
	stats_update(f);
}

void stats_poll(struct foo *f)
{
	stats_refresh(f);
}

void stats_poll_locked(struct foo *f)
{
	raw_spin_lock(&raw_lock);
	stats_refresh(f);	/* want "stats_refresh\\(\\) takes a lock that sleeps on PREEMPT_RT \\(read_lock\\(\\) is 3 calls down\\)" */
	raw_spin_unlock(&raw_lock);
}

/* A helper that drops the caller's raw lock first: fine. */
static void relock_plain(struct foo *f)
{
	raw_spin_unlock(&raw_lock);
	spin_lock(&f->lock);
	f->count++;
	spin_unlock(&f->lock);
	raw_spin_lock(&raw_lock);
}

void relock_caller(struct foo *f)
{
	raw_spin_lock(&raw_lock);
	relock_plain(f);
	raw_spin_unlock(&raw_lock);
}

/* Every caller holds a spinlock_t only: fine on both kernels. */
static void account_plain(struct foo *f)
{
	spin_lock(&f->lock);
	f->count++;
	spin_unlock(&f->lock);
}

void account_c(struct foo *f)
{
	spin_lock(&plain_lock);
	account_plain(f);
	spin_unlock(&plain_lock);
}

/*
 * Interrupt handlers: forced threading runs a handler requested without
 * IRQF_NO_THREAD in a thread on PREEMPT_RT, where a spinlock_t is fine;
 * one requested with it stays in hard interrupt context. Flagged there.
 */
static irqreturn_t dev_irq_hard(int irq, void *data)
{
	struct foo *f = data;

	spin_lock(&f->lock);	/* want "spin_lock\\(\\) takes \"f->lock\", a sleeping lock on PREEMPT_RT" */
	f->count++;
	spin_unlock(&f->lock);
	return IRQ_HANDLED;
}

static irqreturn_t dev_irq_threaded(int irq, void *data)
{
	struct foo *f = data;

	spin_lock(&f->lock);
	f->count++;
	spin_unlock(&f->lock);
	return IRQ_HANDLED;
}

int dev_setup(struct foo *f, int irq_a, int irq_b)
{
	int err = request_irq(irq_a, dev_irq_hard, IRQF_NO_THREAD, "dev-hard", f);

	if (err)
		return err;
	return request_irq(irq_b, dev_irq_threaded, IRQF_SHARED, "dev", f);
}
