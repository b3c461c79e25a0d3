package rules

import (
	"fmt"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// RTAllocInAtomic flags memory allocation where the context is atomic on
// PREEMPT_RT too, whatever the GFP flags.
var RTAllocInAtomic = register(&Rule{
	ID:      "rt-alloc-in-atomic",
	Summary: "memory allocated where the context is atomic on every kernel, which PREEMPT_RT forbids even with GFP_ATOMIC",
	Doc: `Flags a call of an allocator (kmalloc(), kzalloc(), kcalloc(), kmem_cache_alloc(),
alloc_pages(), __get_free_pages(), kstrdup(), mempool_alloc(), ...) whose GFP flags do
not allow sleeping (GFP_ATOMIC, GFP_NOWAIT, or flags the analysis cannot read) where the
context is atomic on PREEMPT_RT too: a raw spinlock or bit spinlock held, interrupts or
preemption truly disabled, or a function every caller enters so. On PREEMPT_RT the
allocator takes sleeping locks. Allocating under a spinlock_t is fine on both kernels;
an allocation that may sleep anywhere is sleep-in-atomic's.`,
	Source: "Documentation/locking/locktypes.rst, raw_spinlock_t on RT",
	Quote: `But this code fails on PREEMPT_RT kernels because the memory allocator is
fully preemptible and therefore cannot be invoked from truly atomic
contexts.  However, it is perfectly fine to invoke the memory allocator
while holding normal non-raw spinlocks because they do not disable
preemption on PREEMPT_RT kernels`,
	Model: RTModel,
	Bad: `#include <linux/spinlock.h>
#include <linux/slab.h>

struct node { int key; };
static DEFINE_RAW_SPINLOCK(lock);

struct node *node_new(void)
{
	struct node *p;

	raw_spin_lock(&lock);
	p = kmalloc(sizeof(*p), GFP_ATOMIC);
	raw_spin_unlock(&lock);
	return p;
}
`,
	Good: `#include <linux/spinlock.h>
#include <linux/slab.h>

struct node { int key; };
static DEFINE_SPINLOCK(lock);

struct node *node_new(void)
{
	struct node *p;

	spin_lock(&lock);
	p = kmalloc(sizeof(*p), GFP_ATOMIC);
	spin_unlock(&lock);
	return p;
}
`,
	Run: runRTAllocInAtomic,
})

func runRTAllocInAtomic(p *Pass) {
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		if p.booting(fn) {
			continue
		}
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			eff, ok := dataflow.Effect(e)
			if !ok || !eff.Allocates || !before.AtomicOnRT() || before.Unchecked {
				return
			}
			if eff.GFPArg <= len(e.API.Args) {
				if reclaims, known := kapi.GFPReclaims(e.API.Args[eff.GFPArg-1]); known && reclaims {
					return // it may sleep on every kernel: sleep-in-atomic's
				}
			}
			p.Report(fn, e.Pos, fmt.Sprintf("%s() allocates where the context is atomic on every kernel; on PREEMPT_RT the allocator takes sleeping locks, whatever its GFP flags", e.API.Name), before.RTCause())
		})
	}
}
