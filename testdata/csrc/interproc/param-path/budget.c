/*
 * interproc: a constant passed on through a parameter of a caller
 * entered preemptible (drivers/net/ethernet/intel/e1000: e1000_clean_tx_ring()
 * passes a budget of 0 to e1000_unmap_and_free_tx_resource(), which passes
 * it on to napi_consume_skb(); net/core/skbuff.c frees into the per-CPU
 * cache only for a nonzero budget, in NAPI's softirq). A wrapper called
 * preemptible with a nonzero budget makes the use a finding (a chain of
 * its own, so that its trace is the one shown).
 */
#include <linux/percpu.h>
#include <linux/types.h>

struct skb_demo {
	int len;
};

struct cache_demo {
	int count;
	struct skb_demo *skbs[64];
};

static DEFINE_PER_CPU(struct cache_demo, skb_cache_demo);

void skb_free_any_demo(struct skb_demo *skb);

static void skb_cache_put_demo(struct skb_demo *skb)
{
	struct cache_demo *nc = this_cpu_ptr(&skb_cache_demo);

	nc->skbs[nc->count++] = skb;
}

static void consume_skb_demo(struct skb_demo *skb, int budget)
{
	if (!budget) {
		skb_free_any_demo(skb);
		return;
	}
	skb_cache_put_demo(skb);
}

static void unmap_and_free_demo(struct skb_demo *skb, int budget)
{
	consume_skb_demo(skb, budget);
}

/* Entered preemptible with a budget of 0: the cache is not used. */
void clean_ring_demo(struct skb_demo **ring, int n)
{
	int i;

	for (i = 0; i < n; i++)
		unmap_and_free_demo(ring[i], 0);
}

static void skb_cache_put2_demo(struct skb_demo *skb)
{
	struct cache_demo *nc = this_cpu_ptr(&skb_cache_demo);	/* want "this_cpu_ptr\\(\\) used in preemptible code" */

	nc->skbs[nc->count++] = skb;
}

static void consume_skb2_demo(struct skb_demo *skb, int budget)
{
	if (!budget) {
		skb_free_any_demo(skb);
		return;
	}
	skb_cache_put2_demo(skb);
}

static void unmap_and_free2_demo(struct skb_demo *skb, int budget)
{
	consume_skb2_demo(skb, budget);
}

/* Entered preemptible with a nonzero budget: the cache is used. */
void clean_ring_budget_demo(struct skb_demo **ring, int n)
{
	int i;

	for (i = 0; i < n; i++)
		unmap_and_free2_demo(ring[i], 64);
}
