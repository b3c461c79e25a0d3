/* refcount.h: refcount_t; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/spinlock_types.h>

struct mutex;

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n) }

void refcount_set(refcount_t *r, int n);
unsigned int refcount_read(const refcount_t *r);
void refcount_inc(refcount_t *r);
void refcount_dec(refcount_t *r);
void refcount_add(int i, refcount_t *r);
bool refcount_inc_not_zero(refcount_t *r);
bool refcount_add_not_zero(int i, refcount_t *r);
bool refcount_dec_and_test(refcount_t *r);
bool refcount_sub_and_test(int i, refcount_t *r);
bool refcount_dec_not_one(refcount_t *r);
bool refcount_dec_if_one(refcount_t *r);
bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock);
bool refcount_dec_and_lock_irqsave(refcount_t *r, spinlock_t *lock, unsigned long *flags);
bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock);

#endif /* _LINUX_REFCOUNT_H */
