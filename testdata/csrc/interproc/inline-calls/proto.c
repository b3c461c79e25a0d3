/*
 * interproc: a function that only header helpers call. It is entered as
 * the helpers' callers call the helpers.
 */
#include <linux/percpu.h>
#include <linux/bottom_half.h>
#include "backlog.h"

DEFINE_PER_CPU(unsigned long, conn_rx);
DEFINE_PER_CPU(unsigned long, conn_rx_fast);

/*
 * Called from the softirq path with bottom halves off, and through
 * conn_backlog_rcv() by conn_release() (conn.c) preemptible. Flagged.
 */
int conn_do_rcv(struct conn *c, int len)
{
	__this_cpu_add(conn_rx, len);	/* want "__this_cpu_add\\(\\) used in preemptible code" */
	return 0;
}

/* Called only through conn_backlog_rcv_fast(), which disables preemption around it. Not flagged. */
int conn_do_rcv_fast(struct conn *c, int len)
{
	__this_cpu_add(conn_rx_fast, len);
	return 0;
}

void conn_softirq_rcv(struct conn *c)
{
	local_bh_disable();
	conn_do_rcv(c, 1);
	local_bh_enable();
}

DEFINE_PER_CPU(unsigned long, conn_processed);

/* Called by conn_flush() (conn.c) after it rescheduled. Flagged. */
void conn_process(struct conn *c)
{
	__this_cpu_inc(conn_processed);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
}

DEFINE_PER_CPU(unsigned long, conn_slow);

/*
 * Preemptible callers (conn_release_child() in conn.c) pass child = true
 * and return before the statistics; the softirq caller passes false. Not
 * flagged.
 */
int conn_check(struct conn *c, bool child)
{
	if (child)
		return 1;
	__this_cpu_inc(conn_slow);
	return 0;
}

/* A preemptible caller passes a value not known. Flagged. */
int conn_check_any(struct conn *c, bool child)
{
	if (child)
		return 1;
	__this_cpu_inc(conn_slow);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	return 0;
}

void conn_softirq_check(struct conn *c)
{
	local_bh_disable();
	conn_check(c, false);
	conn_check_any(c, false);
	local_bh_enable();
}

DEFINE_PER_CPU(unsigned long, conn_finished);

/* Passed to conn_hook() by conn_output() (conn.c), which runs preemptible. Flagged. */
int conn_finish(struct conn *c)
{
	__this_cpu_inc(conn_finished);	/* want "__this_cpu_inc\\(\\) used in preemptible code" */
	return 0;
}
