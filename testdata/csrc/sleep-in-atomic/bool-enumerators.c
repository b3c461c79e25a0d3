/*
 * The kernel's false and true are enumerators (include/linux/stddef.h),
 * not macros: a condition that is one of them is a constant. block/blk-mq.h
 * __blk_mq_run_dispatch_ops(q, false, ...) expands to might_sleep_if(false),
 * which never sleeps; might_sleep_if(true) does.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>

#undef false
#undef true
enum {
	false = 0,
	true = 1
};

static DEFINE_SPINLOCK(queue_lock_demo);

void run_dispatch_demo(void)
{
	spin_lock(&queue_lock_demo);
	might_sleep_if(false);
	spin_unlock(&queue_lock_demo);
}

void run_dispatch_sleep_demo(void)
{
	spin_lock(&queue_lock_demo);
	might_sleep_if(true);	/* want "might_sleep\\(\\) may sleep in atomic context" */
	spin_unlock(&queue_lock_demo);
}
