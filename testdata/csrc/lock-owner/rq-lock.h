/* An accessor in the shape of kernel/sched/sched.h's rq_lockp(). */
#include <linux/spinlock.h>

struct rq {
	raw_spinlock_t __lock;
	int overloaded;
	int cpu;
};

static inline raw_spinlock_t *rq_lockp(struct rq *rq)
{
	return &rq->__lock;
}
