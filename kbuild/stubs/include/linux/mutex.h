/* mutex.h: struct mutex and the mutex_lock family; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/spinlock_types.h>
#include <asm/current.h>

struct device;

struct mutex {
	atomic_long_t owner;
	raw_spinlock_t wait_lock;
	struct list_head wait_list;
};

#define __MUTEX_INITIALIZER(lockname) \
	{ .owner = ATOMIC_LONG_INIT(0), \
	  .wait_lock = __RAW_SPIN_LOCK_UNLOCKED(lockname.wait_lock), \
	  .wait_list = LIST_HEAD_INIT(lockname.wait_list) }
#define DEFINE_MUTEX(mutexname)	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void mutex_init(struct mutex *lock);
void mutex_destroy(struct mutex *lock);
int devm_mutex_init(struct device *dev, struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_killable(struct mutex *lock);
void mutex_lock_io(struct mutex *lock);
void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
int mutex_lock_interruptible_nested(struct mutex *lock, unsigned int subclass);
int mutex_lock_killable_nested(struct mutex *lock, unsigned int subclass);
void mutex_lock_io_nested(struct mutex *lock, unsigned int subclass);
void mutex_lock_nest_lock(struct mutex *lock, const void *nest_lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);

#endif /* __LINUX_MUTEX_H */
