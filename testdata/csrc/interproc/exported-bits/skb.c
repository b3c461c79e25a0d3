/*
 * interproc: a call an exported function makes only for some bits of
 * its parameter, cut down from net/core/skbuff.c __alloc_skb(): it takes
 * its head from the per-CPU NAPI cache only where (flags &
 * (SKB_ALLOC_FCLONE | SKB_ALLOC_NAPI)) == SKB_ALLOC_NAPI. Modules may
 * call it, so its calls are all kept; but the callers that enter it
 * preemptible pass SKB_ALLOC_RX or SKB_ALLOC_FCLONE, never
 * SKB_ALLOC_NAPI, so the cache is not used preemptible through it; nor
 * does skb_segment(), whose flags are what skb_alloc_rx_flag() returns:
 * SKB_ALLOC_RX or 0, never another bit, nor __pskb_copy_fclone(), which
 * passes a local holding that or'ed with SKB_ALLOC_FCLONE or 0. A
 * function that takes the cache
 * under a test its preemptible caller's flags pass is reported.
 */
#include <linux/export.h>
#include <linux/mutex.h>
#include <linux/percpu.h>

enum {
	SKB_ALLOC_FCLONE_DEMO = 0x01,
	SKB_ALLOC_RX_DEMO = 0x02,
	SKB_ALLOC_NAPI_DEMO = 0x04,
};

struct napi_cache_demo {
	int count;
};

static DEFINE_PER_CPU(struct napi_cache_demo, napi_cache_demo);
static DEFINE_PER_CPU(struct napi_cache_demo, rx_cache_demo);
static DEFINE_MUTEX(test_mutex_demo);

static int napi_cache_get_demo(void)
{
	return this_cpu_ptr(&napi_cache_demo)->count;
}

static int rx_cache_get_demo(void)
{
	return this_cpu_ptr(&rx_cache_demo)->count;	/* want "this_cpu_ptr\\(\\) used in preemptible code" */
}

int alloc_skb_demo(int size, int flags, int node)
{
	if ((flags & (SKB_ALLOC_FCLONE_DEMO | SKB_ALLOC_NAPI_DEMO)) == SKB_ALLOC_NAPI_DEMO && node == -1)
		return napi_cache_get_demo();
	if (flags & SKB_ALLOC_RX_DEMO)
		return rx_cache_get_demo();
	return 0;
}
EXPORT_SYMBOL(alloc_skb_demo);

static int netdev_alloc_skb_demo(int size)
{
	return alloc_skb_demo(size, SKB_ALLOC_RX_DEMO, -1);
}

static int alloc_skb_fclone_demo(int size)
{
	return alloc_skb_demo(size, SKB_ALLOC_FCLONE_DEMO, -1);
}

struct sk_buff_demo {
	int pfmemalloc;
};

static inline int skb_alloc_rx_flag_demo(const struct sk_buff_demo *skb)
{
	if (skb->pfmemalloc)
		return SKB_ALLOC_RX_DEMO;
	return 0;
}

static int skb_segment_demo(struct sk_buff_demo *head_skb, int size)
{
	return alloc_skb_demo(size, skb_alloc_rx_flag_demo(head_skb), -1);
}

static int pskb_copy_fclone_demo(struct sk_buff_demo *skb, int size, bool fclone)
{
	int flags = skb_alloc_rx_flag_demo(skb) | (fclone ? SKB_ALLOC_FCLONE_DEMO : 0);

	return alloc_skb_demo(size, flags, -1);
}

void loopback_test_demo(struct sk_buff_demo *skb)
{
	mutex_lock(&test_mutex_demo);
	mutex_unlock(&test_mutex_demo);
	netdev_alloc_skb_demo(64);
	alloc_skb_fclone_demo(64);
	skb_segment_demo(skb, 64);
	pskb_copy_fclone_demo(skb, 64, true);
}
