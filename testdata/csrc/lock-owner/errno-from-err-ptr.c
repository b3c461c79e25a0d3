/*
 * lock-owner: PTR_ERR() of a pointer IS_ERR() found to be an error
 * pointer is a negative errno. net/ipv4/tcp_sigpool.c
 * tcp_sigpool_start() returns 0 inside the RCU-bh read side and an errno
 * outside it (__cond_acquires(RCU_BH)): a conditional helper whose value
 * tells its callers, not flagged. The same errno returned inside the
 * read side, while 0 is returned outside it, is an error path that
 * forgot to unlock.
 */
#include <linux/rcupdate.h>
#include <linux/err.h>
#include <linux/errno.h>

struct hash_demo;
struct hash_demo *clone_hash_demo(unsigned int id);

struct sigpool_demo {
	struct hash_demo *hash;
};

int sigpool_start_demo(unsigned int id, struct sigpool_demo *c)
{
	struct hash_demo *hash;

	rcu_read_lock_bh();
	if (id > 8) {
		rcu_read_unlock_bh();
		return -EINVAL;
	}
	hash = clone_hash_demo(id);
	if (IS_ERR(hash)) {
		rcu_read_unlock_bh();
		return PTR_ERR(hash);
	}
	c->hash = hash;
	return 0;
}

int sigpool_peek_demo(unsigned int id, struct sigpool_demo *c)
{
	struct hash_demo *hash;

	rcu_read_lock_bh();
	hash = clone_hash_demo(id);
	if (IS_ERR(hash))
		return PTR_ERR(hash);	/* want "returns with \"rcu_read_lock_bh\\(\\)\" held" */
	c->hash = hash;
	rcu_read_unlock_bh();
	return 0;
}
