/* rcupdate.h: RCU read-side critical sections, grace periods and pointer accessors; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>
#include <linux/cpumask.h>

void rcu_read_lock(void);
void rcu_read_unlock(void);
void rcu_read_lock_bh(void);
void rcu_read_unlock_bh(void);
void rcu_read_lock_sched(void);
void rcu_read_unlock_sched(void);
void rcu_read_lock_sched_notrace(void);
void rcu_read_unlock_sched_notrace(void);
int rcu_read_lock_held(void);
int rcu_read_lock_bh_held(void);
int rcu_read_lock_sched_held(void);
int rcu_read_lock_any_held(void);

void synchronize_rcu(void);
void synchronize_rcu_expedited(void);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void call_rcu_hurry(struct rcu_head *head, rcu_callback_t func);
void rcu_barrier(void);
unsigned long get_state_synchronize_rcu(void);
void cond_synchronize_rcu(unsigned long oldstate);

/* Helpers behind the accessors (not kernel API). */
void *__kp_rcu_dereference(const void *p);
void *__kp_rcu_assign_pointer(const void *v);
void __kp_kfree_rcu(const void *ptr, size_t offset);
void __kp_kfree_rcu_mightsleep(const void *ptr);

#define rcu_dereference(p)		((__typeof__(p))__kp_rcu_dereference((const void *)(p)))
#define rcu_dereference_bh(p)		((__typeof__(p))__kp_rcu_dereference((const void *)(p)))
#define rcu_dereference_sched(p)	((__typeof__(p))__kp_rcu_dereference((const void *)(p)))
#define rcu_dereference_raw(p)		((__typeof__(p))__kp_rcu_dereference((const void *)(p)))
#define rcu_dereference_check(p, c)	((void)(c), (__typeof__(p))__kp_rcu_dereference((const void *)(p)))
#define rcu_dereference_bh_check(p, c)	((void)(c), (__typeof__(p))__kp_rcu_dereference((const void *)(p)))
#define rcu_dereference_sched_check(p, c) ((void)(c), (__typeof__(p))__kp_rcu_dereference((const void *)(p)))
#define rcu_dereference_protected(p, c)	((void)(c), (__typeof__(p))__kp_rcu_dereference((const void *)(p)))
#define rcu_access_pointer(p)		((__typeof__(p))__kp_rcu_dereference((const void *)(p)))
#define rcu_assign_pointer(p, v) \
	((void)((p) = (__typeof__(p))__kp_rcu_assign_pointer((const void *)(v))))
#define RCU_INIT_POINTER(p, v)		((void)((p) = (v)))
#define RCU_INITIALIZER(v)		(v)
#define rcu_replace_pointer(rcu_ptr, ptr, c) \
	({ __typeof__(ptr) __kp_rcu_tmp = (__typeof__(ptr))__kp_rcu_dereference((const void *)(rcu_ptr)); \
	   (void)(c); \
	   (rcu_ptr) = (__typeof__(rcu_ptr))__kp_rcu_assign_pointer((const void *)(ptr)); \
	   __kp_rcu_tmp; })

#define kfree_rcu(ptr, rhf) \
	(__kp_kfree_rcu((const void *)(ptr), offsetof(__typeof__(*(ptr)), rhf)))
#define kvfree_rcu(ptr, rhf) \
	(__kp_kfree_rcu((const void *)(ptr), offsetof(__typeof__(*(ptr)), rhf)))
#define kfree_rcu_mightsleep(ptr)	(__kp_kfree_rcu_mightsleep((const void *)(ptr)))
#define kvfree_rcu_mightsleep(ptr)	(__kp_kfree_rcu_mightsleep((const void *)(ptr)))

#endif /* __LINUX_RCUPDATE_H */
