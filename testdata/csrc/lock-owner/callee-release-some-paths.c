/*
 * A callee that releases a lock on some of its paths only, through a
 * release helper it calls, does not release it for its callers. In the
 * defconfig tree such a release sat deep under printk() (a console
 * driver's error path calling a lock helper's unlock), spread to every
 * caller of every caller, and made kernel/trace/trace_output.c's
 * unregister_trace_event() "release trace_event_sem already" at its
 * up_write(). The helper that releases on every path is still one (a function
 * that writes the release itself on some path only is one too:
 * err-ptr-helpers.c).
 */
#include <linux/rwsem.h>

static DECLARE_RWSEM(event_sem_demo);

/* A release helper: releases on every path. */
void event_read_unlock_demo(void)
{
	up_read(&event_sem_demo);
}

/* Calls the helper on an error path only. */
static int flush_demo(int err)
{
	if (err)
		event_read_unlock_demo();
	return err;
}

static void free_type_demo(int type)
{
	flush_demo(type);
}

/* Not flagged: free_type_demo() does not release event_sem_demo. */
int unregister_event_demo(int type)
{
	down_write(&event_sem_demo);
	free_type_demo(type);
	up_write(&event_sem_demo);
	return 0;
}

/* Flagged: the helper releases on every path. */
int unregister_twice_demo(void)
{
	down_read(&event_sem_demo);
	event_read_unlock_demo();
	up_read(&event_sem_demo);	/* want `releases "event_sem_demo", which this function already released` */
	return 0;
}
