/* The stream, its lock helpers, and the kernel's macro that writes a scope guard with a pair of them. */
#include <linux/spinlock.h>
#include <linux/mutex.h>

struct group_demo {
	spinlock_t lock;
	struct mutex mutex;
};

struct stream_demo {
	int nonatomic;
	int state;
	int locked;
	struct group_demo self_group;
};

unsigned long stream_lock_irqsave_demo(struct stream_demo *s);
void stream_unlock_irqrestore_demo(struct stream_demo *s, unsigned long flags);
int stream_lock_checked_demo(struct stream_demo *s);

/* include/linux/cleanup.h DEFINE_LOCK_GUARD_1(), as the kernel writes it. */
#define DEMO_LOCK_GUARD_1(_name, _type, _lock, _unlock, ...)		\
typedef struct {							\
	_type *lock;							\
	__VA_ARGS__;							\
} class_##_name##_t;							\
static inline void class_##_name##_destructor(class_##_name##_t *_T)	\
{									\
	if (_T->lock) { _unlock; }					\
}									\
static inline class_##_name##_t class_##_name##_constructor(_type *l)	\
{									\
	class_##_name##_t _t = { .lock = l }, *_T = &_t;		\
	_lock;								\
	return _t;							\
}
