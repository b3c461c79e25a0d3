package rules

import (
	"fmt"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// atomicCause explains why a state is atomic, for traces: the lock held,
// the call that disabled preemption, or the entry.
func atomicCause(s *dataflow.State) dataflow.Note {
	for _, h := range s.Locks {
		if h.Must && (h.Kind == kapi.Spin || h.Kind == kapi.Local) && h.Pos.IsValid() && h.Name != "" {
			return dataflow.Note{Pos: h.Pos, Text: fmt.Sprintf("%s() takes \"%s\" here; preemption is disabled while it is held", h.Name, h.Key)}
		}
	}
	if s.Since.Pos.IsValid() {
		return s.Since
	}
	if s.IRQOff.Pos.IsValid() {
		return s.IRQOff
	}
	return dataflow.Note{}
}

// sleeps reports whether a call event may sleep or reschedule, and
// returns the callee's effect. An allocator sleeps only when its GFP
// argument allows direct reclaim: flags written in the call, or a local
// variable some assignment in the function gives such flags. A GFP value
// that cannot be seen (a parameter) is taken not to sleep.
func sleeps(u *cparse.Unit, fn *cparse.Func, e *cfg.Event) (kapi.Effect, bool) {
	eff, ok := dataflow.Effect(e)
	if !ok || !eff.MaySleep && !eff.MayResched {
		return eff, false
	}
	if eff.GFPArg == 0 {
		return eff, true
	}
	if eff.GFPArg > len(e.API.Args) {
		return eff, false
	}
	arg := e.API.Args[eff.GFPArg-1]
	if r, known := kapi.GFPReclaims(arg); known {
		return eff, r
	}
	// The values are read from the source lines of the assignments: GFP
	// flags are macros, and the syntax tree holds their expansions.
	for _, pos := range assignments(fn, cparse.LockKey(arg)) {
		if pos.Line >= 1 && pos.Line <= len(u.Lines) {
			if r, _ := kapi.GFPReclaims(u.Lines[pos.Line-1]); r {
				return eff, true
			}
		}
	}
	return eff, false
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
