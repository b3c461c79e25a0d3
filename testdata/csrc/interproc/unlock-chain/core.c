/*
 * interproc: a global lock taken by one file's function and released by
 * another file's function through a third (rtnl_lock() in
 * net/core/rtnetlink.c; rtnl_unlock() calls netdev_run_todo() in
 * net/core/dev.c, which calls __rtnl_unlock()). Each file is summarised
 * on its own; the program completes the chain.
 */
#include <linux/mutex.h>

DEFINE_MUTEX(big_mutex);

void big_lock(void)
{
	mutex_lock(&big_mutex);
}

int big_trylock(void)
{
	return mutex_trylock(&big_mutex);
}

void __big_unlock(void)
{
	mutex_unlock(&big_mutex);
}

void run_todo(void);

void big_unlock(void)
{
	/* run_todo() unlocks for us. */
	run_todo();
}
