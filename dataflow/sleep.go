package dataflow

import (
	"fmt"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// Cause explains why a state is atomic, for traces: the lock held, the
// call that disabled preemption, or the entry.
func (s *State) Cause() Note {
	for _, h := range s.Locks {
		if h.Must && (h.Kind == kapi.Spin || h.Kind == kapi.Local) && h.Pos.IsValid() && h.Name != "" {
			return Note{Pos: h.Pos, Text: fmt.Sprintf("%s() takes \"%s\" here; preemption is disabled while it is held", h.Name, h.Key)}
		}
	}
	if s.Since.Pos.IsValid() {
		return s.Since
	}
	if s.IRQOff.Pos.IsValid() {
		return s.IRQOff
	}
	return Note{}
}

// FaultsDisabled reports whether page faults are disabled on every path
// (pagefault_disable()): a fault on user memory then fails the access
// instead of sleeping.
func (s *State) FaultsDisabled() bool { return s != nil && s.Pagefault.Lo > 0 }

// InInterrupt reports whether in_interrupt() holds on every path: bottom
// halves are disabled (by the function, or by how it is entered).
func (s *State) InInterrupt() bool { return s != nil && s.BH.Lo > 0 }

// SleepCall is what a call event of a primitive that may sleep or
// reschedule needs to sleep.
type SleepCall struct {
	Effect kapi.Effect
	// Sleeps is set when the call may sleep as written: no GFP argument,
	// or GFP flags that allow reclaim.
	Sleeps bool
	// GFPParam is set (1-based) when the call's GFP flags are the
	// function's parameter of that index: it sleeps when its caller's
	// flags allow reclaim.
	GFPParam int
	// ZeroParam is set (1-based) when the call sleeps only if the
	// function's parameter of that index is zero (kapi's ZeroArgSleeps,
	// passed on).
	ZeroParam int
}

// valueOf is what the state knows of a variable's value.
func valueOf(s *State, name string) Class {
	c, _ := s.Values.Of(name)
	return c
}

// Sleeps reports whether a call event may sleep or reschedule. An
// allocator sleeps only when its GFP argument allows direct reclaim:
// flags written in the call, or a local variable some assignment in the
// function gives such flags. A GFP value that cannot be seen (a
// parameter) is taken not to sleep here; GFPParam says which parameter
// decides. So is an argument that must be zero for the call to sleep
// when it is a parameter (ZeroParam). An access to user memory made in the state before, with page
// faults disabled on every path, does not sleep.
func Sleeps(u *cparse.Unit, fn *cparse.Func, e *cfg.Event, before *State) SleepCall {
	eff, ok := Effect(e)
	if !ok || !eff.MaySleep && !eff.MayResched || eff.FaultSleep && before.FaultsDisabled() || eff.TaskSleep && before.InInterrupt() {
		return SleepCall{Effect: eff}
	}
	sc := SleepCall{Effect: eff}
	if n := eff.ZeroArgSleeps; n > 0 && n <= len(e.API.Args) {
		arg := strings.TrimSpace(e.API.Args[n-1])
		if ClassOfText(arg)&Zero == 0 || before != nil && valueOf(before, arg)&Zero == 0 {
			return sc // not zero: the call does not sleep
		}
		for i, p := range fn.Params {
			if p.Name == arg {
				// The callers' arguments decide, as for GFP flags.
				sc.ZeroParam = i + 1
				return sc
			}
		}
	}
	if eff.GFPArg == 0 {
		// Under "if (gfpflags_allow_blocking(gfp))" of a parameter:
		// a sleep for the callers whose flags allow it.
		for i, p := range fn.Params {
			if before != nil && before.GFPBlocking.Has(p.Name) {
				sc.GFPParam = i + 1
				return sc
			}
		}
		sc.Sleeps = true
		return sc
	}
	if eff.GFPArg > len(e.API.Args) {
		return sc
	}
	arg := e.API.Args[eff.GFPArg-1]
	if r, known := kapi.GFPReclaims(arg); known {
		sc.Sleeps = r
		return sc
	}
	key := cparse.LockKey(arg)
	for i, p := range fn.Params {
		if p.Name == key {
			sc.GFPParam = i + 1
			return sc
		}
	}
	// The values are read from the source lines of the assignments: GFP
	// flags are macros, and the syntax tree holds their expansions.
	for _, pos := range assignments(fn, key) {
		if pos.Line >= 1 && pos.Line <= len(u.Lines) {
			if r, _ := kapi.GFPReclaims(u.Lines[pos.Line-1]); r {
				sc.Sleeps = true
				return sc
			}
		}
	}
	return sc
}

// assignments returns where the function assigns to the local variable
// name (declaration initialisers and plain assignments).
func assignments(fn *cparse.Func, name string) []cparse.Pos {
	var out []cparse.Pos
	cparse.WalkStmts(fn.Body, func(s *cparse.Stmt) {
		for _, d := range s.Decls {
			if d.Var.Name == name && d.Init != nil {
				out = append(out, d.Var.Pos)
			}
		}
	})
	cparse.WalkExprs(fn.Body, func(e *cparse.Expr) {
		if e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Ident && e.X.Name == name && e.X.Ref != nil {
			out = append(out, e.X.Pos)
		}
	})
	return out
}
