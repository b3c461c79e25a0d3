/*
 * A feature the configuration leaves out is often a stub that returns a
 * constant (has_current_bpf_ctx() without CONFIG_BPF_SYSCALL is
 * `return false;`). A branch on it that needs another value is never
 * taken, so the helper below always takes the lock, and the early return
 * of its caller leaks it (cut down from sk_setsockopt() and
 * sockopt_lock_sock(), net/core/sock.c).
 */
#include <linux/mutex.h>
#include "constant-stub.h"

struct sock {
	struct mutex lock;
};

void sockopt_lock(struct sock *sk)
{
	if (has_bpf_ctx())
		return;
	mutex_lock(&sk->lock);
}

void sockopt_release(struct sock *sk)
{
	if (has_bpf_ctx())
		return;
	mutex_unlock(&sk->lock);
}

int setopt(struct sock *sk, int val)
{
	sockopt_lock(sk);
	if (val < 0)
		return -22;	/* want "returns with \"sk->lock\" held" */
	sockopt_release(sk);
	return 0;
}

int setopt_fixed(struct sock *sk, int val)
{
	int ret = 0;

	sockopt_lock(sk);
	if (val < 0)
		ret = -22;
	sockopt_release(sk);
	return ret;
}
