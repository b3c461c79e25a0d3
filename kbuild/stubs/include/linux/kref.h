/* kref.h: struct kref; stub for standalone checking, not the kernel's definitions. */
#ifndef _KREF_H_
#define _KREF_H_

#include <linux/types.h>
#include <linux/refcount.h>
#include <linux/spinlock_types.h>

struct mutex;

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n)	{ .refcount = REFCOUNT_INIT(n) }

void kref_init(struct kref *kref);
unsigned int kref_read(const struct kref *kref);
void kref_get(struct kref *kref);
int kref_get_unless_zero(struct kref *kref);
int kref_put(struct kref *kref, void (*release)(struct kref *kref));
int kref_put_lock(struct kref *kref, void (*release)(struct kref *kref), spinlock_t *lock);
int kref_put_mutex(struct kref *kref, void (*release)(struct kref *kref), struct mutex *lock);

#endif /* _KREF_H_ */
