/* rwsem.h: read-write semaphores; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/spinlock_types.h>

struct rw_semaphore {
	atomic_long_t count;
	atomic_long_t owner;
	raw_spinlock_t wait_lock;
	struct list_head wait_list;
};

#define __RWSEM_INITIALIZER(name) \
	{ .count = ATOMIC_LONG_INIT(0), .owner = ATOMIC_LONG_INIT(0), \
	  .wait_lock = __RAW_SPIN_LOCK_UNLOCKED(name.wait_lock), \
	  .wait_list = LIST_HEAD_INIT(name.wait_list) }
#define DECLARE_RWSEM(name)	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void init_rwsem(struct rw_semaphore *sem);
int rwsem_is_locked(struct rw_semaphore *sem);
int rwsem_is_contended(struct rw_semaphore *sem);
void rwsem_assert_held(const struct rw_semaphore *sem);
void rwsem_assert_held_write(const struct rw_semaphore *sem);
void down_read(struct rw_semaphore *sem);
int down_read_interruptible(struct rw_semaphore *sem);
int down_read_killable(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
void down_read_nested(struct rw_semaphore *sem, int subclass);
void down_read_non_owner(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_read_non_owner(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int down_write_killable(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void down_write_nested(struct rw_semaphore *sem, int subclass);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);

#endif /* _LINUX_RWSEM_H */
