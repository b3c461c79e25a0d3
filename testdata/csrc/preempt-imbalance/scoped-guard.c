/*
 * preempt-imbalance: the kernel's scoped_guard() is a loop
 * (include/linux/cleanup.h): for (CLASS(name, scope)(args);
 * __guard_ptr(name)(&scope) || !__is_cond_ptr(name); ...). For a lock
 * that cannot fail, class_<name>_is_conditional is a const false, so the
 * body runs once (kernel/sched/core.c sched_mm_cid_after_execve()
 * enables preemption inside a scoped_guard(rq_lock_irqsave), with
 * preempt_enable_no_resched() as the scheduler may). A
 * conditional guard's body may not run.
 */
#include <linux/preempt.h>
#include <linux/spinlock.h>

struct rq_demo {
	raw_spinlock_t lock;
	int cid;
};

typedef struct {
	struct rq_demo *lock;
	unsigned long flags;
} class_rq_lock_irqsave_t;
typedef class_rq_lock_irqsave_t class_raw_spinlock_try_t;

static const bool class_rq_lock_irqsave_is_conditional = false;
class_rq_lock_irqsave_t class_rq_lock_irqsave_constructor(struct rq_demo *rq);
void class_rq_lock_irqsave_destructor(class_rq_lock_irqsave_t *t);
void *class_rq_lock_irqsave_lock_ptr(class_rq_lock_irqsave_t *t);

static const bool class_raw_spinlock_try_is_conditional = true;
class_raw_spinlock_try_t class_raw_spinlock_try_constructor(struct rq_demo *rq);
void class_raw_spinlock_try_destructor(class_raw_spinlock_try_t *t);
void *class_raw_spinlock_try_lock_ptr(class_raw_spinlock_try_t *t);

#define scoped_guard_demo(_name, args...)					\
	for (class_##_name##_t scope __attribute__((cleanup(class_##_name##_destructor))) = \
		     class_##_name##_constructor(args);				\
	     class_##_name##_lock_ptr(&scope) || !class_##_name##_is_conditional; \
	     ({ goto out_##_name; }))						\
		if (0) {							\
out_##_name:									\
			break;							\
		} else

struct rq_demo *this_rq_demo(void);

/* The body runs once: balanced. Not flagged. */
void mm_cid_after_execve_demo(void)
{
	struct rq_demo *rq;

	preempt_disable();
	rq = this_rq_demo();
	scoped_guard_demo(rq_lock_irqsave, rq) {
		preempt_enable();
		rq->cid = 1;
	}
}

/* The body may not run: the count stays raised on that path. Flagged. */
void mm_cid_try_demo(void)
{
	struct rq_demo *rq;

	preempt_disable();
	rq = this_rq_demo();
	scoped_guard_demo(raw_spinlock_try, rq) {
		preempt_enable();
		rq->cid = 1;
	}
}	/* want "preempt depth" */
