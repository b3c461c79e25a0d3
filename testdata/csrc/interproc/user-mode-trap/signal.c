/* Sending a signal takes the task's sighand lock (kernel/signal.c). */
#include <linux/spinlock.h>

struct sighand { spinlock_t siglock; int count; };
struct sighand task_sighand;

void force_sig(int sig)
{
	unsigned long flags;

	spin_lock_irqsave(&task_sighand.siglock, flags);
	task_sighand.count += sig;
	spin_unlock_irqrestore(&task_sighand.siglock, flags);
}
