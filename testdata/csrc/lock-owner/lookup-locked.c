/*
 * A lookup that returns the object locked (ipc/util.c ipc_findkey():
 * NULL, or the object with its lock held) keeps the name of the variable
 * its value goes to, though its arguments are the function's parameters:
 * ipcget_public() tests ipcp for NULL and releases the lock through the
 * header's ipc_unlock(ipcp) on the other branch. Naming the variable by
 * the call, as an accessor's (accessor-local.c), would have the lookup's
 * summary and the release name two locks.
 */
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/errno.h>
#include "lookup-locked.h"


struct ids_demo { struct rw_semaphore rwsem; struct perm_demo *tab[4]; };
struct params_demo { int key; int flg; };
struct ops_demo { int (*getnew)(struct params_demo *); int (*more_checks)(struct perm_demo *, struct params_demo *); int (*associate)(struct perm_demo *, int); };


struct perm_demo *lookup_demo(struct ids_demo *ids, int key);

static struct perm_demo *findkey_demo(struct ids_demo *ids, int key)
{
	struct perm_demo *ipcp = lookup_demo(ids, key);

	if (!ipcp)
		return NULL;
	rcu_read_lock();
	spin_lock(&ipcp->lock);
	return ipcp;
}

int ipcperms_demo(struct perm_demo *ipcp, int flg);

static int check_perms_demo(struct perm_demo *ipcp, const struct ops_demo *ops, struct params_demo *params)
{
	int err;

	if (ipcperms_demo(ipcp, params->flg))
		err = -EACCES;
	else {
		err = ops->associate(ipcp, params->flg);
		if (!err)
			err = ipcp->id;
	}
	return err;
}

int get_public_demo(struct ids_demo *ids, const struct ops_demo *ops, struct params_demo *params)
{
	struct perm_demo *ipcp;
	int flg = params->flg;
	int err;

	down_write(&ids->rwsem);
	ipcp = findkey_demo(ids, params->key);
	if (ipcp == NULL) {
		if (!(flg & 1))
			err = -ENOENT;
		else
			err = ops->getnew(params);
	} else {
		if (flg & 1 && flg & 2)
			err = -EEXIST;
		else {
			err = 0;
			if (ops->more_checks)
				err = ops->more_checks(ipcp, params);
			if (!err)
				err = check_perms_demo(ipcp, ops, params);
		}
		ipc_unlock_demo(ipcp);
	}
	up_write(&ids->rwsem);
	return err;
}
