/*
 * might_sleep_if(cond) says the function may sleep when cond holds, and
 * only then: it is read as the "if (cond) might_sleep();" it expands to.
 * block/blk-mq.c blk_mq_run_hw_queue(hctx, async) has
 * might_sleep_if(!async && (hctx->flags & BLK_MQ_F_BLOCKING)); a caller
 * inside an RCU read-side section that passes async = true
 * (blk_mq_unquiesce_queue() through blk_mq_run_hw_queues(q, true)) does
 * not sleep there, one that passes false may.
 */
#include <linux/kernel.h>
#include <linux/rcupdate.h>

#define HCTX_F_BLOCKING_DEMO 1

struct hctx_demo {
	unsigned long flags;
};

void run_hw_queue_demo(struct hctx_demo *hctx, int async)
{
	might_sleep_if(!async && (hctx->flags & HCTX_F_BLOCKING_DEMO));
}

void unquiesce_demo(struct hctx_demo *hctx)
{
	rcu_read_lock();
	run_hw_queue_demo(hctx, 1);
	rcu_read_unlock();
}

void run_sync_demo(struct hctx_demo *hctx)
{
	rcu_read_lock();
	run_hw_queue_demo(hctx, 0);	/* want "run_hw_queue_demo\\(\\) may sleep inside an RCU read-side critical section" */
	rcu_read_unlock();
}

void never_demo(void)
{
	rcu_read_lock();
	might_sleep_if(0);
	rcu_read_unlock();
}
