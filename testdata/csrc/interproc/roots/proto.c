/*
 * interproc: the network stack calls a protocol's receive and error
 * handlers, and a packet type's, with bottom halves disabled
 * (net/core/dev.c __netif_receive_skb_core(), from netif_receive_skb(),
 * which "may only be called from softirq context"; net/ipv4/ip_input.c
 * ip_protocol_deliver_rcu()). A handler that releases the socket lock it
 * took, through a helper, still runs with bottom halves disabled
 * (net/ipv4/tcp_ipv4.c tcp_v4_rcv() and tcp_add_backlog()), even where
 * the stack's own callers are not known (netif_receive_skb() is called
 * from modules).
 */
#include <linux/spinlock.h>
#include <linux/percpu.h>
#include <linux/delay.h>

struct sk_buff_demo;

struct sock_demo {
	spinlock_t slock;
	int backlog;
};

struct net_protocol {
	int (*handler)(struct sk_buff_demo *skb);
	int (*err_handler)(struct sk_buff_demo *skb, u32 info);
};

struct packet_type {
	int (*func)(struct sk_buff_demo *skb, void *dev, struct packet_type *pt, void *orig_dev);
};

DEFINE_PER_CPU(unsigned long, proto_drops);

struct sock_demo *sock_lookup_demo(struct sk_buff_demo *skb);

/* Drops the caller's lock when the backlog is full: bottom halves stay
 * disabled. Not flagged. */
static bool add_backlog_demo(struct sock_demo *sk)
{
	if (sk->backlog > 10) {
		spin_unlock(&sk->slock);
		__this_cpu_inc(proto_drops);
		return true;
	}
	sk->backlog++;
	return false;
}

static int proto_rcv_demo(struct sk_buff_demo *skb)
{
	struct sock_demo *sk = sock_lookup_demo(skb);

	spin_lock(&sk->slock);
	if (add_backlog_demo(sk))
		return 0;
	spin_unlock(&sk->slock);
	return 0;
}

/* Flagged: the error handler runs in the receive path too. */
static int proto_err_demo(struct sk_buff_demo *skb, u32 info)
{
	msleep(1);	/* want "msleep\\(\\) may sleep in atomic context" */
	return 0;
}

/* Not flagged. */
static int packet_rcv_demo(struct sk_buff_demo *skb, void *dev, struct packet_type *pt, void *orig_dev)
{
	__this_cpu_inc(proto_drops);
	return 0;
}

const struct net_protocol proto_demo = {
	.handler = proto_rcv_demo,
	.err_handler = proto_err_demo,
};

struct packet_type packet_demo = {
	.func = packet_rcv_demo,
};

void register_rx_demo(int (*deliver)(struct sk_buff_demo *skb));

/* Called through a pointer the analysis cannot follow: entered in a
 * context it does not know. */
static int deliver_demo(struct sk_buff_demo *skb)
{
	packet_demo.func(skb, NULL, &packet_demo, NULL);
	return proto_demo.handler(skb);
}

void rx_init_demo(void)
{
	register_rx_demo(deliver_demo);
}
