/*
 * interproc: helpers that take and release locks of file-scope per-CPU
 * objects by their annotations' names, cut down from kernel/time/timer.c
 * timer_lock_remote_bases() and timer_unlock_remote_bases(). A caller
 * names those locks as the helpers do; the release is of no lock of its
 * own that ends in the same member (tmigr.c).
 */
#include <linux/spinlock.h>
#include <linux/percpu.h>
enum { BASE_LOCAL_DEMO, BASE_GLOBAL_DEMO, NR_BASES_DEMO };
struct base_demo { raw_spinlock_t lock; int x; };
static DEFINE_PER_CPU(struct base_demo, bases_demo[NR_BASES_DEMO]);

void unlock_bases_demo(unsigned int cpu)
	__releases(bases_demo[BASE_LOCAL_DEMO]->lock)
	__releases(bases_demo[BASE_GLOBAL_DEMO]->lock)
{
	struct base_demo *l = per_cpu_ptr(&bases_demo[BASE_LOCAL_DEMO], cpu);
	struct base_demo *g = per_cpu_ptr(&bases_demo[BASE_GLOBAL_DEMO], cpu);

	raw_spin_unlock(&g->lock);
	raw_spin_unlock(&l->lock);
}

void lock_bases_demo(unsigned int cpu)
	__acquires(bases_demo[BASE_LOCAL_DEMO]->lock)
	__acquires(bases_demo[BASE_GLOBAL_DEMO]->lock)
{
	struct base_demo *l = per_cpu_ptr(&bases_demo[BASE_LOCAL_DEMO], cpu);
	struct base_demo *g = per_cpu_ptr(&bases_demo[BASE_GLOBAL_DEMO], cpu);

	raw_spin_lock(&l->lock);
	raw_spin_lock_nested(&g->lock, SINGLE_DEPTH_NESTING);
}
