/*
 * lock-owner: a lock a helper takes iff it returns 0, through a local
 * copy of current->mm, is the one the unlock through the same copy
 * releases. Cut down from mm/util.c vm_mmap_pgoff(): mm = current->mm;
 * if (mmap_write_lock_killable(mm)) return -EINTR; ...
 * mmap_write_unlock(mm). Not flagged.
 */
#include <linux/sched.h>
#include <linux/rwsem.h>

struct mm_demo {
	struct rw_semaphore mmap_lock;
};

struct task_struct {
	struct mm_demo *mm;
};

int do_mmap_demo(void);

static inline int mmap_write_lock_killable_demo(struct mm_demo *mm)
{
	return down_write_killable(&mm->mmap_lock);
}

static inline void mmap_write_unlock_demo(struct mm_demo *mm)
{
	up_write(&mm->mmap_lock);
}

int vm_mmap_pgoff_demo(void)
{
	struct mm_demo *mm = current->mm;
	int ret;

	if (mmap_write_lock_killable_demo(mm))
		return -4;
	ret = do_mmap_demo();
	mmap_write_unlock_demo(mm);
	return ret;
}

/* Without the unlock: flagged. */
int vm_mmap_leak_demo(void)
{
	struct mm_demo *mm = current->mm;

	if (mmap_write_lock_killable_demo(mm))
		return -4;
	return do_mmap_demo();	/* want "returns with \"current->mm->mmap_lock\" held" */
}
