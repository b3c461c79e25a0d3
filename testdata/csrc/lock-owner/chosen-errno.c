/*
 * lock-owner: a lookup that returns its object locked or NULL, a wrapper
 * that turns the pointer into an errno (err = c ? 0 : -ENODEV) and returns
 * it through an error label that other paths reach with another errno,
 * and callers that go on only when it returned 0 (kernel/time/
 * posix-clock.c's get_posix_clock() and get_clock_desc()). The lock is
 * held iff the wrapper returned 0: a return after that test that does not
 * release it leaks it (commit 6e62807c7fbb).
 */
#include <linux/rwsem.h>
#include <linux/errno.h>
#include <linux/types.h>

struct pclock {
	struct rw_semaphore rwsem;
	bool zombie;
	int (*settime)(struct pclock *clk, int v);
};

struct pdesc {
	struct pclock *clk;
	void *fp;
};

void *pfile_get(int id);
void pfile_put(void *fp);
struct pclock *pclock_of(void *fp);

static struct pclock *pclock_get(void *fp)
{
	struct pclock *clk = pclock_of(fp);

	down_read(&clk->rwsem);
	if (!clk->zombie)
		return clk;
	up_read(&clk->rwsem);
	return NULL;
}

static void pclock_put(struct pclock *clk)
{
	up_read(&clk->rwsem);
}

static int pdesc_get(int id, struct pdesc *cd)
{
	void *fp = pfile_get(id);
	int err = -EINVAL;

	if (!fp)
		return err;
	if (id < 0)
		goto out;
	cd->fp = fp;
	cd->clk = pclock_get(fp);
	err = cd->clk ? 0 : -ENODEV;
out:
	if (err)
		pfile_put(fp);
	return err;
}

static void pdesc_put(struct pdesc *cd)
{
	pclock_put(cd->clk);
	pfile_put(cd->fp);
}

/* Every path that got the clock puts it. Not flagged. */
int pclock_settime(int id, int v)
{
	struct pdesc cd;
	int err;

	err = pdesc_get(id, &cd);
	if (err)
		return err;
	if (cd.clk->settime)
		err = cd.clk->settime(cd.clk, v);
	else
		err = -EOPNOTSUPP;
	pdesc_put(&cd);
	return err;
}

/* The check after the lookup returns without putting the clock. */
int pclock_settime_checked(int id, int v)
{
	struct pdesc cd;
	int err;

	err = pdesc_get(id, &cd);
	if (err)
		return err;
	if (v < 0)
		return -EINVAL;	/* want `returns with "cd.clk->rwsem" held` */
	err = cd.clk->settime(cd.clk, v);
	pdesc_put(&cd);
	return err;
}
