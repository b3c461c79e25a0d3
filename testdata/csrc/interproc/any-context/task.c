/*
 * The last reference to a task, in the shape of ipc/sem.c's wake-ups:
 * include/linux/sched/task.h's put_task_struct() says "In !RT, it is
 * always safe to call __put_task_struct()", and kernel/fork.c's free of
 * the task reaches vfree() only on a path that contract rules out (kapi:
 * AnyContext). A put under the semaphore array's spinlock and
 * rcu_read_lock() (wake_q_add_safe() in do_smart_update()) does not sleep
 * through it.
 */
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

struct task_demo {
	int usage;
	void *stack;
};

void vfree(const void *addr);

static void free_task_demo(struct task_demo *tsk)
{
	vfree(tsk->stack);
}

void __put_task_struct(struct task_demo *tsk)
{
	free_task_demo(tsk);
}

static inline void put_task_struct_demo(struct task_demo *t)
{
	if (--t->usage == 0)
		__put_task_struct(t);
}

static DEFINE_SPINLOCK(sem_demo_lock);

/* Not flagged: the put is documented safe in any context. */
void wake_locked_demo(struct task_demo *t)
{
	rcu_read_lock();
	spin_lock(&sem_demo_lock);
	put_task_struct_demo(t);
	spin_unlock(&sem_demo_lock);
	rcu_read_unlock();
}

/* Flagged: freeing the task's memory directly has no such contract. */
void free_locked_demo(struct task_demo *t)
{
	spin_lock(&sem_demo_lock);
	free_task_demo(t);	/* want "free_task_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&sem_demo_lock);
}
