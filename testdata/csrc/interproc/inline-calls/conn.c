#include "backlog.h"

/* The socket's backlog, processed by the owner in process context. */
void conn_release(struct conn *c)
{
	conn_backlog_rcv(c, 1);
	conn_backlog_rcv_fast(c, 1);
}

#include <linux/spinlock.h>
#include <linux/sched.h>

void conn_process(struct conn *c);
static DEFINE_SPINLOCK(conn_lock);

/*
 * Called with conn_lock held; drops it to process the queue, and
 * reschedules between items: the calls after cond_resched() run
 * preemptible, whatever the caller held.
 */
static void conn_flush(struct conn *c, int n)
	__releases(&conn_lock) __acquires(&conn_lock)
{
	spin_unlock_bh(&conn_lock);
	while (n--) {
		conn_process(c);
		cond_resched();
	}
	spin_lock_bh(&conn_lock);
}

void conn_unlock(struct conn *c)
{
	spin_lock_bh(&conn_lock);
	conn_flush(c, 4);
	spin_unlock_bh(&conn_lock);
}

int conn_check(struct conn *c, bool child);
int conn_check_any(struct conn *c, bool child);

void conn_release_child(struct conn *c, bool child)
{
	conn_check(c, true);
	conn_check_any(c, child);
}

int conn_finish(struct conn *c);

void conn_output(struct conn *c)
{
	conn_hook(c, conn_finish);
}
