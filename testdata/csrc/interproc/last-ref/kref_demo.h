/* kref_put() as include/linux/kref.h writes it: the release runs only
 * where the decrement dropped the last reference. */
#include <linux/refcount.h>

struct kref_demo {
	refcount_t refcount;
};

static inline int kref_put_demo(struct kref_demo *kref, void (*release)(struct kref_demo *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}
