/* srcu.h: sleepable RCU; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_SRCU_H
#define _LINUX_SRCU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

struct srcu_struct {
	unsigned int srcu_idx;
	struct mutex srcu_gp_mutex;
};

#define DEFINE_SRCU(name)		struct srcu_struct name = { .srcu_idx = 0 }
#define DEFINE_STATIC_SRCU(name)	static struct srcu_struct name = { .srcu_idx = 0 }

int init_srcu_struct(struct srcu_struct *ssp);
void cleanup_srcu_struct(struct srcu_struct *ssp);
int srcu_read_lock(struct srcu_struct *ssp);
void srcu_read_unlock(struct srcu_struct *ssp, int idx);
int srcu_read_lock_held(const struct srcu_struct *ssp);
void synchronize_srcu(struct srcu_struct *ssp);
void synchronize_srcu_expedited(struct srcu_struct *ssp);
void call_srcu(struct srcu_struct *ssp, struct rcu_head *head, rcu_callback_t func);
void srcu_barrier(struct srcu_struct *ssp);

void *__kp_srcu_dereference(const void *p, struct srcu_struct *ssp);
#define srcu_dereference(p, ssp) \
	((__typeof__(p))__kp_srcu_dereference((const void *)(p), (ssp)))
#define srcu_dereference_check(p, ssp, c) \
	((void)(c), (__typeof__(p))__kp_srcu_dereference((const void *)(p), (ssp)))

#endif /* _LINUX_SRCU_H */
