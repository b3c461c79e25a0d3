/* kthread.h: kernel threads and kthread workers; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/timer.h>

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data, const char *namefmt, ...) __printf(3, 4);
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char *namefmt, ...) __printf(4, 5);
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data, unsigned int cpu,
					  const char *namefmt);
struct task_struct *kthread_run(int (*threadfn)(void *data), void *data, const char *namefmt, ...) __printf(3, 4);
struct task_struct *kthread_run_on_cpu(int (*threadfn)(void *data), void *data, unsigned int cpu,
				       const char *namefmt);
void kthread_bind(struct task_struct *k, unsigned int cpu);
void kthread_bind_mask(struct task_struct *k, const struct cpumask *mask);
int kthread_stop(struct task_struct *k);
int kthread_stop_put(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
bool kthread_freezable_should_stop(bool *was_frozen);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void kthread_parkme(void);
void *kthread_data(struct task_struct *k);
void kthread_exit(long result) __noreturn;
void kthread_complete_and_exit(struct completion *comp, long code) __noreturn;
void kthread_use_mm(struct mm_struct *mm);
void kthread_unuse_mm(struct mm_struct *mm);

struct kthread_work;
typedef void (*kthread_work_func_t)(struct kthread_work *work);

struct kthread_worker {
	unsigned int flags;
	raw_spinlock_t lock;
	struct list_head work_list;
	struct task_struct *task;
	struct kthread_work *current_work;
};

struct kthread_work {
	struct list_head node;
	kthread_work_func_t func;
	struct kthread_worker *worker;
	int canceling;
};

struct kthread_delayed_work {
	struct kthread_work work;
	struct timer_list timer;
};

void kthread_init_work(struct kthread_work *work, kthread_work_func_t fn);
void kthread_init_delayed_work(struct kthread_delayed_work *dwork, kthread_work_func_t fn);
struct kthread_worker *kthread_create_worker(unsigned int flags, const char namefmt[], ...) __printf(2, 3);
struct kthread_worker *kthread_create_worker_on_cpu(int cpu, unsigned int flags, const char namefmt[], ...) __printf(3, 4);
struct kthread_worker *kthread_run_worker(unsigned int flags, const char namefmt[], ...) __printf(2, 3);
bool kthread_queue_work(struct kthread_worker *worker, struct kthread_work *work);
bool kthread_queue_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
				unsigned long delay);
bool kthread_mod_delayed_work(struct kthread_worker *worker, struct kthread_delayed_work *dwork,
			      unsigned long delay);
void kthread_flush_work(struct kthread_work *work);
void kthread_flush_worker(struct kthread_worker *worker);
bool kthread_cancel_work_sync(struct kthread_work *work);
bool kthread_cancel_delayed_work_sync(struct kthread_delayed_work *work);
void kthread_destroy_worker(struct kthread_worker *worker);
int kthread_worker_fn(void *worker_ptr);

#endif /* _LINUX_KTHREAD_H */
