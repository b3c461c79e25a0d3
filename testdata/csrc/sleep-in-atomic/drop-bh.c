/*
 * sleep-in-atomic: a helper that enables bottom halves its caller
 * disabled, in the shape of net/core/sock.c's __release_sock() under
 * net/ipv4/tcp.c's __tcp_close(): the caller disables bottom halves and
 * takes the socket's spinlock (bh_lock_sock()); the helper releases the
 * lock with spin_unlock_bh(), runs the backlog with cond_resched(), and
 * takes it back with spin_lock_bh(). The caller does not sleep through
 * it. A helper that keeps bottom halves disabled around its sleep does,
 * and sleeps in the atomic context its only caller gives it.
 */
#include <linux/spinlock.h>
#include <linux/bottom_half.h>
#include <linux/sched.h>

struct sock_demo {
	spinlock_t slock;
	void *backlog;
};

static void release_backlog_demo(struct sock_demo *sk)
	__releases(&sk->slock)
	__acquires(&sk->slock)
{
	while (sk->backlog) {
		sk->backlog = 0;
		spin_unlock_bh(&sk->slock);
		cond_resched();
		spin_lock_bh(&sk->slock);
	}
}

static void release_backlog_keep_bh_demo(struct sock_demo *sk)
	__releases(&sk->slock)
	__acquires(&sk->slock)
{
	while (sk->backlog) {
		sk->backlog = 0;
		spin_unlock(&sk->slock);
		cond_resched();	/* want "cond_resched\\(\\) may sleep in atomic context" */
		spin_lock(&sk->slock);
	}
}

/* Not flagged: the helper gives the bottom halves back first. */
void tcp_close_demo(struct sock_demo *sk)
{
	local_bh_disable();
	spin_lock(&sk->slock);
	release_backlog_demo(sk);
	spin_unlock(&sk->slock);
	local_bh_enable();
}

/* Flagged: bottom halves stay disabled around the helper's sleep. */
void tcp_close_keep_bh_demo(struct sock_demo *sk)
{
	local_bh_disable();
	spin_lock(&sk->slock);
	release_backlog_keep_bh_demo(sk);	/* want "release_backlog_keep_bh_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&sk->slock);
	local_bh_enable();
}
