/* wait.h: wait queues, wake_up and wait_event; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <asm/current.h>

struct wait_queue_entry;
typedef struct wait_queue_entry wait_queue_entry_t;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);

struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name)	DECLARE_WAIT_QUEUE_HEAD(name)

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync, void *key);
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync, void *key);

#define DEFINE_WAIT_FUNC(name, function) \
	struct wait_queue_entry name = { .private = current, .func = (function), \
					 .entry = LIST_HEAD_INIT((name).entry) }
#define DEFINE_WAIT(name)	DEFINE_WAIT_FUNC(name, autoremove_wake_function)
#define DECLARE_WAITQUEUE(name, tsk) \
	struct wait_queue_entry name = { .private = (tsk), .func = default_wake_function, \
					 .entry = { NULL, NULL } }

void init_waitqueue_head(struct wait_queue_head *wq_head);
void init_waitqueue_entry(struct wait_queue_entry *wq_entry, struct task_struct *p);
void init_wait(struct wait_queue_entry *wq_entry);
int waitqueue_active(struct wait_queue_head *wq_head);
bool wq_has_sleeper(struct wait_queue_head *wq_head);
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
long wait_woken(struct wait_queue_entry *wq_entry, unsigned int mode, long timeout);

void wake_up(struct wait_queue_head *wq_head);
void wake_up_nr(struct wait_queue_head *wq_head, int nr);
void wake_up_all(struct wait_queue_head *wq_head);
void wake_up_locked(struct wait_queue_head *wq_head);
void wake_up_all_locked(struct wait_queue_head *wq_head);
void wake_up_interruptible(struct wait_queue_head *wq_head);
void wake_up_interruptible_nr(struct wait_queue_head *wq_head, int nr);
void wake_up_interruptible_all(struct wait_queue_head *wq_head);
void wake_up_interruptible_sync(struct wait_queue_head *wq_head);
void wake_up_poll(struct wait_queue_head *wq_head, unsigned int events);
void wake_up_interruptible_poll(struct wait_queue_head *wq_head, unsigned int events);

/*
 * wait_event*(wq_head, condition): wq_head is the wait_queue_head_t itself,
 * not a pointer. The condition is re-evaluated after every sleep.
 */
void __kp_wait_event(struct wait_queue_head *wq_head);
int __kp_wait_event_interruptible(struct wait_queue_head *wq_head);
int __kp_wait_event_killable(struct wait_queue_head *wq_head);
long __kp_wait_event_timeout(struct wait_queue_head *wq_head, long timeout);
long __kp_wait_event_interruptible_timeout(struct wait_queue_head *wq_head, long timeout);
void schedule(void);
int __kp_wait_event_interruptible_lock_irq(struct wait_queue_head *wq_head, spinlock_t *lock);

#define __KP_WAIT_EVENT_INT(wq_head, condition, helper) \
	({ int __kp_ret = 0; \
	   while (!(condition) && !(__kp_ret = helper(&(wq_head)))) \
		; \
	   __kp_ret; })
#define __KP_WAIT_EVENT_TIMEOUT(wq_head, condition, timeout, helper) \
	({ long __kp_ret = (timeout); \
	   while (!(condition) && (__kp_ret = helper(&(wq_head), __kp_ret)) > 0) \
		; \
	   __kp_ret; })

#define wait_event(wq_head, condition) \
	do { while (!(condition)) __kp_wait_event(&(wq_head)); } while (0)
#define wait_event_idle(wq_head, condition) \
	do { while (!(condition)) __kp_wait_event(&(wq_head)); } while (0)
#define wait_event_interruptible(wq_head, condition) \
	__KP_WAIT_EVENT_INT(wq_head, condition, __kp_wait_event_interruptible)
#define wait_event_interruptible_exclusive(wq_head, condition) \
	__KP_WAIT_EVENT_INT(wq_head, condition, __kp_wait_event_interruptible)
#define wait_event_freezable(wq_head, condition) \
	__KP_WAIT_EVENT_INT(wq_head, condition, __kp_wait_event_interruptible)
#define wait_event_killable(wq_head, condition) \
	__KP_WAIT_EVENT_INT(wq_head, condition, __kp_wait_event_killable)
#define wait_event_timeout(wq_head, condition, timeout) \
	__KP_WAIT_EVENT_TIMEOUT(wq_head, condition, timeout, __kp_wait_event_timeout)
#define wait_event_idle_timeout(wq_head, condition, timeout) \
	__KP_WAIT_EVENT_TIMEOUT(wq_head, condition, timeout, __kp_wait_event_timeout)
#define wait_event_interruptible_timeout(wq_head, condition, timeout) \
	__KP_WAIT_EVENT_TIMEOUT(wq_head, condition, timeout, __kp_wait_event_interruptible_timeout)
#define wait_event_freezable_timeout(wq_head, condition, timeout) \
	__KP_WAIT_EVENT_TIMEOUT(wq_head, condition, timeout, __kp_wait_event_interruptible_timeout)
/* As the kernel's: the caller's lock is dropped around the sleep. */
#define wait_event_lock_irq(wq_head, condition, lock) \
	do { \
		while (!(condition)) { \
			spin_unlock_irq(&(lock)); \
			schedule(); \
			spin_lock_irq(&(lock)); \
		} \
	} while (0)
#define wait_event_interruptible_lock_irq(wq_head, condition, lock) \
	({ int __kp_ret = 0; \
	   while (!(condition) && \
		  !(__kp_ret = __kp_wait_event_interruptible_lock_irq(&(wq_head), &(lock)))) \
		; \
	   __kp_ret; })

#endif /* _LINUX_WAIT_H */
