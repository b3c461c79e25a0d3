/*
 * local_lock_irq*() and spin_lock_irq*() leave interrupts enabled on
 * PREEMPT_RT (locktypes.rst, "local_lock on RT"): what needs them
 * disabled must disable them itself.
 */
#include <linux/local_lock.h>
#include <linux/lockdep.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>

struct stock {
	local_lock_t llock;
	int nr;
};

static DEFINE_PER_CPU(struct stock, stock) = { .llock = INIT_LOCAL_LOCK(llock) };
static DEFINE_PER_CPU(local_lock_t, local_lock_1) = INIT_LOCAL_LOCK(local_lock_1);
static DEFINE_PER_CPU(local_lock_t, local_lock_2) = INIT_LOCAL_LOCK(local_lock_2);
static DEFINE_RAW_SPINLOCK(pool_lock);
static DEFINE_SPINLOCK(plain_lock);
static int pool, protected_data;

/* locktypes.rst: local_lock_irq() then raw_spin_lock(). Flagged. */
void drain_raw(void)
{
	local_lock_irq(&stock.llock);
	raw_spin_lock(&pool_lock);	/* want "raw_spin_lock\\(\\) takes \"pool_lock\" without disabling interrupts, but on PREEMPT_RT interrupts are enabled here" */
	pool += this_cpu_read(stock.nr);
	raw_spin_unlock(&pool_lock);
	local_unlock_irq(&stock.llock);
}

/* locktypes.rst: local_lock_irq() then spin_lock() works on both. */
void drain_plain(void)
{
	local_lock_irq(&stock.llock);
	spin_lock(&plain_lock);
	pool += this_cpu_read(stock.nr);
	spin_unlock(&plain_lock);
	local_unlock_irq(&stock.llock);
}

/* The raw lock's own _irq form: fine. */
void drain_raw_irq(void)
{
	raw_spin_lock_irq(&pool_lock);
	pool++;
	raw_spin_unlock_irq(&pool_lock);
}

/* Interrupts truly disabled: fine. */
void drain_irqs_off(void)
{
	unsigned long flags;

	local_irq_save(flags);
	raw_spin_lock(&pool_lock);
	pool++;
	raw_spin_unlock(&pool_lock);
	local_irq_restore(flags);
}

/* spin_lock_irqsave() leaves interrupts enabled on PREEMPT_RT too. Flagged. */
void nested_under_spin_irqsave(void)
{
	unsigned long flags;

	spin_lock_irqsave(&plain_lock, flags);
	raw_spin_lock(&pool_lock);	/* want "without disabling interrupts, but on PREEMPT_RT interrupts are enabled here" */
	pool++;
	raw_spin_unlock(&pool_lock);
	spin_unlock_irqrestore(&plain_lock, flags);
}

/*
 * locktypes.rst's substitution of local_irq_save() by two local locks:
 * the assertion in func3() fires on PREEMPT_RT. Flagged there, with the
 * caller that leaves interrupts enabled.
 */
static void func3(void)
{
	lockdep_assert_irqs_disabled();	/* want "lockdep_assert_irqs_disabled\\(\\) asserts that interrupts are disabled, but on PREEMPT_RT interrupts are enabled here" */
	protected_data++;
}

void func1(void)
{
	unsigned long flags;

	local_lock_irqsave(&local_lock_1, flags);
	func3();
	local_unlock_irqrestore(&local_lock_1, flags);
}

void func2(void)
{
	unsigned long flags;

	local_lock_irqsave(&local_lock_2, flags);
	func3();
	local_unlock_irqrestore(&local_lock_2, flags);
}

/* The original, with local_irq_save(): fine. */
static void func6(void)
{
	lockdep_assert_irqs_disabled();
	protected_data++;
}

void func4(void)
{
	unsigned long flags;

	local_irq_save(flags);
	func6();
	local_irq_restore(flags);
}

void func5(void)
{
	unsigned long flags;

	local_irq_save(flags);
	func6();
	local_irq_restore(flags);
}
