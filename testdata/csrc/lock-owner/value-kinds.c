/*
 * Lock helpers whose returns are told apart by the kind of value they
 * give, each cut down from the kernel, where the value is known from a
 * test rather than spelled at the return.
 */
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/stddef.h>
#include <linux/types.h>

/*
 * fs/debugfs/inode.c start_creating(): the parent's lock held iff the
 * dentry returned is no ERR_PTR; the errors are known from IS_ERR().
 */
struct inode_demo { struct mutex i_rwsem; struct rw_semaphore sem; };
struct dentry_demo { struct inode_demo *inode; };
struct dentry_demo *lookup_demo(const char *name, struct dentry_demo *p);
int dead_demo(struct inode_demo *i);
int positive_demo(struct dentry_demo *d);
void dput_demo(struct dentry_demo *d);

struct dentry_demo *start_creating_demo(const char *name, struct dentry_demo *parent)
{
	struct dentry_demo *dentry;

	if (IS_ERR(parent))
		return parent;
	mutex_lock(&parent->inode->i_rwsem);
	if (dead_demo(parent->inode))
		dentry = ERR_PTR(-ENOENT);
	else
		dentry = lookup_demo(name, parent);
	if (!IS_ERR(dentry) && positive_demo(dentry)) {
		dput_demo(dentry);
		dentry = ERR_PTR(-EEXIST);
	}
	if (IS_ERR(dentry))
		mutex_unlock(&parent->inode->i_rwsem);
	return dentry;
}

/*
 * net/sunrpc/rpc_pipe.c rpc_get_sb_net(): "returned with pipefs_sb_lock
 * taken if superblock was found", the member returned non-NULL by the
 * test before it.
 */
struct sn_demo { struct mutex pipefs_sb_lock; void *pipefs_sb; };

void *get_sb_demo(struct sn_demo *sn)
{
	mutex_lock(&sn->pipefs_sb_lock);
	if (sn->pipefs_sb)
		return sn->pipefs_sb;
	mutex_unlock(&sn->pipefs_sb_lock);
	return NULL;
}

void put_sb_demo(struct sn_demo *sn)
{
	mutex_unlock(&sn->pipefs_sb_lock);
}

void use_demo(void *sb);

void sb_user_demo(struct sn_demo *sn)
{
	void *sb = get_sb_demo(sn);

	if (sb) {
		use_demo(sb);
		put_sb_demo(sn);
	}
}

/* The caller that forgets the put leaks the lock the helper returned. */
void sb_user_leaks_demo(struct sn_demo *sn)
{
	void *sb = get_sb_demo(sn);

	if (sb)
		use_demo(sb);
}	/* want `returns with "sn->pipefs_sb_lock" held` */

/*
 * ipc/util.c ipc_addid(): "the 'new' entry is returned in a locked state
 * on success", an index >= 0; a negative errno unlocked.
 */
struct perm_demo { spinlock_t lock; int key; int deleted; };
struct ids_demo { int in_use; int max_idx; };
int idr_alloc_demo(struct ids_demo *ids, struct perm_demo *new);
int insert_demo(struct ids_demo *ids, struct perm_demo *new);

int addid_demo(struct ids_demo *ids, struct perm_demo *new, int limit)
{
	int idx, err;

	if (ids->in_use >= limit)
		return -ENOSPC;
	rcu_read_lock();
	spin_lock(&new->lock);
	idx = idr_alloc_demo(ids, new);
	if (idx >= 0 && new->key != 0) {
		err = insert_demo(ids, new);
		if (err < 0)
			idx = err;
	}
	if (idx < 0) {
		new->deleted = 1;
		spin_unlock(&new->lock);
		rcu_read_unlock();
		return idx;
	}
	ids->in_use++;
	if (idx > ids->max_idx)
		ids->max_idx = idx;
	return idx;
}

int newque_demo(struct ids_demo *ids, struct perm_demo *p)
{
	int id = addid_demo(ids, p, 10);

	if (id < 0)
		return id;
	spin_unlock(&p->lock);
	rcu_read_unlock();
	return 0;
}

/*
 * net/netfilter/nf_conntrack_core.c nf_conntrack_double_lock(): "return
 * true if we need to recompute hashes", after letting the locks go on
 * that branch; false with both held, and the caller loops until then.
 */
static spinlock_t locks_demo[16];

static void double_unlock_demo(unsigned int h1, unsigned int h2)
{
	h1 %= 16;
	h2 %= 16;
	spin_unlock(&locks_demo[h1]);
	if (h1 != h2)
		spin_unlock(&locks_demo[h2]);
}

int retry_demo(unsigned int seq);

static bool double_lock_demo(unsigned int h1, unsigned int h2, unsigned int seq)
{
	h1 %= 16;
	h2 %= 16;
	if (h1 <= h2) {
		spin_lock(&locks_demo[h1]);
		if (h1 != h2)
			spin_lock_nested(&locks_demo[h2], 1);
	} else {
		spin_lock(&locks_demo[h2]);
		spin_lock_nested(&locks_demo[h1], 1);
	}
	if (retry_demo(seq)) {
		double_unlock_demo(h1, h2);
		return true;
	}
	return false;
}

unsigned int hash_demo(int x);

void confirm_demo(int x, int y, unsigned int seq)
{
	unsigned int h1, h2;

	do {
		h1 = hash_demo(x);
		h2 = hash_demo(y);
	} while (double_lock_demo(h1, h2, seq));
	double_unlock_demo(h1, h2);
}

/*
 * fs/netfs/locking.c netfs_start_io_write(): a killable lock's value
 * compared with 0 decides it as a test of the value does.
 */
int block_demo(struct inode_demo *i);

int start_io_write_demo(struct inode_demo *inode)
{
	if (down_write_killable(&inode->sem) < 0)
		return -ERESTARTSYS;
	if (block_demo(inode) < 0) {
		up_write(&inode->sem);
		return -ERESTARTSYS;
	}
	downgrade_write(&inode->sem);
	return 0;
}

/*
 * fs/namespace.c do_lock_mount(): the mountpoint returned locked, or the
 * ERR_PTR() it was initialised with, unlocked.
 */
struct mp_demo { int x; };
extern struct rw_semaphore namespace_sem_demo;
int cant_demo(struct dentry_demo *d);
void *lookup_mnt_demo(void);
struct mp_demo *get_mp_demo(struct dentry_demo *d);

struct mp_demo *do_lock_mount_demo(struct dentry_demo *dentry)
{
	struct mp_demo *mp = ERR_PTR(-ENOENT);

	do {
		down_write(&dentry->inode->sem);
		down_write(&namespace_sem_demo);
		if (cant_demo(dentry))
			break;
		if (lookup_mnt_demo()) {
			up_write(&namespace_sem_demo);
			up_write(&dentry->inode->sem);
			continue;
		}
		mp = get_mp_demo(dentry);
		if (IS_ERR(mp))
			break;
		return mp;
	} while (1);
	up_write(&namespace_sem_demo);
	up_write(&dentry->inode->sem);
	return mp;
}
