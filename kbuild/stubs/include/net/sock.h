/* net/sock.h: struct sock and the socket lock; stub for standalone checking, not the kernel's definitions. */
#ifndef _SOCK_H
#define _SOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/refcount.h>
#include <linux/gfp.h>

typedef struct {
	spinlock_t slock;
	int owned;
	wait_queue_head_t wq;
} socket_lock_t;

struct sock {
	socket_lock_t sk_lock;
	refcount_t sk_refcnt;
	gfp_t sk_allocation;
	int sk_err;
	void *sk_user_data;
};

void lock_sock(struct sock *sk);
void lock_sock_nested(struct sock *sk, int subclass);
void release_sock(struct sock *sk);
bool lock_sock_fast(struct sock *sk);
void unlock_sock_fast(struct sock *sk, bool slow);
bool sock_owned_by_user(const struct sock *sk);
void bh_lock_sock(struct sock *sk);
void bh_lock_sock_nested(struct sock *sk);
void bh_unlock_sock(struct sock *sk);
void sock_hold(struct sock *sk);
void sock_put(struct sock *sk);

#endif /* _SOCK_H */
