/*
 * A goto to a shared exit whose tail (timing, statistics) changes nothing
 * of the context: the paths that jumped there holding a lock are told
 * apart from those that released it, as at a return reached from several
 * blocks (fs/ext4/extents_status.c __es_shrink() with the unlock before
 * "goto out" deleted).
 */
#include <linux/spinlock.h>
#include <linux/rwsem.h>

struct sbi_demo {
	spinlock_t s_es_lock;
	int nr_inodes;
	long max_scan_time;
	long scan_time;
	int errors;
	int dead;
};

long ktime_get_demo(void);

int es_shrink_broken_demo(struct sbi_demo *sbi, int nr_to_walk)
{
	int nr_shrunk = 0;
	long start = ktime_get_demo();
	long scan_time;

	spin_lock(&sbi->s_es_lock);
	while (nr_to_walk-- > 0) {
		if (!sbi->nr_inodes)
			goto out;
		nr_shrunk++;
	}
	spin_unlock(&sbi->s_es_lock);
out:
	scan_time = ktime_get_demo() - start;
	if (scan_time > sbi->max_scan_time)
		sbi->max_scan_time = scan_time;
	else
		sbi->scan_time = scan_time;
	return nr_shrunk;	/* want `returns with "sbi->s_es_lock" held \(taken by spin_lock\(\) at line 28\); other paths to this return do not hold it` */
}

/* Not flagged: the original, unlocking before the goto. */
int es_shrink_demo(struct sbi_demo *sbi, int nr_to_walk)
{
	int nr_shrunk = 0;
	long start = ktime_get_demo();
	long scan_time;

	spin_lock(&sbi->s_es_lock);
	while (nr_to_walk-- > 0) {
		if (!sbi->nr_inodes) {
			spin_unlock(&sbi->s_es_lock);
			goto out;
		}
		nr_shrunk++;
	}
	spin_unlock(&sbi->s_es_lock);
out:
	scan_time = ktime_get_demo() - start;
	if (scan_time > sbi->max_scan_time)
		sbi->max_scan_time = scan_time;
	return nr_shrunk;
}

/* Not flagged: locked and unlocked under the same test of a parameter. */
int count_demo(struct sbi_demo *sbi, int locked)
{
	int n;

	if (!locked)
		spin_lock(&sbi->s_es_lock);
	n = sbi->nr_inodes;
	if (!locked)
		spin_unlock(&sbi->s_es_lock);
	if (n > 3)
		sbi->scan_time = n;
	return n;
}

/* Not flagged: a helper whose value tells its caller the lock is held (0). */
int lock_live_demo(struct sbi_demo *sbi)
{
	int ret = 0;

	spin_lock(&sbi->s_es_lock);
	if (sbi->dead) {
		spin_unlock(&sbi->s_es_lock);
		ret = -2;
		goto out;
	}
out:
	if (sbi->errors > 10)
		sbi->scan_time = 0;
	return ret;
}


/*
 * Not flagged: a killable lock is held as the value returned says; on the
 * way where l1 == l2 the second lock is the first (kernel/kcmp.c
 * kcmp_lock()).
 */
int kcmp_lock_demo(struct rw_semaphore *l1, struct rw_semaphore *l2)
{
	int err;

	if (l2 > l1)
		swap(l1, l2);
	err = down_read_killable(l1);
	if (!err && likely(l1 != l2)) {
		err = down_read_killable(l2);
		if (err)
			up_read(l1);
	}
	return err;
}
