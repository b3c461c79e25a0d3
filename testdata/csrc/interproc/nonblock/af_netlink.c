/*
 * net/netlink/af_netlink.c, cut down: netlink_unicast() waits for room
 * in the receiver's queue only when its nonblock argument is 0; with
 * MSG_DONTWAIT its timeout is 0 and netlink_attachskb() fails with
 * -EAGAIN instead (kapi: ZeroArgSleeps). The body below sleeps on every
 * path the analysis can see, as the real one seems to: the contract, not
 * the body, decides for the callers.
 */
struct sock;
struct sk_buff;

long schedule_timeout(long timeout);

static inline long sock_sndtimeo_demo(const struct sock *sk, int noblock)
{
	return noblock ? 0 : 100;
}

static int netlink_attachskb_demo(struct sock *sk, struct sk_buff *skb, long *timeo)
{
	*timeo = schedule_timeout(*timeo);
	return 1;
}

int netlink_unicast(struct sock *ssk, struct sk_buff *skb, unsigned int portid, int nonblock)
{
	long timeo = sock_sndtimeo_demo(ssk, nonblock);

	return netlink_attachskb_demo(ssk, skb, &timeo);
}
