/*
 * Callers in the shape of net/ipv6/ip6_fib.c's route notifications, which
 * reach include/net/netlink.h's nlmsg_unicast() (netlink_unicast(...,
 * MSG_DONTWAIT)) under the table's spinlock: they do not sleep. A caller
 * that passes 0 does.
 */
#include <linux/spinlock.h>

#define MSG_DONTWAIT 0x40

struct sock;
struct sk_buff;

int netlink_unicast(struct sock *ssk, struct sk_buff *skb, unsigned int portid, int nonblock);

static inline int nlmsg_unicast_demo(struct sock *sk, struct sk_buff *skb, unsigned int portid)
{
	int err = netlink_unicast(sk, skb, portid, MSG_DONTWAIT);

	return err > 0 ? 0 : err;
}

static int notify_demo(struct sock *sk, struct sk_buff *skb, unsigned int portid, int nonblock)
{
	return netlink_unicast(sk, skb, portid, nonblock);
}

static DEFINE_SPINLOCK(tb6_lock_demo);

/* Not flagged: MSG_DONTWAIT never waits. */
void fib6_add_demo(struct sock *sk, struct sk_buff *skb)
{
	spin_lock_bh(&tb6_lock_demo);
	nlmsg_unicast_demo(sk, skb, 1);
	notify_demo(sk, skb, 1, MSG_DONTWAIT);
	spin_unlock_bh(&tb6_lock_demo);
}

/* Flagged: a blocking send under the lock. */
void fib6_send_blocking_demo(struct sock *sk, struct sk_buff *skb)
{
	spin_lock_bh(&tb6_lock_demo);
	netlink_unicast(sk, skb, 1, 0);	/* want "netlink_unicast\\(\\) may sleep in atomic context" */
	notify_demo(sk, skb, 1, 0);	/* want "notify_demo\\(\\) may sleep in atomic context" */
	spin_unlock_bh(&tb6_lock_demo);
}
