/*
 * net/core/sock.c's sock_alloc_send_pskb(), cut down: it waits for room
 * in the send buffer only when noblock is 0; with noblock its timeout is
 * 0 and it fails with -EAGAIN instead (kapi: ZeroArgSleeps). Callers pass
 * their flags & MSG_DONTWAIT through include/net/sock.h's
 * sock_alloc_send_skb(), and some of theirs MSG_DONTWAIT.
 */
struct sock;
struct sk_buff;

long schedule_timeout(long timeout);
struct sk_buff *alloc_skb_demo(unsigned long len);

static inline long sock_sndtimeo_demo(const struct sock *sk, int noblock)
{
	return noblock ? 0 : 100;
}

static long sock_wait_for_wmem_demo(struct sock *sk, long timeo)
{
	return schedule_timeout(timeo);
}

struct sk_buff *sock_alloc_send_pskb(struct sock *sk, unsigned long header_len,
				     unsigned long data_len, int noblock,
				     int *errcode, int max_page_order)
{
	long timeo = sock_sndtimeo_demo(sk, noblock);

	for (;;) {
		if (header_len < 64)
			break;
		if (!timeo) {
			*errcode = -11;
			return 0;
		}
		timeo = sock_wait_for_wmem_demo(sk, timeo);
	}
	return alloc_skb_demo(header_len + data_len);
}
