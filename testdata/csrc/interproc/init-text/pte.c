/*
 * interproc: a runtime path that reaches __init code only while booting,
 * cut down from arch/x86/mm/init_64.c and arch/x86/events/intel/ds.c:
 * spp_getpage() (__ref) allocates from memblock before after_bootmem,
 * from the page allocator after; ds_update_cea() maps pages under
 * preempt_disable() at run time. Through the __init allocator it does
 * not sleep for its callers. An initcall, itself __init, calling the
 * allocator under a spinlock does.
 */
#include <linux/init.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

void *memblock_alloc_demo(unsigned long size);
void *zeroed_page_demo(void);

static int after_bootmem_demo;
static DEFINE_SPINLOCK(pool_lock_demo);

static void __ref *spp_getpage_demo(void)
{
	if (after_bootmem_demo)
		return zeroed_page_demo();
	return memblock_alloc_demo(64);
}

void ds_update_cea_demo(void)
{
	preempt_disable();
	spp_getpage_demo();
	preempt_enable();
}

static int __init pool_init_demo(void)
{
	spin_lock(&pool_lock_demo);
	memblock_alloc_demo(32);	/* want "memblock_alloc_demo\\(\\) may sleep in atomic context" */
	spin_unlock(&pool_lock_demo);
	return 0;
}
early_initcall(pool_init_demo);
