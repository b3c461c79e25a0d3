/*
 * Lock helpers that return holding one lock or another, in the shape of
 * ipc/sem.c sem_lock(): the semaphore's own lock for a simple operation
 * (returning its number), or the whole array's (returning
 * SEM_GLOBAL_LOCK); sem_unlock() releases the one the value names. Every
 * exit holds a lock the others do not: no report. A function that
 * returns holding nothing where other returns of the same kinds of value
 * hold a lock forgot an unlock, and so does one whose exits all hold a
 * lock taken around the whole function while some also hold a second.
 */
#include <linux/spinlock.h>

#define GLOBAL_LOCK_DEMO (-1)

struct sem_demo {
	spinlock_t lock;
	int val;
};

struct sem_array_demo {
	spinlock_t lock;
	int use_global_lock;
	struct sem_demo sems[4];
};

int sem_lock_demo(struct sem_array_demo *sma, int num, int nsops)
{
	struct sem_demo *sem;

	if (nsops != 1) {
		spin_lock(&sma->lock);
		return GLOBAL_LOCK_DEMO;
	}
	sem = &sma->sems[num & 3];
	if (!READ_ONCE(sma->use_global_lock)) {
		spin_lock(&sem->lock);
		if (!smp_load_acquire(&sma->use_global_lock))
			return num & 3;
		spin_unlock(&sem->lock);
	}
	spin_lock(&sma->lock);
	if (sma->use_global_lock == 0) {
		spin_lock(&sem->lock);
		spin_unlock(&sma->lock);
		return num & 3;
	}
	return GLOBAL_LOCK_DEMO;
}

int sem_lock_leaks_demo(struct sem_array_demo *sma, int num)
{
	struct sem_demo *sem = &sma->sems[num & 3];

	if (!READ_ONCE(sma->use_global_lock)) {
		spin_lock(&sem->lock);
		if (sem->val < 0)
			return -22;	/* want "returns with \"sem->lock\" held" */
		spin_unlock(&sem->lock);
	}
	if (sma->use_global_lock > 1)
		return -16;
	spin_lock(&sma->lock);
	return GLOBAL_LOCK_DEMO;	/* want "returns with \"sma->lock\" held" */
}

int sem_update_demo(struct sem_array_demo *sma, int num)
{
	struct sem_demo *sem = &sma->sems[num & 3];

	spin_lock(&sma->lock);
	spin_lock(&sem->lock);
	if (sem->val < 0)
		return -22;	/* want "returns with \"sem->lock\" held" */
	spin_unlock(&sem->lock);
	return -16;
}
