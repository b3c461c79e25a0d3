/*
 * Annotations written on a prototype count for the definition, as for
 * sparse; written on both, they name one lock (mm/filemap.c,
 * migration_entry_wait_on_locked() and include/linux/migrate.h). A
 * context of sparse's that is no lock (fs/debugfs/file.c,
 * debugfs_leave_cancellation(): __releases(cancellation)) is released on
 * no way out: not flagged. A lock released on one way out and not on
 * another is.
 */
#include <linux/spinlock.h>
#include <linux/mutex.h>

void wait_on_locked(int entry, spinlock_t *ptl) __releases(ptl);

void wait_on_locked(int entry, spinlock_t *ptl)
	__releases(ptl)
{
	spin_unlock(ptl);
}

struct cancellation {
	int list;
};

struct fsdata {
	struct mutex cancellations_mtx;
};

void __acquires(cancellation) enter_cancellation(struct fsdata *fsd, struct cancellation *cancellation);
void __releases(cancellation) leave_cancellation(struct fsdata *fsd, struct cancellation *cancellation);

void leave_cancellation(struct fsdata *fsd, struct cancellation *cancellation)
{
	if (!fsd)
		return;
	mutex_lock(&fsd->cancellations_mtx);
	cancellation->list = 0;
	mutex_unlock(&fsd->cancellations_mtx);
}

void unlock_unless(int busy, spinlock_t *ptl) __releases(ptl);

void unlock_unless(int busy, spinlock_t *ptl)
{
	if (busy)
		return; /* want "returns with \"ptl\" held \\(the function is annotated to release it\\)" */
	spin_unlock(ptl);
}
