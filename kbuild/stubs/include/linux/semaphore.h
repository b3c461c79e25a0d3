/* semaphore.h: counting semaphores; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_SEMAPHORE_H
#define __LINUX_SEMAPHORE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>

struct semaphore {
	raw_spinlock_t lock;
	unsigned int count;
	struct list_head wait_list;
};

#define __SEMAPHORE_INITIALIZER(name, n) \
	{ .lock = __RAW_SPIN_LOCK_UNLOCKED(name.lock), .count = (n), \
	  .wait_list = LIST_HEAD_INIT(name.wait_list) }
#define DEFINE_SEMAPHORE(name, n) \
	struct semaphore name = __SEMAPHORE_INITIALIZER(name, n)

void sema_init(struct semaphore *sem, int val);
void down(struct semaphore *sem);
int down_interruptible(struct semaphore *sem);
int down_killable(struct semaphore *sem);
int down_trylock(struct semaphore *sem);
int down_timeout(struct semaphore *sem, long timeout);
void up(struct semaphore *sem);

#endif /* __LINUX_SEMAPHORE_H */
