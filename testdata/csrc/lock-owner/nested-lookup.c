/*
 * lock-owner: a function that gets its object from a lookup returning it
 * inside rcu_read_lock() (NULL after releasing it) and releases the
 * section after using it releases its own nested section, not its
 * caller's (net/xfrm/xfrm_input.c: xfrm_rcv_cb() after
 * xfrm_input_get_afinfo(), called by xfrm_input() inside its own
 * rcu_read_lock()): the caller's unlocks are no second release. One
 * releasing twice still is.
 */
#include <linux/rcupdate.h>
#include <linux/errno.h>
#include <linux/compiler.h>

struct afinfo_demo { int (*callback)(int); };
static struct afinfo_demo __rcu *table_demo[4];

static const struct afinfo_demo *get_afinfo_demo(unsigned int family)
{
	const struct afinfo_demo *afinfo;

	rcu_read_lock();
	afinfo = rcu_dereference(table_demo[family]);
	if (unlikely(!afinfo))
		rcu_read_unlock();
	return afinfo;
}

static int rcv_cb_demo(unsigned int family, int x)
{
	const struct afinfo_demo *afinfo;
	int ret;

	afinfo = get_afinfo_demo(family);
	if (!afinfo)
		return -EAFNOSUPPORT;
	ret = afinfo->callback(x);
	rcu_read_unlock();
	return ret;
}

int input_demo(unsigned int family, int x)
{
	int err;

	rcu_read_lock();
	err = rcv_cb_demo(family, x);
	if (err) {
		rcu_read_unlock();
		return err;
	}
	rcu_read_unlock();
	return 0;
}

int rcv_twice_demo(unsigned int family, int x)
{
	const struct afinfo_demo *afinfo;
	int ret;

	afinfo = get_afinfo_demo(family);
	if (!afinfo)
		return -EAFNOSUPPORT;
	ret = afinfo->callback(x);
	rcu_read_unlock();
	rcu_read_unlock();	/* want "rcu_read_unlock\\(\\) releases \"rcu_read_lock\\(\\)\", which this function already released" */
	return ret;
}

/*
 * A callee that first releases its caller's section, then takes one of
 * its own through the lookup and releases that (mm/memory.c
 * do_swap_page(): pte_unmap_same() of the mapping handle_pte_fault()
 * passed on, then pte_offset_map_lock() and pte_unmap_unlock()) releases
 * the caller's: the caller returning through it holds nothing.
 */
struct fault_demo {
	const struct afinfo_demo *info;
	int family;
};

static inline int unmap_same_demo(struct fault_demo *vmf)
{
	rcu_read_unlock();
	vmf->info = NULL;
	return 1;
}

static int swap_demo(struct fault_demo *vmf)
{
	int ret = 0;

	if (!unmap_same_demo(vmf))
		goto out;
	if (vmf->family < 0)
		goto out;
	vmf->info = get_afinfo_demo(vmf->family);
	if (!vmf->info)
		goto out_nomap;
	ret = 1;
out_nomap:
	if (vmf->info)
		rcu_read_unlock();
out:
	return ret;
}

int pte_fault_demo(struct fault_demo *vmf)
{
	vmf->info = get_afinfo_demo(vmf->family);
	if (!vmf->info)
		return 0;
	return swap_demo(vmf);
}
