/*
 * lock-owner: a flag says whether the function holds a second lock, taken
 * by a helper that locks two objects through an accessor macro
 * (net/unix/af_unix.c unix_dgram_sendmsg(): sk_locked, set after
 * unix_state_double_lock(sk, other), and unix_state_unlock(sk) under "if
 * (sk_locked)"; sk is the local alias of sock->sk). The helper's lock, its
 * key rewritten to the caller's argument inside the macro's parentheses,
 * and the function's own, through the alias inside the accessor, are one
 * lock: not flagged.
 */
#include <linux/spinlock.h>
#include <linux/errno.h>
#include <linux/compiler.h>

#include <linux/container_of.h>
struct sock_demo { struct sock_demo *peer; int full; int dead; int type; };
struct socket_demo { struct sock_demo *sk; };
struct usock_demo { struct sock_demo sk; spinlock_t lock; };

#define usk(ptr) container_of(ptr, struct usock_demo, sk)
#define state_lock(s)	spin_lock(&usk(s)->lock)
#define state_unlock(s)	spin_unlock(&usk(s)->lock)

static void double_lock_demo(struct sock_demo *sk1, struct sock_demo *sk2)
{
	if (unlikely(sk1 == sk2) || !sk2) {
		state_lock(sk1);
		return;
	}
	state_lock(sk1);
	state_lock(sk2);
}

int wait_demo(struct sock_demo *o);
struct sock_demo *find_demo(int x);
void put_demo(struct sock_demo *o);

int sendmsg_demo(struct socket_demo *sock, struct sock_demo *other, int x)
{
	struct sock_demo *sk = sock->sk;
	int sk_locked;
	int err;

restart:
	if (!other) {
		other = find_demo(x);
		if (!other)
			return -ENOENT;
	}
	sk_locked = 0;
	state_lock(other);
restart_locked:
	err = -EPERM;
	if (other->full)
		goto out_unlock;
	if (unlikely(other->dead)) {
		state_unlock(other);
		put_demo(other);
		if (!sk_locked)
			state_lock(sk);
		err = 0;
		if (sk->type) {
			state_unlock(sk);
			err = -EPIPE;
		} else if (sk->peer == other) {
			sk->peer = NULL;
			state_unlock(sk);
			err = -ECONNREFUSED;
		} else {
			state_unlock(sk);
		}
		other = NULL;
		if (err)
			goto out_free;
		goto restart;
	}
	if (other != sk && unlikely(other->peer != sk && other->full > 3)) {
		if (!sk_locked) {
			state_unlock(other);
			double_lock_demo(sk, other);
		}
		if (sk->peer != other || wait_demo(other)) {
			err = -EAGAIN;
			sk_locked = 1;
			goto out_unlock;
		}
		if (!sk_locked) {
			sk_locked = 1;
			goto restart_locked;
		}
	}
	if (unlikely(sk_locked))
		state_unlock(sk);
	state_unlock(other);
	return 0;
out_unlock:
	if (sk_locked)
		state_unlock(sk);
	state_unlock(other);
out_free:
	if (other)
		put_demo(other);
	return err;
}

