/* seqlock.h: sequence counters and seqlocks; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_SEQLOCK_H
#define __LINUX_SEQLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

typedef struct seqcount {
	unsigned int sequence;
} seqcount_t;

typedef struct seqcount_raw_spinlock {
	seqcount_t seqcount;
	raw_spinlock_t *lock;
} seqcount_raw_spinlock_t;

typedef struct seqcount_spinlock {
	seqcount_t seqcount;
	spinlock_t *lock;
} seqcount_spinlock_t;

typedef struct seqcount_rwlock {
	seqcount_t seqcount;
	rwlock_t *lock;
} seqcount_rwlock_t;

typedef struct seqcount_mutex {
	seqcount_t seqcount;
	struct mutex *lock;
} seqcount_mutex_t;

typedef struct {
	seqcount_spinlock_t seqcount;
	spinlock_t lock;
} seqlock_t;

#define SEQCNT_ZERO(name)			{ .sequence = 0 }
#define SEQCNT_SPINLOCK_ZERO(name, lk)	{ .seqcount = SEQCNT_ZERO(name), .lock = (lk) }
#define SEQCNT_RAW_SPINLOCK_ZERO(name, lk)	{ .seqcount = SEQCNT_ZERO(name), .lock = (lk) }
#define SEQCNT_MUTEX_ZERO(name, lk)		{ .seqcount = SEQCNT_ZERO(name), .lock = (lk) }
#define __SEQLOCK_UNLOCKED(lockname) \
	{ .seqcount = SEQCNT_SPINLOCK_ZERO(lockname, &(lockname).lock), \
	  .lock = __SPIN_LOCK_UNLOCKED(lockname) }
#define DEFINE_SEQLOCK(sl)			seqlock_t sl = __SEQLOCK_UNLOCKED(sl)

/* Sequence counters: the argument is any seqcount_*_t pointer. */
void __kp_seqcount_init(const void *s);
unsigned int __kp_read_seqcount_begin(const void *s);
int __kp_read_seqcount_retry(const void *s, unsigned int start);
void __kp_write_seqcount_begin(const void *s);
void __kp_write_seqcount_end(const void *s);

#define seqcount_init(s)			(__kp_seqcount_init((const void *)(s)))
#define seqcount_spinlock_init(s, lock)		((void)(lock), __kp_seqcount_init((const void *)(s)))
#define seqcount_raw_spinlock_init(s, lock)	((void)(lock), __kp_seqcount_init((const void *)(s)))
#define seqcount_mutex_init(s, lock)		((void)(lock), __kp_seqcount_init((const void *)(s)))
#define read_seqcount_begin(s)			(__kp_read_seqcount_begin((const void *)(s)))
#define raw_read_seqcount_begin(s)		(__kp_read_seqcount_begin((const void *)(s)))
#define raw_read_seqcount(s)			(__kp_read_seqcount_begin((const void *)(s)))
#define read_seqcount_retry(s, start)		(__kp_read_seqcount_retry((const void *)(s), (start)))
#define raw_seqcount_begin(s)			(__kp_read_seqcount_begin((const void *)(s)))
#define write_seqcount_begin(s)			(__kp_write_seqcount_begin((const void *)(s)))
#define write_seqcount_end(s)			(__kp_write_seqcount_end((const void *)(s)))
#define raw_write_seqcount_begin(s)		(__kp_write_seqcount_begin((const void *)(s)))
#define raw_write_seqcount_end(s)		(__kp_write_seqcount_end((const void *)(s)))

/* Seqlocks. */
void seqlock_init(seqlock_t *sl);
unsigned int read_seqbegin(const seqlock_t *sl);
unsigned int read_seqretry(const seqlock_t *sl, unsigned int start);
void write_seqlock(seqlock_t *sl);
void write_sequnlock(seqlock_t *sl);
void write_seqlock_bh(seqlock_t *sl);
void write_sequnlock_bh(seqlock_t *sl);
void write_seqlock_irq(seqlock_t *sl);
void write_sequnlock_irq(seqlock_t *sl);
void write_sequnlock_irqrestore(seqlock_t *sl, unsigned long flags);
void read_seqlock_excl(seqlock_t *sl);
void read_sequnlock_excl(seqlock_t *sl);
void read_seqbegin_or_lock(seqlock_t *lock, int *seq);
int need_seqretry(seqlock_t *lock, int seq);
void done_seqretry(seqlock_t *lock, int seq);

unsigned long __kp_write_seqlock_irqsave(seqlock_t *sl);
#define write_seqlock_irqsave(lock, flags)	((flags) = __kp_write_seqlock_irqsave(lock))

#endif /* __LINUX_SEQLOCK_H */
