package rules

import (
	"fmt"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
)

// PreemptImbalance flags preempt count operations that do not nest.
var PreemptImbalance = register(&Rule{
	ID:      "preempt-imbalance",
	Summary: "preempt_enable() without a matching preempt_disable(), or exits with different preempt depths",
	Doc: `In a function that disables preemption (preempt_disable(), get_cpu(),
get_cpu_var(), get_cpu_ptr(), rcu_read_lock_sched() and their _notrace forms), flags

  - an enabling call (preempt_enable(), put_cpu(), put_cpu_var(), ...) reached when
    the function has not disabled preemption, on every path or on some paths;
  - exits (return statements, or the end of the body) reached with different
    preempt depths, or one exit reached with different depths on different paths.

Only the preempt count is considered: locks, interrupts and bottom halves have
their own rules. A function that returns with preemption disabled on every path
is a deliberate "lock" helper and is not flagged, unless a framework calls it
as a callback (a tracepoint's probe, an interrupt handler, a timer function),
which never enables preemption again. One that keeps it disabled only
when it returns some values (a trylock, a reserve) is a conditional helper
and is not flagged either, unless a function of the file calls it without
reading the value. A function that only enables
(an "unlock" helper) is not examined. Paths that end in BUG() or panic() are not
exits.`,
	Source: "Documentation/locking/preempt-locking.rst, Solution",
	Quote: `The functions are nestable. In other words, you can call preempt_disable
n-times in a code path, and preemption will not be reenabled until the n-th
call to preempt_enable.`,
	Bad: `#include <linux/preempt.h>
#include <linux/errno.h>

struct pool { int count; };

int drain(struct pool *p)
{
	preempt_disable();
	if (!p->count)
		return -EAGAIN;
	p->count--;
	preempt_enable();
	return 0;
}
`,
	Good: `#include <linux/preempt.h>
#include <linux/errno.h>

struct pool { int count; };

int drain(struct pool *p)
{
	int ret = 0;

	preempt_disable();
	if (!p->count)
		ret = -EAGAIN;
	else
		p->count--;
	preempt_enable();
	return ret;
}
`,
	Run: runPreemptImbalance,
})

type exit struct {
	pos   cparse.Pos
	depth dataflow.Range
}

func runPreemptImbalance(p *Pass) {
	discarded := discardedValues(p.Unit.Src)
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		disables := false
		fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
			if eff, ok := dataflow.Effect(e); ok && eff.Preempt > 0 {
				disables = true
			}
		})
		if leaksFromCallback(p, fr) || !disables {
			continue
		}
		split := fr.Exits()
		// The paths split at one return are one exit for the messages.
		var exits []exit
		at := map[cparse.Pos]int{}
		for _, x := range split {
			if i, ok := at[x.Event.Pos]; ok {
				exits[i].depth = exits[i].depth.Join(x.State.Preempt)
				continue
			}
			at[x.Event.Pos] = len(exits)
			exits = append(exits, exit{x.Event.Pos, x.State.Preempt})
		}
		// Exits told apart by the value returned (ring_buffer_lock_reserve()
		// keeps preemption disabled when it returns an event, not when it
		// returns NULL) make a conditional helper, as a trylock does.
		if conditionalDepth(fn, split, fr.CountsThroughCalls()) && !discarded[fn.Name] {
			continue
		}
		// A function whose every exit is balanced, though it enables at
		// depth 0 somewhere, drops and retakes its caller's count
		// (preempt_enable(); schedule(); preempt_disable();).
		balanced := len(exits) > 0
		for _, x := range exits {
			if x.depth != (dataflow.Range{}) {
				balanced = false
			}
		}
		unmatched := false
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			eff, ok := dataflow.Effect(e)
			if !ok || eff.Preempt >= 0 || before.Preempt.Lo > 0 || balanced {
				return
			}
			unmatched = true
			msg := fmt.Sprintf("%s() without matching %s()", e.API.Name, eff.Pair)
			if before.Preempt.Hi > 0 {
				msg += " on some paths"
			}
			p.Report(fn, e.Pos, msg)
		})
		if unmatched {
			// One cause, one finding: the depths an unmatched enable left
			// below zero are its consequence, reported already.
			for i := range exits {
				exits[i].depth = dataflow.Range{Lo: max(exits[i].depth.Lo, 0), Hi: max(exits[i].depth.Hi, 0)}
			}
		}
		checkExits(p, fn, exits)
	}
}

// leaksFromCallback reports a function a framework calls (a root enters
// it atomic: a tracepoint's probe, a timer) that returns with preemption
// disabled on every path, itself or through a helper: unlike a helper's
// caller, the framework does not know to enable it again (the probe
// TRACE_EVENT() defines, when its TP_fast_assign() calls get_cpu()).
func leaksFromCallback(p *Pass, fr *dataflow.Func) bool {
	if !fr.Entry.Atomic || fr.Entry.Inherited {
		return false
	}
	exits := fr.Exits()
	if len(exits) == 0 {
		return false
	}
	for _, x := range exits {
		if x.State.Preempt.Lo <= 0 {
			return false
		}
	}
	x := exits[0]
	var notes []dataflow.Note
	if fr.Entry.Since.Pos.IsValid() {
		notes = append(notes, fr.Entry.Since)
	}
	p.Report(fr.Graph.Func, x.Event.Pos, fmt.Sprintf("returns with preemption disabled on every path (preempt depth +%d), but it is a callback: the code that calls it does not enable preemption again", x.State.Preempt.Lo), notes...)
	return true
}

// discardedValues are the functions the unit calls as statements of
// their own, their values unused. A conditional helper's value is what
// tells its caller whether preemption stayed disabled: a function a
// caller calls for its effect alone is not one, and exits it tells
// apart by value are exits at different depths
// (arch/x86/kernel/unwind_orc.c: __unwind_start() calls
// unwind_next_frame(state);, which keeps preemption disabled on no
// return).
func discardedValues(u *cparse.Unit) map[string]bool {
	out := map[string]bool{}
	for _, f := range u.Funcs {
		cparse.WalkStmts(f.Body, func(st *cparse.Stmt) {
			if st.Kind != cparse.ExprStmt {
				return
			}
			x := st.X
			for x != nil && x.Kind == cparse.Cast {
				x = x.X
			}
			if x == nil {
				return
			}
			if name := x.Callee(); name != "" {
				out[name] = true
			}
		})
	}
	return out
}

// conditionalDepth reports whether a function's exits leave two exact
// preempt depths, and the values it returns tell them apart as the
// kernel's conditional helpers do (see dataflow.Separable).
// The kernel's conditional preempt helpers return the object they
// pinned (ring_buffer_lock_reserve()), or true as a trylock does; 0
// returned with preemption disabled and an errno without is a return
// that forgot preempt_enable() (kernel/module/kallsyms.c
// module_get_kallsym()): 0 is success with a lock held only for the
// interruptible locks.
func conditionalDepth(fn *cparse.Func, exits []dataflow.Exit, throughCalls bool) bool {
	// A return of what a conditional reserve gave, or of its own
	// event, after its own disable (trace_event_buffer_lock_reserve()).
	if base, c, ok := dataflow.CondPreemptOf(exits, throughCalls); ok && base >= 0 && (fn.ReturnsPointer || c.When == dataflow.Pos) {
		return true
	}
	if len(exits) < 2 {
		return false
	}
	hi := exits[0].State.Preempt.Hi
	for _, x := range exits {
		if !x.State.Preempt.Exact() {
			return false
		}
		hi = max(hi, x.State.Preempt.Hi)
	}
	var ls dataflow.LockShape
	ls.Lock.Key = "preempt_count()"
	for _, x := range exits {
		if x.State.Preempt.Lo == hi {
			ls.Held = append(ls.Held, x)
		} else {
			ls.Unheld = append(ls.Unheld, x)
		}
	}
	if len(ls.Held) == 0 || len(ls.Unheld) == 0 {
		return false
	}
	// The kernel's conditional helpers disable on some returns; one that
	// enables what it did not disable on some returns is not one.
	lo := ls.Unheld[0].State.Preempt.Lo
	for _, x := range ls.Unheld {
		if x.State.Preempt.Lo != lo || lo < 0 {
			return false
		}
	}
	when, ok := dataflow.Separable(fn, ls)
	return ok && (fn.ReturnsPointer || when == dataflow.Pos)
}

func checkExits(p *Pass, fn *cparse.Func, exits []exit) {
	if len(exits) == 0 {
		return
	}
	agree := true
	ref := exits[0]
	for _, x := range exits {
		if !x.depth.Exact() || x.depth != exits[0].depth {
			agree = false
		}
		if x.depth.Lo < ref.depth.Lo || x.depth.Lo == ref.depth.Lo && !ref.depth.Exact() && x.depth.Exact() ||
			x.depth.Lo == ref.depth.Lo && x.depth.Exact() == ref.depth.Exact() && x.pos.Before(ref.pos) {
			ref = x
		}
	}
	if agree {
		return
	}
	for _, x := range exits {
		switch {
		case !x.depth.Exact():
			p.Report(fn, x.pos, fmt.Sprintf("preempt depth at return is %s depending on the path", x.depth))
		case x.depth != ref.depth:
			p.Report(fn, x.pos, fmt.Sprintf("preempt depth at return is %d, but %d at line %d", x.depth.Lo, ref.depth.Lo, ref.pos.Line),
				dataflow.Note{Pos: ref.pos, Text: fmt.Sprintf("this exit has preempt depth %d", ref.depth.Lo)})
		}
	}
}
