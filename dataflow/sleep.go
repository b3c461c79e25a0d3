package dataflow

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// Cause explains why a state is atomic, for traces: the lock held, the
// call that disabled preemption, or the entry.
func (s *State) Cause() Note {
	for _, h := range s.Locks {
		if h.Must && h.DisablesPreemption() && h.Pos.IsValid() && h.Name != "" {
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

// SleepsInTaskOnly reports whether a sleep made in state s happens in
// task context only: on a branch that found in_interrupt() false, or one
// that found no interrupt served where the function had enabled its
// caller's bottom halves (rcu_do_batch()'s local_bh_enable() and
// cond_resched() under !in_serving_softirq()). A caller that has bottom
// halves disabled does not sleep through it: in an interrupt the branch
// is not taken, and in a task the sleep comes after the enable.
func (s *State) SleepsInTaskOnly() bool {
	return s != nil && (s.Task || s.Serving && s.BHDropped > 0)
}

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
	// passed on). With ZeroMask, it is those bits of the parameter (flags
	// & MSG_DONTWAIT) that must be zero, of its member ZeroPath
	// ("->msg_flags") when that is set.
	ZeroParam int
	ZeroMask  uint64
	ZeroPath  string
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
		if n <= len(e.API.Values) {
			if loc, mask, ok := cparse.SplitMaskedValue(e.API.Values[n-1]); ok {
				if before != nil && valueOf(before, MaskKey(loc, mask))&Zero == 0 {
					return sc // a branch found the bits set
				}
				for i, p := range fn.Params {
					if path, ok := strings.CutPrefix(loc, p.Name); ok && (path == "" || strings.HasPrefix(path, "->")) {
						sc.ZeroParam, sc.ZeroMask, sc.ZeroPath = i+1, mask, path
						return sc
					}
				}
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

// HelperSleeps reports whether a call of one of the unit's header
// helpers (a static inline function of a header) may sleep: a call in
// the helper's body that sleeps as written there, with the helper's
// parameters standing for the call's arguments (pm_runtime_put_sync(dev)
// is __pm_runtime_idle(dev, RPM_GET_PUT)), on a path the arguments allow
// and where the helper has not made the context atomic itself. The path
// and drops are as Env.Sleeps gives them.
func (r *Unit) HelperSleeps(call *cparse.APIUse, before *State) (Note, Drops, bool) {
	return r.helperSleeps(call, before, 0)
}

// maxHelperDepth bounds helpers calling helpers.
const maxHelperDepth = 4

// helperCall is what replaying a header helper's body (fn) asks of one
// call event in it (ie, in the state in, its arguments the helper's
// call's: inner): a path down to what the question is about, with what
// the callee gives up of its caller's context first.
type helperCall func(fn *cparse.Func, ie *cfg.Event, in *State, inner *cparse.APIUse) (Note, Drops, bool)

// walkHelper replays the body of the helper that call calls: the first
// call event in it that skip leaves and at answers gives the path, with
// what the helper gave up of its caller's context before it, in the
// caller's terms. Only paths the call's arguments allow are walked.
func (r *Unit) walkHelper(call *cparse.APIUse, depth int, skip func(in *State) bool, at helperCall) (path Note, drops Drops, found bool) {
	h := r.Helpers[call.Name]
	if h == nil || h.Graph.Func == nil || depth >= maxHelperDepth {
		return Note{}, Drops{}, false
	}
	fn := h.Graph.Func
	var params []string
	for _, p := range fn.Params {
		params = append(params, p.Name)
	}
	h.Walk(func(_ *cfg.Block, ie *cfg.Event, in *State) {
		if found || ie.Kind != cfg.Call || ie.API == nil || skip(in) || in.Warned || in.LastRef || in.Unchecked || !ArgsAllow(fn, in.Values, call.Args, call.Values) {
			return
		}
		inner := &cparse.APIUse{Name: ie.API.Name, Pos: ie.API.Pos, Macro: ie.API.Macro}
		inner.Args, inner.Values = SubstituteArgs(params, ie.API.Args, ie.API.Values, call.Args, call.Values)
		p, d, ok := at(fn, ie, in, inner)
		if !ok {
			return
		}
		path, drops, found = p, in.Drops().Then(d).Rewritten(params, call.Args), true
	})
	return path, drops, found
}

func (r *Unit) helperSleeps(call *cparse.APIUse, before *State, depth int) (Note, Drops, bool) {
	return r.walkHelper(call, depth, (*State).NoSleep, func(fn *cparse.Func, ie *cfg.Event, in *State, inner *cparse.APIUse) (p Note, d Drops, ok bool) {
		switch sc := Sleeps(r.Src, fn, ie, in); {
		case sc.Sleeps:
			p, ok = Note{Pos: ie.Pos, Text: ie.API.Name + "() may sleep"}, true
		case sc.GFPParam > 0 && sc.GFPParam <= len(call.Args):
			if reclaims, known := kapi.GFPReclaims(call.Args[sc.GFPParam-1]); reclaims || !known {
				p, ok = Note{Pos: ie.Pos, Text: ie.API.Name + "() may sleep"}, reclaims
			}
		case sc.ZeroParam > 0 && sc.ZeroParam <= len(call.Args):
			if zeroAllowed(sc, call.Args, call.Values) {
				p, ok = Note{Pos: ie.Pos, Text: ie.API.Name + "() may sleep"}, true
			}
		case sc.Effect.Name != "" || ie.API.Macro:
			// a primitive that does not sleep here
		case r.Helpers[ie.API.Name] != nil:
			p, d, ok = r.helperSleeps(inner, before, depth+1)
			p = throughCall(call.Name, ie, p)
		case r.env != nil:
			p, d, ok = r.env.Sleeps(inner, before, nil)
			p = throughCall(call.Name, ie, p)
		}
		return p, d, ok
	})
}

// HelperLocksOnRT reports whether a call of one of the unit's header
// helpers takes a lock that sleeps on PREEMPT_RT (Env.LocksOnRT's
// question): a spinlock_t, rwlock_t or local_lock the helper's body takes,
// or a call it makes that takes one, where the helper has not made the
// context atomic on PREEMPT_RT itself (a lockdep assertion of its
// callers' context does not), on a path the arguments allow
// (arch/x86/include/asm/kvm_para.h kvm_handle_async_pf(), which calls
// __kvm_handle_async_pf() from the page fault).
func (r *Unit) HelperLocksOnRT(call *cparse.APIUse) (Note, Drops, bool) {
	return r.helperLocksOnRT(call, 0)
}

func (r *Unit) helperLocksOnRT(call *cparse.APIUse, depth int) (Note, Drops, bool) {
	skip := func(in *State) bool { return in.AtomicOnRT() && !in.AtomicOnRTAssumed() }
	return r.walkHelper(call, depth, skip, func(_ *cparse.Func, ie *cfg.Event, in *State, inner *cparse.APIUse) (p Note, d Drops, ok bool) {
		eff, known := Effect(ie)
		switch {
		case known && eff.Lock == kapi.Acquire && eff.LockKind.SleepsOnRT() && (r.Src.RT || !ie.API.Variant):
			p, ok = Note{Pos: ie.Pos, Text: ie.API.Name + "() takes a lock that sleeps on PREEMPT_RT"}, true
		case known || ie.API.Macro:
			// a primitive that takes no such lock
		case r.Helpers[ie.API.Name] != nil:
			p, d, ok = r.helperLocksOnRT(inner, depth+1)
			p = throughCall(call.Name, ie, p)
		case r.env != nil:
			p, d, ok = r.env.LocksOnRT(inner, nil)
			p = throughCall(call.Name, ie, p)
		}
		return p, d, ok
	})
}

// zeroAllowed reports whether the arguments of a call may make zero what
// sc's call needs zero to sleep: the argument, or the bits of it (of its
// member) that sc.ZeroMask names, as far as a constant tells.
func zeroAllowed(sc SleepCall, args, values []string) bool {
	i := sc.ZeroParam - 1
	if sc.ZeroMask == 0 {
		return ClassOfText(args[i])&Zero != 0
	}
	if sc.ZeroPath != "" {
		return true
	}
	text := args[i]
	if i < len(values) && values[i] != "" {
		text = values[i]
	}
	n, ok := IntOfText(text)
	return !ok || n&sc.ZeroMask == 0
}

// throughCall puts the helper's call of a function in front of the path
// down from that function.
func throughCall(helper string, ie *cfg.Event, path Note) Note {
	steps := append([]Note{{Pos: ie.Pos, Text: fmt.Sprintf("%s() calls %s()", helper, ie.API.Name)}}, path.Steps()...)
	for i := range steps {
		steps[i].Depth = 0
	}
	last := steps[len(steps)-1]
	last.Via = &Chain{Steps: steps[:len(steps)-1]}
	return last
}

// ArgsAllow reports whether a call of f with args (and the constant
// values of some, see cparse.APIUse.Values) may reach a point where f's
// parameters are known to hold vals: a constant argument of a kind, or
// with bits, that no known value allows rules the point out. A
// parameter f writes to says nothing of its argument.
func ArgsAllow(f *cparse.Func, vals ValueMap, args, values []string) bool {
	for _, v := range vals {
		key, mask, masked := SplitMaskKey(v.Key)
		if !masked {
			key = v.Key
		}
		i := slices.IndexFunc(f.Params, func(p *cparse.Var) bool { return p.Name == key })
		if i < 0 || i >= len(args) || ParamWritten(f, key) {
			continue
		}
		if !masked {
			if ClassOfText(args[i])&v.Class == 0 {
				return false
			}
			continue
		}
		text := args[i]
		if i < len(values) && values[i] != "" {
			text = values[i]
		}
		if n, ok := IntOfText(text); ok && ClassOfInt(n&mask)&v.Class == 0 {
			return false
		}
	}
	return true
}

// ParamWritten reports whether the function assigns to its parameter
// name or takes its address: what a branch on it taught says nothing of
// the argument.
func ParamWritten(f *cparse.Func, name string) bool { return writtenOrAddressed(f, name) }

// ParamBitsWritten returns the bits of the parameter name the function's
// writes may change: those of the constants of its |= and &= ~
// assignments, or every bit for any other write or a taken address. A
// test of other bits is still a test of the caller's argument.
func ParamBitsWritten(f *cparse.Func, name string) uint64 {
	var bits uint64
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		switch {
		case e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Ident && e.X.Name == name:
			c, ok := cparse.ConstInt(e.Y)
			switch {
			case ok && e.Op == "|=":
				bits |= c
			case ok && e.Op == "&=":
				bits |= ^c
			default:
				bits = ^uint64(0)
			}
		case (e.Kind == cparse.Unary || e.Kind == cparse.Postfix) && (e.Op == "&" || e.Op == "++" || e.Op == "--") && e.X != nil && e.X.Kind == cparse.Ident && e.X.Name == name:
			bits = ^uint64(0)
		}
	})
	return bits
}

// SubstituteArgs is the arguments of a call a helper's body makes (args,
// with the constant values of some: cparse.APIUse.Values) with the
// helper's parameters replaced by the arguments of the call of the helper
// (outerArgs, outerValues).
func SubstituteArgs(params, args, values, outerArgs, outerValues []string) (outArgs, outValues []string) {
	at := func(vs []string, i int) string {
		if i < len(vs) {
			return vs[i]
		}
		return ""
	}
	for i, a := range args {
		v := at(values, i)
		if q := slices.Index(params, strings.TrimSpace(a)); q >= 0 && q < len(outerArgs) {
			a, v = outerArgs[q], at(outerValues, q)
		}
		outArgs = append(outArgs, a)
		if v != "" && outValues == nil {
			outValues = make([]string, len(args))
		}
		if v != "" {
			outValues[i] = v
		}
	}
	return outArgs, outValues
}
