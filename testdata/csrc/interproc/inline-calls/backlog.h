/*
 * Header helpers, inlined into their callers: the calls they make are
 * the callers' calls (as sk_backlog_rcv() calls tcp_v4_do_rcv() for
 * __release_sock()).
 */
#include <linux/preempt.h>

struct conn;
int conn_do_rcv(struct conn *c, int len);
int conn_do_rcv_fast(struct conn *c, int len);

static inline int conn_backlog_rcv(struct conn *c, int len)
{
	return conn_do_rcv(c, len);
}

/* The helper protects the call itself. */
static inline int conn_backlog_rcv_fast(struct conn *c, int len)
{
	int ret;

	preempt_disable();
	ret = conn_do_rcv_fast(c, len);
	preempt_enable();
	return ret;
}

/* A hook that calls the function it is given (NF_HOOK()'s okfn). */
static inline int conn_hook(struct conn *c, int (*okfn)(struct conn *c))
{
	return okfn(c);
}
