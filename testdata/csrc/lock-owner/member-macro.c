/*
 * A lock spelled with an object-like macro (fs/dcache.c: d_lock is
 * d_lockref.lock) and taken by a lock primitive that is itself a macro
 * (spin_lock_nested() without lockdep expands to _raw_spin_lock()), then
 * released by an inline function that is given the expanded spelling:
 * the same lock. __d_move() releases what it takes. The primitives are
 * declared here as include/linux/spinlock.h defines them.
 */
#include <linux/bug.h>

typedef struct { int raw; } spinlock_t;
void _raw_spin_lock(spinlock_t *lock);
void _raw_spin_unlock(spinlock_t *lock);

static inline void spin_unlock(spinlock_t *lock)
{
	_raw_spin_unlock(lock);
}

#define spin_lock_nested(lock, subclass) \
	do { _raw_spin_lock(((void)(subclass), (lock))); } while (0)

struct lockref {
	spinlock_t lock;
	int count;
};

struct dentry {
	struct lockref d_lockref;
	struct dentry *d_parent;
};

#define d_lock d_lockref.lock

static void __d_move(struct dentry *dentry, struct dentry *target)
{
	if (WARN_ON(dentry == target))
		return;
	spin_lock_nested(&dentry->d_lock, 2);
	spin_lock_nested(&target->d_lock, 3);
	dentry->d_parent = target->d_parent;
	spin_unlock(&target->d_lock);
	spin_unlock(&dentry->d_lock);
}

void d_move(struct dentry *dentry, struct dentry *target)
{
	__d_move(dentry, target);
}

/* Still one lock when the release forgets it on a way out. Flagged. */
static int d_move_checked(struct dentry *dentry, struct dentry *target)
{
	if (WARN_ON(dentry == target))
		return -1;
	spin_lock_nested(&dentry->d_lock, 2);
	if (target->d_parent == dentry)
		return -2; /* want "returns with \"dentry->d_lockref.lock\" held \\(taken by spin_lock_nested\\(\\) at line 56\\)" */
	spin_unlock(&dentry->d_lock);
	return 0;
}

int d_exchange(struct dentry *dentry, struct dentry *target)
{
	return d_move_checked(dentry, target);
}
