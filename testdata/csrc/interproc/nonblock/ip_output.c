/*
 * net/ipv4/ip_output.c's ip_append_data(), cut down: it hands its flags
 * on, and __ip_append_data() asks for a buffer with flags &
 * MSG_DONTWAIT.
 */
#include "demo_sock.h"

#define MSG_PROBE	0x10
#define MSG_DONTWAIT	0x40

static int __ip_append_data_demo(struct sock *sk, int transhdrlen, unsigned int flags)
{
	struct sk_buff *skb = 0;
	int err = 0;

	if (transhdrlen)
		skb = sock_alloc_send_skb_demo(sk, 128, (flags & MSG_DONTWAIT), &err);
	return skb ? 0 : err;
}

int ip_append_data_demo(struct sock *sk, int transhdrlen, unsigned int flags)
{
	if (flags & MSG_PROBE)
		return 0;
	return __ip_append_data_demo(sk, transhdrlen, flags);
}
