package rules

import (
	"fmt"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/dataflow"
)

// SleepInAtomic flags calls that may sleep where the task must not.
var SleepInAtomic = register(&Rule{
	ID:      "sleep-in-atomic",
	Summary: "a call that may sleep while preemption is disabled or inside an RCU read-side section",
	Doc: `Flags a call that may sleep — might_sleep(), schedule(), msleep(), usleep_range(),
wait_event*(), wait_for_completion*(), mutex_lock*(), down*(), synchronize_rcu(),
cond_resched(), copy_{from,to}_user(), vmalloc()/vfree(), and allocators whose GFP
flags allow direct reclaim (GFP_KERNEL, GFP_NOFS, GFP_NOIO, GFP_USER, ...; not
GFP_ATOMIC or GFP_NOWAIT) — made while preemption is disabled by any means: preempt
count, a spinning lock, disabled bottom halves or interrupts, an FPU section, or a
static function entered only that way; or inside rcu_read_lock().

A call of a header helper (a static inline function) sleeps when its body makes
such a call with the arguments given. A function of the program sleeps when a path
through it reaches one that the arguments allow: a callee that sleeps only for some
values, or bits, of a parameter (__pm_runtime_idle() without RPM_ASYNC) does not sleep
for a caller that passes others.

A GFP value held in a local variable may sleep when some assignment in the function
gives it reclaiming flags; one that comes from a parameter is not judged. Where
disabled interrupts are the only protection, the finding is irqoff-resched's.`,
	Source: "Documentation/locking/preempt-locking.rst, Solution and RULE #2 (what disabling preemption implies)",
	Quote: `Data protection under preemption is achieved by disabling preemption for the
duration of the critical region. [...] Note that you do not need to explicitly
prevent preemption if you are holding any locks or interrupts are disabled, since
preemption is implicitly disabled in those cases.`,
	Bad: `#include <linux/spinlock.h>
#include <linux/slab.h>

struct cache { spinlock_t lock; void *buf; };

int cache_fill(struct cache *c)
{
	spin_lock(&c->lock);
	c->buf = kmalloc(64, GFP_KERNEL);
	spin_unlock(&c->lock);
	return c->buf ? 0 : -ENOMEM;
}
`,
	Good: `#include <linux/spinlock.h>
#include <linux/slab.h>

struct cache { spinlock_t lock; void *buf; };

int cache_fill(struct cache *c)
{
	spin_lock(&c->lock);
	c->buf = kmalloc(64, GFP_ATOMIC);
	spin_unlock(&c->lock);
	return c->buf ? 0 : -ENOMEM;
}
`,
	Run: runSleepInAtomic,
})

func runSleepInAtomic(p *Pass) {
	env := p.Unit.Env()
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		if p.booting(fn) {
			continue
		}
		throughStaticCall := env != nil && env.Entry(fn).ThroughStaticCall
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			path, at, ok := callSleeps(p, fr, e, before)
			if !ok || at.Unchecked {
				return
			}
			// Atomic only because every caller is: the callers' calls
			// are where the sleep is reported, with this function's path.
			// A static call names no callee, so a function entered
			// through one reports the sleeping primitives it calls
			// itself (its callees report theirs).
			if at.Inherited && at.OnlyByEntry() && (!throughStaticCall || path.Pos.IsValid()) {
				return
			}
			via := ""
			if path.Pos.IsValid() {
				via = " (" + passedAs(fr, e.API) + sleepVia(path) + ")"
			}
			switch {
			case at.NoSleep() && !at.OnlyIRQsOff():
				p.Report(fn, e.Pos, fmt.Sprintf("%s() may sleep in atomic context%s", e.API.Name, via), atomicCause(at), path)
			case !at.NoSleep():
				if h, ok := at.InRCU(); ok {
					p.Report(fn, e.Pos, fmt.Sprintf("%s() may sleep inside an RCU read-side critical section%s", e.API.Name, via),
						dataflow.Note{Pos: h.Pos, Text: fmt.Sprintf("%s() starts the read-side section here", h.Name)}, path)
				}
			}
		})
	}
}

// sleepVia says where a call's sleep is: the primitive the callee calls,
// or how many calls down it is.
func sleepVia(path dataflow.Note) string {
	steps := path.Steps()
	prim, _, _ := strings.Cut(steps[len(steps)-1].Text, " ")
	if len(steps) == 1 {
		return "it calls " + prim
	}
	return fmt.Sprintf("%s is %d calls down", prim, len(steps)+1)
}
