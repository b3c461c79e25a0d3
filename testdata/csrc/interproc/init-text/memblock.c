/*
 * interproc: __init code, cut down from mm/memblock.c: memblock's
 * allocator grows its arrays with kmalloc(GFP_KERNEL) once slab is up,
 * and takes a spinlock_t (a lock that sleeps on PREEMPT_RT).
 * The kernel frees init text once it has booted, so code that outlives
 * boot calls it (through __ref) only while booting.
 */
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static void *regions_demo;
static DEFINE_SPINLOCK(regions_lock_demo);

void * __init memblock_alloc_demo(unsigned long size)
{
	void *p = kmalloc(size, GFP_KERNEL);

	spin_lock(&regions_lock_demo);
	regions_demo = p;
	spin_unlock(&regions_lock_demo);
	return p;
}
