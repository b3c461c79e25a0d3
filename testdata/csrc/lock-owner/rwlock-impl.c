/*
 * The rwlock_t implementation, cut down from kernel/locking/spinlock.c and
 * include/linux/rwlock_api_smp.h: _raw_read_unlock() is annotated to
 * release its argument, and does so through the arch lock's macro
 * (do_raw_read_unlock(), include/linux/rwlock.h). Not flagged; a release
 * forgotten on one way out is.
 */
#include <linux/compiler.h>
#include <linux/preempt.h>

typedef struct { int cnts; } arch_rwlock_t;
typedef struct { arch_rwlock_t raw_lock; } rwlock_t;

void queued_read_lock(arch_rwlock_t *lock);
void queued_read_unlock(arch_rwlock_t *lock);
#define arch_read_lock(l)	queued_read_lock(l)
#define arch_read_unlock(l)	queued_read_unlock(l)
#define do_raw_read_lock(rwlock)	do { arch_read_lock(&(rwlock)->raw_lock); } while (0)
#define do_raw_read_unlock(rwlock)	do { arch_read_unlock(&(rwlock)->raw_lock); } while (0)

static inline void __raw_read_lock(rwlock_t *lock)
{
	preempt_disable();
	do_raw_read_lock(lock);
}

static inline void __raw_read_unlock(rwlock_t *lock)
{
	do_raw_read_unlock(lock);
	preempt_enable();
}

void _raw_read_lock(rwlock_t *lock) __acquires(lock)
{
	__raw_read_lock(lock);
}

void _raw_read_unlock(rwlock_t *lock) __releases(lock)
{
	__raw_read_unlock(lock);
}

void _raw_read_unlock_early(rwlock_t *lock, int busy) __releases(lock)
{
	if (busy)
		return; /* want "returns with \"lock\" held \\(the function is annotated to release it\\)" */
	do_raw_read_unlock(lock);
	preempt_enable();
}
