/*
 * The oops path in the shape of lib/bust_spinlocks.c and
 * arch/x86/kernel/dumpstack.c: oops_end() calls bust_spinlocks(0) with
 * interrupts off, which unblanks the console while oops_in_progress,
 * raised by oops_begin()'s bust_spinlocks(1), is still set; then
 * console_unblank() only trylocks the console (kapi: AnyContext). A
 * caller of console_unblank() itself in atomic context gets no such
 * pass: with no oops in progress it takes the console lock.
 */
#include <linux/irqflags.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

int oops_in_progress;
static DEFINE_SPINLOCK(blank_lock_demo);
static DEFINE_MUTEX(console_mutex_demo);

void console_unblank(void)
{
	if (oops_in_progress)
		return;
	mutex_lock(&console_mutex_demo);
	mutex_unlock(&console_mutex_demo);
}

void bust_spinlocks(int yes)
{
	if (yes) {
		++oops_in_progress;
	} else {
		console_unblank();
		--oops_in_progress;
	}
}

static unsigned long oops_begin_demo(void)
{
	unsigned long flags;

	raw_local_irq_save(flags);
	bust_spinlocks(1);
	return flags;
}

static void oops_end_demo(unsigned long flags)
{
	bust_spinlocks(0);
	raw_local_irq_restore(flags);
}

static DEFINE_RAW_SPINLOCK(die_lock_demo);

/*
 * Not flagged: the oops path. (A spinlock_t here would be: oops_begin()
 * returns with interrupts disabled on PREEMPT_RT too.)
 */
void die_demo(void)
{
	unsigned long flags = oops_begin_demo();

	raw_spin_lock(&die_lock_demo);
	oops_end_demo(flags);
	raw_spin_unlock(&die_lock_demo);
}

/* Flagged: an unblank under a spinlock and no oops in progress. */
void blank_timer_demo(void)
{
	spin_lock(&blank_lock_demo);
	console_unblank();	/* want "console_unblank\\(\\) may sleep in atomic context" */
	spin_unlock(&blank_lock_demo);
}
