/* workqueue.h: work items and workqueues; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/timer.h>
#include <linux/cpumask.h>
#include <linux/rcupdate.h>

struct workqueue_struct;
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
};

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
	int cpu;
};

struct rcu_work {
	struct work_struct work;
	struct rcu_head rcu;
	struct workqueue_struct *wq;
};

enum {
	WQ_BH			= 1 << 0,
	WQ_UNBOUND		= 1 << 1,
	WQ_FREEZABLE		= 1 << 2,
	WQ_MEM_RECLAIM		= 1 << 3,
	WQ_HIGHPRI		= 1 << 4,
	WQ_CPU_INTENSIVE	= 1 << 5,
	WQ_SYSFS		= 1 << 6,
	WQ_POWER_EFFICIENT	= 1 << 7,
	WQ_PERCPU		= 1 << 8,
	__WQ_ORDERED		= 1 << 17,
	WQ_MAX_ACTIVE		= 512,
	WQ_DFL_ACTIVE		= WQ_MAX_ACTIVE / 2,
};

#define __WORK_INITIALIZER(n, f) \
	{ .data = ATOMIC_LONG_INIT(0), .entry = LIST_HEAD_INIT((n).entry), .func = (f) }
#define __DELAYED_WORK_INITIALIZER(n, f, tflags) \
	{ .work = __WORK_INITIALIZER((n).work, (f)), .timer = { .flags = (tflags) } }
#define DECLARE_WORK(n, f)		struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f)	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
#define DECLARE_DEFERRABLE_WORK(n, f)	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, TIMER_DEFERRABLE)


/* As the kernel's: the function is stored in the work item's func. */
#define INIT_WORK(_work, _func)			do { (_work)->func = (_func); } while (0)
#define INIT_WORK_ONSTACK(_work, _func)		INIT_WORK((_work), (_func))
#define INIT_DELAYED_WORK(_work, _func)		INIT_WORK(&(_work)->work, (_func))
#define INIT_DELAYED_WORK_ONSTACK(_work, _func)	INIT_WORK(&(_work)->work, (_func))
#define INIT_DEFERRABLE_WORK(_work, _func)	INIT_WORK(&(_work)->work, (_func))
#define INIT_RCU_WORK(_work, _func)		INIT_WORK(&(_work)->work, (_func))
void destroy_work_on_stack(struct work_struct *work);
void destroy_delayed_work_on_stack(struct delayed_work *work);
struct delayed_work *to_delayed_work(struct work_struct *work);
struct rcu_work *to_rcu_work(struct work_struct *work);
struct work_struct *current_work(void);
bool work_pending(const struct work_struct *work);
bool delayed_work_pending(const struct delayed_work *dwork);

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_percpu_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_dfl_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;
extern struct workqueue_struct *system_bh_wq;

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...) __printf(1, 4);
struct workqueue_struct *alloc_ordered_workqueue(const char *fmt, unsigned int flags, ...) __printf(1, 3);
struct workqueue_struct *create_workqueue(const char *name);
struct workqueue_struct *create_freezable_workqueue(const char *name);
struct workqueue_struct *create_singlethread_workqueue(const char *name);
void destroy_workqueue(struct workqueue_struct *wq);
void flush_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);

bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay);
bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay);
bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rwork);
bool schedule_work(struct work_struct *work);
bool schedule_work_on(int cpu, struct work_struct *work);
bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay);
bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork, unsigned long delay);
bool flush_work(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool flush_rcu_work(struct rcu_work *rwork);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
bool disable_work(struct work_struct *work);
bool disable_work_sync(struct work_struct *work);
bool enable_work(struct work_struct *work);
bool disable_delayed_work_sync(struct delayed_work *dwork);
long work_on_cpu(int cpu, long (*fn)(void *arg), void *arg);
int schedule_on_each_cpu(work_func_t func);

#endif /* _LINUX_WORKQUEUE_H */
