/*
 * A lock reached through the object a pointer is a member of: ipc/msg.c
 * msgctl_down() has msq = container_of(ipcp, struct msg_queue, q_perm),
 * locks &msq->q_perm and hands ipcp to freeque(), which finds the same
 * object again with its own container_of() and releases the lock. Both
 * name it through the pointer (ipcp->lock), so the release is the
 * caller's. A callee that releases another lock leaves it held.
 */
#include <linux/spinlock.h>
#include <linux/container_of.h>

struct perm_demo {
	spinlock_t lock;
	int id;
};

struct queue_demo {
	int qnum;
	struct perm_demo q_perm;
	spinlock_t other;
};

static inline void lock_object_demo(struct perm_demo *perm)
{
	spin_lock(&perm->lock);
}

static inline void unlock_object_demo(struct perm_demo *perm)
{
	spin_unlock(&perm->lock);
}

static void freeque_demo(struct perm_demo *ipcp)
{
	struct queue_demo *msq = container_of(ipcp, struct queue_demo, q_perm);

	msq->qnum = 0;
	unlock_object_demo(&msq->q_perm);
}

static void freeother_demo(struct perm_demo *ipcp)
{
	struct queue_demo *msq = container_of(ipcp, struct queue_demo, q_perm);

	spin_unlock(&msq->other);
}

int ctl_down_demo(struct perm_demo *ipcp, int cmd)
{
	struct queue_demo *msq = container_of(ipcp, struct queue_demo, q_perm);
	int err = 0;

	switch (cmd) {
	case 0:
		lock_object_demo(&msq->q_perm);
		freeque_demo(ipcp);
		goto out;
	case 1:
		lock_object_demo(&msq->q_perm);
		msq->qnum++;
		break;
	default:
		err = -22;
		goto out;
	}
	unlock_object_demo(&msq->q_perm);
out:
	return err;
}

int ctl_leak_demo(struct perm_demo *ipcp, int cmd)
{
	struct queue_demo *msq = container_of(ipcp, struct queue_demo, q_perm);

	spin_lock(&msq->other);
	lock_object_demo(&msq->q_perm);
	freeother_demo(ipcp);
	if (cmd)
		return 0;	/* want "returns with \"ipcp->lock\" held" */
	unlock_object_demo(&msq->q_perm);
	return 0;
}

/*
 * The same object locked through a helper given the container
 * (ipc/shm.c shm_try_destroy_orphaned(): shm_lock_by_ptr(shp), then
 * shm_unlock(shp), ipc_unlock(&shp->shm_perm)): the helper's lock, named
 * in the caller's terms, is the pointer's too.
 */
static inline void lock_by_ptr_demo(struct queue_demo *q)
{
	lock_object_demo(&q->q_perm);
}

int destroy_orphaned_demo(int id, void *p)
{
	struct perm_demo *ipcp = p;
	struct queue_demo *shp = container_of(ipcp, struct queue_demo, q_perm);

	if (shp->qnum)
		return 0;
	lock_by_ptr_demo(shp);
	if (id)
		freeque_demo(ipcp);
	else
		unlock_object_demo(&shp->q_perm);
	return 0;
}
