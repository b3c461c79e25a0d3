/*
 * lock-owner: a lookup that returns the frame it filled with the block's
 * fill lock read-held, and NULL without it, on ways out its values do not
 * tell apart (the frame's pointer is not known to be non-NULL), reached
 * through a caller that returns its value as it is (net/packet/
 * af_packet.c __packet_lookup_frame_in_block() under
 * packet_current_rx_frame(), whose caller tpacket_rcv() releases the
 * lock with prb_clear_blk_fill_status()): a lock helper by design, not
 * flagged. The same chain whose last caller releases nothing is.
 */
#include <linux/spinlock.h>
#include <linux/stddef.h>

struct core_demo { rwlock_t fill_lock; char *next; char *end; };
struct sock_demo { struct core_demo core; int version; int frozen; };

static void fill_block_demo(struct core_demo *c)
	__acquires(&c->fill_lock)
{
	c->next += 64;
	read_lock(&c->fill_lock);
}

static void clear_fill_demo(struct core_demo *c)
	__releases(&c->fill_lock)
{
	read_unlock(&c->fill_lock);
}

static void *lookup_frame_demo(struct sock_demo *po)
{
	struct core_demo *c = &po->core;
	char *curr;

	if (po->frozen)
		return NULL;
	curr = c->next;
	if (curr + 64 < c->end) {
		fill_block_demo(c);
		return (void *)curr;
	}
	return NULL;
}

static void *current_frame_demo(struct sock_demo *po)
{
	switch (po->version) {
	case 3:
		return lookup_frame_demo(po);
	default:
		return NULL;
	}
}

int rcv_demo(struct sock_demo *po)
{
	char *h = current_frame_demo(po);

	if (!h)
		return 0;
	h[0] = 1;
	if (po->version == 3)
		clear_fill_demo(&po->core);
	return 1;
}

static void *lookup_frame2_demo(struct sock_demo *po)
{
	struct core_demo *c = &po->core;
	char *curr;

	if (po->frozen)
		return NULL;
	curr = c->next;
	if (curr + 64 < c->end) {
		fill_block_demo(c);
		return (void *)curr; /* want `returns with "po->core.fill_lock" held \(taken by fill_block_demo\(\) at line 76\); the return at line 73 does not hold it` */
	}
	return NULL;
}

static void *current_frame2_demo(struct sock_demo *po)
{
	return lookup_frame2_demo(po);
}

int peek_demo(struct sock_demo *po)
{
	char *h = current_frame2_demo(po);

	return h ? h[0] : -1;
}
