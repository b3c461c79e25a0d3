/*
 * A release helper that releases its caller's lock on some of its ways
 * out only is still one for its callers: kernel/printk/printk.c
 * console_unlock() releases console_sem through __console_unlock() on
 * one branch, and on the other flushes in a loop that may hand the lock
 * over to a waiter without an up() the analysis sees. Callers that pair
 * console_lock() with console_unlock() (drivers/tty/vt/vt_ioctl.c) hold
 * nothing after it. The release goes no further up than the helper's
 * callers: see callee-release-some-paths.c.
 */
#include <linux/semaphore.h>
#include <linux/types.h>
#include <linux/errno.h>

static struct semaphore console_sem_demo;

void console_lock_demo(void)
{
	down(&console_sem_demo);
}

static void __console_unlock_demo(void)
{
	up(&console_sem_demo);
}

bool flush_all_demo(bool *handover);

static void console_flush_and_unlock_demo(void)
{
	bool handover;

	do {
		if (!flush_all_demo(&handover))
			break;
		if (handover)
			return;	/* the waiter owns the lock now */
		__console_unlock_demo();
	} while (down_trylock(&console_sem_demo) == 0);
}

int legacy_direct_demo;

void console_unlock_demo(void)
{
	if (legacy_direct_demo)
		console_flush_and_unlock_demo();
	else
		__console_unlock_demo();
}

int set_mode_demo(int mode);

/* Not flagged: console_unlock_demo() releases what console_lock_demo() took. */
int kd_ioctl_demo(int perm, int mode)
{
	int ret;

	if (!perm)
		return -EPERM;
	console_lock_demo();
	ret = set_mode_demo(mode);
	console_unlock_demo();
	return ret;
}
