package rules

import (
	"fmt"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// RTLockInAtomic flags a spinlock_t, rwlock_t or local_lock taken where
// the context is atomic on PREEMPT_RT too.
var RTLockInAtomic = register(&Rule{
	ID:      "rt-lock-in-atomic",
	Summary: "a lock that sleeps on PREEMPT_RT taken where the context is atomic on every kernel",
	Doc: `On PREEMPT_RT, spinlock_t, rwlock_t and local_lock are rt_mutex-based sleeping locks.
Flags spin_lock*(), read_lock*(), write_lock*(), local_lock*(), write_seqlock*() and
their scope guards where the context is atomic on PREEMPT_RT too: a raw spinlock or
bit spinlock held, interrupts disabled by local_irq_disable()/local_irq_save() or a
raw_spin_lock_irq*(), preemption disabled by preempt_disable(), get_cpu(),
get_cpu_ptr(), get_cpu_var() or an FPU section; or a function every caller (or its
framework: a hard interrupt handler that is not force-threaded, IRQF_NO_THREAD) enters
so. Taking such a lock under a spinlock_t (spin_lock_irq() included) is fine on both
kernels, and so is taking a raw spinlock under one.

The finding holds on PREEMPT_RT kernels; lockdep reports the same nesting on every
kernel with CONFIG_PROVE_RAW_LOCK_NESTING.`,
	Source: "Documentation/locking/locktypes.rst, spinlock_t and rwlock_t; Lock type nesting rules",
	Quote: `The fact that PREEMPT_RT changes the lock category of spinlock_t and
rwlock_t from spinning to sleeping and substitutes local_lock with a
per-CPU spinlock_t means that they cannot be acquired while holding a raw
spinlock. [...] On PREEMPT_RT kernel this code sequence breaks because
RT-mutex requires a fully preemptible context.`,
	Model: RTModel,
	Bad: `#include <linux/spinlock.h>

struct dev_state { raw_spinlock_t hw_lock; spinlock_t stats_lock; unsigned long errors; };

void dev_count_error(struct dev_state *d)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&d->hw_lock, flags);
	spin_lock(&d->stats_lock);
	d->errors++;
	spin_unlock(&d->stats_lock);
	raw_spin_unlock_irqrestore(&d->hw_lock, flags);
}
`,
	Good: `#include <linux/spinlock.h>

struct dev_state { raw_spinlock_t hw_lock; spinlock_t stats_lock; unsigned long errors; };

void dev_count_error(struct dev_state *d)
{
	unsigned long flags;

	spin_lock(&d->stats_lock);
	raw_spin_lock_irqsave(&d->hw_lock, flags);
	d->errors++;
	raw_spin_unlock_irqrestore(&d->hw_lock, flags);
	spin_unlock(&d->stats_lock);
}
`,
	Run: runRTLockInAtomic,
})

func runRTLockInAtomic(p *Pass) {
	env := p.Unit.Env()
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		if p.booting(fn) {
			continue
		}
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			if e.Kind != cfg.Call || e.API == nil || !before.AtomicOnRT() {
				return
			}
			// Atomic there only because every caller is: the callers'
			// calls are where it is reported, with this function's path.
			if before.Inherited && before.AtomicOnRTOnlyByEntry() {
				return
			}
			eff, known := dataflow.Effect(e)
			var what string
			var path dataflow.Note
			switch {
			case before.Unchecked && (known || env == nil || e.API.Macro):
				return // where the kernel's own sleep checks are off
			case known && eff.Lock == kapi.Acquire && eff.LockKind.SleepsOnRT():
				what = fmt.Sprintf("%s() takes \"%s\", a sleeping lock on PREEMPT_RT,", e.API.Name, dataflow.LockKey(e.API, eff))
			case known && eff.GuardRT == kapi.GuardSleepsOnRT:
				what = fmt.Sprintf("guard(%s) takes its lock, a sleeping lock on PREEMPT_RT,", kapi.GuardClass(e.API.Name))
			case !known && !e.API.Macro && p.Unit.Helpers[e.API.Name] != nil:
				// A header helper: its body, read with the call's
				// arguments, and what it calls.
				var drops dataflow.Drops
				var ok bool
				if path, drops, ok = p.Unit.HelperLocksOnRT(e.API); !ok || before.Unchecked && !drops.Checks {
					return
				}
				what = fmt.Sprintf("%s() takes a lock that sleeps on PREEMPT_RT (%s)", e.API.Name, sleepVia(path))
			case !known && env != nil && !e.API.Macro:
				var drops dataflow.Drops
				var ok bool
				if path, drops, ok = env.LocksOnRT(fr.ViaParam(e.API), before); !ok || before.Unchecked && !drops.Checks {
					return
				}
				what = fmt.Sprintf("%s() takes a lock that sleeps on PREEMPT_RT (%s%s)", e.API.Name, passedAs(fr, e.API), sleepVia(path))
			default:
				return
			}
			p.Report(fn, e.Pos, fmt.Sprintf("%s where the context is atomic on every kernel", what), before.RTCause(), path)
		})
	}
}
