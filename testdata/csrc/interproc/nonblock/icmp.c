/*
 * net/ipv4/icmp.c's __icmp_send(), cut down: under local_bh_disable() it
 * appends its reply with MSG_DONTWAIT, which never waits for buffer room.
 * The same append with flags of 0 does.
 */
#include <linux/bottom_half.h>

#define MSG_DONTWAIT	0x40

struct sock;

int ip_append_data_demo(struct sock *sk, int transhdrlen, unsigned int flags);

static void icmp_push_reply_demo(struct sock *sk)
{
	ip_append_data_demo(sk, 8, MSG_DONTWAIT);
}

/* Not flagged: MSG_DONTWAIT. */
void icmp_send_demo(struct sock *sk)
{
	local_bh_disable();
	icmp_push_reply_demo(sk);
	local_bh_enable();
}

/* Flagged: a blocking append with bottom halves disabled. */
void icmp_send_blocking_demo(struct sock *sk)
{
	local_bh_disable();
	ip_append_data_demo(sk, 8, 0);	/* want "ip_append_data_demo\\(\\) may sleep in atomic context" */
	local_bh_enable();
}
