#include <linux/spinlock.h>
#include <linux/delay.h>
#include "ops.h"

static DEFINE_SPINLOCK(stream_lock);

/* Does not sleep: the destroy of this protocol. */
static void stream_destroy(int id)
{
}

/* Sleeps, as raw_close() does. */
static void stream_close(int id)
{
	msleep(1);
}

struct proto stream_prot = {
	.destroy = stream_destroy,
	.close = stream_close,
};

void sk_destroy(struct sk *sk)
{
	sk->prot->destroy(1);
}

void sk_close(struct sk *sk)
{
	sk->prot->close(1);
}

/* One of the destroy functions sleeps, the other does not. Not flagged. */
void sk_destroy_locked(struct sk *sk)
{
	spin_lock(&stream_lock);
	sk_destroy(sk);
	spin_unlock(&stream_lock);
}

/* Every close function sleeps. Flagged. */
void sk_close_locked(struct sk *sk)
{
	spin_lock(&stream_lock);
	sk_close(sk);	/* want "sk_close\\(\\) may sleep in atomic context" */
	spin_unlock(&stream_lock);
}
