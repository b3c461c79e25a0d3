/*
 * interproc: header helpers that a header helper calls count as the
 * file's calls do, cut down from kernel/sched/sched.h: a file that calls
 * rq_lock_irqsave() alone still sees what rq_pin_lock() and
 * _raw_spin_rq_lock_irqsave() do, below it. Here the lock is taken two
 * helpers down; the CPU id read under it is stable. What such a helper
 * calls is not walked as the file's calls are (include/linux/
 * serial_core.h: uart_port_unlock_irq()'s __uart_port_nbcon_release()
 * calls console code that sleeps only for objects the analysis does not
 * follow): the sleep below rq_unlock_flush_demo()'s helper is not
 * reported under the caller's spinlock.
 */
#include <linux/mutex.h>
#include <linux/smp.h>
#include "rq.h"

static DEFINE_MUTEX(shares_demo);
static DEFINE_SPINLOCK(port_lock_demo);

void console_flush_demo(void)
{
	mutex_lock(&shares_demo);
	mutex_unlock(&shares_demo);
}

void port_unlock_demo(struct rq_demo *rq)
{
	spin_lock(&port_lock_demo);
	rq_lock_demo(rq);
	rq_unlock_flush_demo(rq);
	spin_unlock(&port_lock_demo);
}

static void resched_curr_demo(struct rq_demo *rq)
{
	rq->cpu = smp_processor_id();
}

int set_shares_demo(struct rq_demo *rq)
{
	mutex_lock(&shares_demo);
	rq_lock_demo(rq);
	resched_curr_demo(rq);
	rq_unlock_demo(rq);
	mutex_unlock(&shares_demo);
	return 0;
}
