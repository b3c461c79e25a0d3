package rules

import (
	"fmt"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// RTIRQScope flags code that needs interrupts disabled where only the
// _irq form of a lock that sleeps on PREEMPT_RT disabled them.
var RTIRQScope = register(&Rule{
	ID:      "rt-irq-scope",
	Summary: "code that needs interrupts disabled where only local_lock_irq*() or spin_lock_irq*() disabled them, which PREEMPT_RT does not",
	Doc: `On PREEMPT_RT, local_lock_irq(), local_lock_irqsave(), spin_lock_irq(),
spin_lock_irqsave() and the rwlock_t forms take a sleeping lock and leave interrupts
enabled. Flags what relies on them to disable interrupts: a raw_spin_lock() or
bit spinlock taken without its own _irq form, and lockdep_assert_irqs_disabled()
reached with interrupts disabled only that way, in the function or by every caller
(the callers' calls are in the trace). Use raw_spin_lock_irq*() for the raw lock, and
lockdep_assert_held() of the local lock for the assertion.`,
	Source: "Documentation/locking/locktypes.rst, local_lock on RT",
	Quote: `On a PREEMPT_RT kernel this code sequence breaks because local_lock_irq()
is mapped to a per-CPU spinlock_t which neither disables interrupts nor
preemption. [...] Also the lockdep assert will trigger on a PREEMPT_RT kernel
because local_lock_irqsave() does not disable interrupts due to the
PREEMPT_RT-specific semantics of spinlock_t.`,
	Model: RTModel,
	Bad: `#include <linux/local_lock.h>
#include <linux/spinlock.h>

struct stock { local_lock_t llock; int nr; };
static DEFINE_PER_CPU(struct stock, stock) = { .llock = INIT_LOCAL_LOCK(llock) };
static DEFINE_RAW_SPINLOCK(pool_lock);
static int pool;

void stock_drain(void)
{
	local_lock_irq(&stock.llock);
	raw_spin_lock(&pool_lock);
	pool += this_cpu_read(stock.nr);
	raw_spin_unlock(&pool_lock);
	local_unlock_irq(&stock.llock);
}
`,
	Good: `#include <linux/local_lock.h>
#include <linux/spinlock.h>

struct stock { local_lock_t llock; int nr; };
static DEFINE_PER_CPU(struct stock, stock) = { .llock = INIT_LOCAL_LOCK(llock) };
static DEFINE_SPINLOCK(pool_lock);
static int pool;

void stock_drain(void)
{
	local_lock_irq(&stock.llock);
	spin_lock(&pool_lock);
	pool += this_cpu_read(stock.nr);
	spin_unlock(&pool_lock);
	local_unlock_irq(&stock.llock);
}
`,
	Run: runRTIRQScope,
})

func runRTIRQScope(p *Pass) {
	env := p.Unit.Env()
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			eff, ok := dataflow.Effect(e)
			if !ok || !before.IRQ.Off() || before.RawIRQ.Off() {
				return
			}
			what := ""
			switch {
			case eff.Lock == kapi.Acquire && eff.LockKind == kapi.RawSpin && eff.IRQ == kapi.NoIRQOp:
				what = fmt.Sprintf("%s() takes \"%s\" without disabling interrupts", e.API.Name, dataflow.LockKey(e.API, eff))
			case eff.AssertsIRQsOff:
				what = fmt.Sprintf("%s() asserts that interrupts are disabled", e.API.Name)
			default:
				return
			}
			var cause dataflow.Note
			for _, h := range before.Locks {
				if h.Must && h.Kind.SleepsOnRT() && strings.Contains(h.Name, "_irq") && h.Pos.IsValid() {
					cause = dataflow.Note{Pos: h.Pos, Text: fmt.Sprintf("%s() disables interrupts here, except on PREEMPT_RT", h.Name), Variant: h.Variant}
					break
				}
			}
			if !cause.Pos.IsValid() && env != nil && before.IRQOffByEntry() {
				cause = env.Entry(fn).RawIRQOn
			}
			if !cause.Pos.IsValid() {
				return
			}
			p.Report(fn, e.Pos, fmt.Sprintf("%s, but on PREEMPT_RT interrupts are enabled here", what), cause)
		})
	}
}
