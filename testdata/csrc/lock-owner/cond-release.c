/*
 * A callee that releases its caller's lock on the returns its value tells
 * apart: net/ipv4/tcp_ipv4.c tcp_add_backlog() drops the socket's lock
 * when it returns true, and tcp_v6_rcv() then jumps past its unlock;
 * kernel/exit.c wait_consider_task() drops tasklist_lock when it returns
 * nonzero, and do_wait_thread() hands that on to __do_wait(), which
 * unlocks only after a zero. The caller's branch on the value decides
 * whether it still holds the lock. Unlocking on the branch where the
 * callee released it is a double release.
 */
#include <linux/spinlock.h>
#include <linux/errno.h>
#include <linux/types.h>

struct sock_demo { spinlock_t slock; int owned; int backlog; };

bool add_backlog_demo(struct sock_demo *sk)
{
	if (sk->backlog > 10) {
		spin_unlock(&sk->slock);
		return true;
	}
	sk->backlog++;
	return false;
}

int rcv_demo(struct sock_demo *sk)
{
	spin_lock(&sk->slock);
	if (!sk->owned)
		sk->backlog = 0;
	else if (add_backlog_demo(sk))
		goto discard;
	spin_unlock(&sk->slock);
	return 0;
discard:
	return -ENOBUFS;
}

int rcv_twice_demo(struct sock_demo *sk)
{
	spin_lock(&sk->slock);
	if (add_backlog_demo(sk)) {
		spin_unlock(&sk->slock); /* want `spin_unlock\(\) releases "sk->slock", which this function already released` */
		return -ENOBUFS;
	}
	spin_unlock(&sk->slock);
	return 0;
}

static DEFINE_RWLOCK(tasklist_demo);

struct task_demo { int state; struct task_demo *next; };

static int consider_task_demo(struct task_demo *p)
{
	if (p->state) {
		read_unlock(&tasklist_demo);
		return p->state;
	}
	return 0;
}

static int wait_thread_demo(struct task_demo *p)
{
	int ret;

	for (; p; p = p->next) {
		ret = consider_task_demo(p);
		if (ret)
			return ret;
	}
	return 0;
}

int do_wait_demo(struct task_demo *p)
{
	int ret;

	read_lock(&tasklist_demo);
	ret = wait_thread_demo(p);
	if (ret)
		return ret;
	read_unlock(&tasklist_demo);
	return -ECHILD;
}

/*
 * kernel/exit.c wait_task_zombie() returns the task's pid
 * (task_pid_vnr(), positive) past releasing tasklist_lock, and 0 where it
 * still holds it; wait_consider_task() returns its value as it is, or 0:
 * their callers return on a nonzero value before their unlock.
 */
#include <linux/pid.h>

struct child_demo { int exit_state; struct task_struct *task; struct child_demo *next; };

static int reap_demo(struct child_demo *p)
{
	pid_t pid = task_pid_vnr(p->task);

	if (!p->exit_state)
		return 0;
	read_unlock(&tasklist_demo);
	p->exit_state = 0;
	return pid;
}

static int consider_child_demo(struct child_demo *p)
{
	if (p->exit_state < 0)
		return 0;
	return reap_demo(p);
}

static int wait_child_demo(struct child_demo *p)
{
	for (; p; p = p->next) {
		int ret = consider_child_demo(p);

		if (ret)
			return ret;
	}
	return 0;
}

long do_wait_child_demo(struct child_demo *p)
{
	long retval;

	read_lock(&tasklist_demo);
	retval = wait_child_demo(p);
	if (retval)
		return retval;
	read_unlock(&tasklist_demo);
	return -ECHILD;
}
