/*
 * lock-owner: a loop takes a lock through a helper, sets its flag on one
 * branch and hands the lock's object to code the analysis cannot see on
 * the other, then releases the lock; the loop's test of the flag comes
 * after the release (net/core/dev.c process_backlog(): again = false, or
 * skb_queue_splice_tail_init(&sd->input_pkt_queue, ...), then
 * backlog_unlock_irq_enable()). Released on every path, the lock is not
 * held again where the flag is tested: not flagged.
 */
#include <linux/spinlock.h>
#include <linux/types.h>

struct queue_demo { spinlock_t lock; int len; };
struct softnet_demo { struct queue_demo input; struct queue_demo process; };

void splice_tail_demo(struct queue_demo *from, struct queue_demo *to);

static inline void splice_demo(struct queue_demo *from, struct queue_demo *to)
{
	splice_tail_demo(from, to);
}

static inline void backlog_lock_demo(struct softnet_demo *sd)
{
	spin_lock_irq(&sd->input.lock);
}

static inline void backlog_unlock_demo(struct softnet_demo *sd)
{
	spin_unlock_irq(&sd->input.lock);
}

int process_demo(struct softnet_demo *sd, int quota)
{
	bool again = true;
	int work = 0;

	while (again) {
		if (++work >= quota)
			return work;
		backlog_lock_demo(sd);
		if (!sd->input.len)
			again = false;
		else
			splice_demo(&sd->input, &sd->process);
		backlog_unlock_demo(sd);
	}
	return work;
}
