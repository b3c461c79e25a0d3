package interproc

import (
	"slices"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// Namer names a file by identity (relative to the source root).
type Namer func(path string) string

// Linked is a program as the phases of one of its units see it: a
// linked Program, or the answers one gave the unit in an earlier run
// (Replay).
type Linked interface {
	// Env is the program as the unit's check phase sees it.
	Env(unit string) dataflow.Env
	// CalleeDigest identifies the summaries of other units' functions
	// the unit's calls apply (Program.CalleeDigest).
	CalleeDigest(unit string) string
}

// Summarize reads one parsed unit into its facts: every function of the
// file analysed from an unknown entry, so that each call's context is
// what the function itself made it.
func Summarize(u *cparse.Unit, name Namer) *UnitFacts { return SummarizeIn(u, name, nil) }

// SummarizeIn is Summarize in a program (nil: the unit alone): calls of
// other units' functions apply the summaries the program has of them,
// and the facts record which (UnitFacts.Callees).
func SummarizeIn(u *cparse.Unit, name Namer, p Linked) *UnitFacts {
	unit := name(u.File)
	var env dataflow.Env
	uf := &UnitFacts{Version: Version, Unit: unit, Funcs: []FuncFacts{}}
	if p != nil {
		env = calleeEnv{p.Env(unit)}
		uf.Callees = p.CalleeDigest(unit)
	}
	du := dataflow.AnalyzeRelativeIn(u, env)
	pos := func(p cparse.Pos) Pos {
		if !p.IsValid() {
			return Pos{}
		}
		return Pos{File: name(p.File), Line: int32(p.Line), Col: int32(p.Col)}
	}
	defined := map[string]bool{}
	for _, f := range u.Funcs {
		defined[f.Name] = true
	}
	registered := map[string]bool{}
	refs := map[string]bool{}
	hardInits := map[string]bool{} // objects initialised hard on PREEMPT_RT (tag.field\x00path)
	hardFuncs := map[string]bool{} // functions stored hard (tag.field\x00function)
	inHelpers := helperCalls(u, du, pos)
	boundWQ := boundWorkqueueVars(u)
	for i, fr := range du.Funcs {
		f := u.Funcs[i]
		ff := FuncFacts{Sym: Symbol{Name: f.Name}, Pos: pos(f.Pos), Summary: forOtherUnits(du.Summaries[f.Name]), DefinedBy: f.DefinedBy, Weak: f.Weak,
			AnyContext: kapi.DocumentsAnyContext(f.Context), GFPFlags: f.GFPParam, Init: f.Init}
		if f.Static {
			ff.Sym.Unit = unit
		}
		for _, p := range f.Params {
			ff.Params = append(ff.Params, p.Name)
		}
		if at, ok := dataflow.SleepsUnprotected(fr); ok {
			p := pos(at.Pos)
			ff.Preemptible = &p
		}
		always := fr.Always()
		writes := newParamWrites(fr.Graph, f)
		perCPU := perCPULocals(f)
		variants := fr.DeadWhen()
		fr.Walk(func(b *cfg.Block, e *cfg.Event, before *dataflow.State) {
			if variants.Dead != nil && variants.Dead[b.Index] {
				return // reached for no kind of a parameter
			}
			written, early := writes.at(b, e)
			if variants.When != nil {
				early = append(early, reachedWhen(f, variants.When[b.Index])...)
			}
			switch e.Kind {
			case cfg.Ref:
				refs[e.Name] = true
				return
			case cfg.GuardEnd:
				ff.ReleasesLocks = true // a scope guard's destructor
				return
			case cfg.Call:
			default:
				return
			}
			if sc := dataflow.Sleeps(u, f, e, before); (sc.Sleeps || sc.GFPParam > 0 || sc.ZeroParam > 0) && !before.NoSleep() && !before.Warned && !before.LastRef && !before.Unchecked {
				when := append(paramClasses(fr, b, e, before, written), early...)
				if sc.ZeroParam > 0 {
					when = append(when, ParamClass{Param: sc.ZeroParam, Class: dataflow.Zero, Mask: sc.ZeroMask, Path: sc.ZeroPath})
				}
				ff.Sleeps = append(ff.Sleeps, Sleep{Prim: e.API.Name, Pos: pos(e.Pos), GFPParam: sc.GFPParam, Drops: before.Drops(), When: when,
					NullMembers: members(fr.NullMembers(before)), SetBits: memberMasks(fr.SetBits(before)), Task: before.SleepsInTaskOnly()})
			}
			uf.Work = append(uf.Work, workUse(fr.Canon(e), pos, perCPU, boundWQ)...)
			if e.API != nil {
				if r, obj, hard, ok := kapi.HardInit(e.API.Name, e.API.Args, e.API.Values); ok && hard {
					hardInits[r.Name+"."+r.Field+"\x00"+cparse.LockKey(obj)] = true
				}
				if r, ok := kapi.HardByMacro(e.API.Name); ok && len(e.API.Args) == 1 {
					hardFuncs[r.Name+"."+r.Field+"\x00"+funcArg(e.API.Args[0])] = true
				}
			}
			// A lock taken in variant code of a unit read without
			// PREEMPT_RT (cparse.APIUse.Variant) may not be taken there.
			if eff, ok := dataflow.Effect(e); ok && eff.Lock == kapi.Acquire && eff.LockKind.SleepsOnRT() && (!before.AtomicOnRT() || before.AtomicOnRTAssumed()) && (u.RT || !e.API.Variant) && !before.Warned && !before.LastRef && !before.Unchecked {
				ff.RTLocks = append(ff.RTLocks, Sleep{Prim: e.API.Name, Pos: pos(e.Pos), Drops: before.Drops(), When: append(paramClasses(fr, b, e, before, written), early...), NullMembers: members(fr.NullMembers(before)),
					SetBits: memberMasks(fr.SetBits(before))})
			}
			if e.API != nil {
				for arg, ctx := range kapi.ArgRoots(e.API.Name, e.API.Args) {
					if arg > len(e.API.Args) {
						continue
					}
					fn := funcArg(e.API.Args[arg-1])
					rt := kapi.RTContext(e.API.Name, arg, e.API.Args, e.API.Values)
					if rt == ctx {
						rt = kapi.NoContext
					}
					switch q := paramIndex(ff.Params, fn); {
					case fn == "":
					case q > 0:
						ff.ParamRoots = append(ff.ParamRoots, ParamRoot{Param: q, Context: ctx, RTContext: rt, Via: e.API.Name + "()"})
					default:
						uf.Roots = append(uf.Roots, RootUse{Func: fn, Context: ctx, RTContext: rt, Via: e.API.Name + "()", Pos: pos(e.Pos)})
						registered[fn] = true
					}
				}
			}
			// The arguments as the function's states name them (aliases
			// resolved), so that what the callee does to them (locks it
			// drops, takes or releases) names the caller's locks.
			calls := callsOf(fr.Canon(e))
			if len(calls) == 1 && calls[0].Tag == "" && paramIndex(ff.Params, calls[0].Callee) > 0 {
				calls = viaParam(calls[0], du.ParamCallees(f.Name, calls[0].Callee))
			}
			for i := range calls {
				calls[i].Pos = pos(e.Pos)
				calls[i].Values = fr.WithMayBits(calls[i].Args, dataflow.ArgValuesAt(calls[i].Args, calls[i].Values, before))
				classify(&calls[i], before, pos, u.RT)
				calls[i].When = append(paramClasses(fr, b, e, before, written), early...)
				calls[i].Written = paramMask(f, written)
				if calls[i].Preempt != Protected {
					calls[i].ProtectedWhen = protectedParams(f, before, written)
				}
				calls[i].GFPParam = gfpParam(f, before)
				calls[i].Always = always[b]
				calls[i].Warned = before.Warned
				calls[i].LastRef = before.LastRef
				calls[i].Task = before.SleepsInTaskOnly()
				calls[i].Unchecked = before.Unchecked
				calls[i].NullMembers = members(fr.NullMembers(before))
				calls[i].SetBits = memberMasks(fr.SetBits(before))
				calls[i].ClearBits = memberMasks(fr.ClearBits(before))
			}
			ff.Calls = append(ff.Calls, calls...)
			ff.ReleasesLocks = ff.ReleasesLocks || releasesLocks(fr, e)
			ff.ReleasesUnheld = releasesUnheld(ff.ReleasesUnheld, fr, e, before)
			if e.API != nil && len(calls) == 1 {
				call := calls[0]
				h := inHelpers[e.API.Name]
				for _, inner := range h.calls {
					if c, ok := through(call, inner, e.API.Name, h.params); ok {
						ff.Calls = append(ff.Calls, c)
					}
				}
				if !before.NoSleep() && !before.Warned && !before.LastRef && !before.Unchecked {
					for _, inner := range h.sleeps {
						if sl, ok := sleepThrough(call, before.Drops(), inner, e.API.Name, h.params, ff.Params); ok {
							ff.Sleeps = append(ff.Sleeps, sl)
						}
					}
				}
			}
		})
		ff.PassesLocks = passesLocks(fr)
		ff.ReturnsMayHold = returnsMayHold(fr, f)
		uf.Funcs = append(uf.Funcs, ff)
	}
	for _, s := range u.Stores {
		fs := FuncStore{Func: s.Func, Tag: s.Tag, Field: s.Field, Var: s.Var, Index: s.Index, Global: s.Global, Assigned: s.Assigned, Pos: pos(s.Pos)}
		if s.Object != "" && hardInits[s.Tag+"."+s.Field+"\x00"+s.Object] || hardFuncs[s.Tag+"."+s.Field+"\x00"+s.Func] {
			fs.Hard = true
		}
		uf.Stores = append(uf.Stores, fs)
		registered[s.Func] = true
	}
	for _, mb := range u.MemberBits {
		b := MemberBits{Tag: mb.Member.Tag, Field: mb.Member.Field, Bits: mb.Bits, Any: mb.Any, Via: mb.Via}
		for _, f := range mb.From {
			b.From = append(b.From, Member{Tag: f.Tag, Field: f.Field})
		}
		uf.Bits = append(uf.Bits, b)
	}
	for _, c := range u.FieldCopies {
		uf.Copies = append(uf.Copies, FieldCopy{FromTag: c.From.Tag, FromField: c.From.Field, Tag: c.To.Tag, Field: c.To.Field, Pos: pos(c.Pos)})
	}
	for _, m := range u.MacroUses {
		for arg, ctx := range kapi.ArgRoots(m.Name, m.Args) {
			if arg <= len(m.Args) {
				if fn := funcArg(m.Args[arg-1]); fn != "" {
					rt := kapi.RTContext(m.Name, arg, m.Args, m.Values)
					if rt == ctx {
						rt = kapi.NoContext
					}
					uf.Roots = append(uf.Roots, RootUse{Func: fn, Context: ctx, RTContext: rt, Via: m.Name + "()", Pos: pos(m.Pos)})
					registered[fn] = true
				}
			}
		}
	}
	// A function whose address is taken other than into a struct field
	// or a registration escapes: who calls it is not known.
	for f := range refs {
		if !registered[f] {
			uf.Refs = append(uf.Refs, f)
		}
	}
	sort.Strings(uf.Refs)
	sort.SliceStable(uf.Roots, func(i, j int) bool {
		if uf.Roots[i].Func != uf.Roots[j].Func {
			return uf.Roots[i].Func < uf.Roots[j].Func
		}
		return uf.Roots[i].Via < uf.Roots[j].Via
	})
	uf.trim()
	return uf
}

// passesLocks reports whether a function returns holding a lock a
// callee returned held, or returns the value that decides one: return
// f(...), or a variable whose test would (its callers test it).
func passesLocks(fr *dataflow.Func) bool {
	for _, x := range fr.Exits() {
		if slices.ContainsFunc(x.State.Locks, func(h dataflow.Held) bool { return h.Summary }) {
			return true
		}
		if x.Var == cfg.ReturnValue {
			return true
		}
		if x.Var != "" && slices.ContainsFunc(x.State.Conds, func(c dataflow.CondLock) bool { return c.Lock.Summary && c.Var == x.Var }) {
			return true
		}
	}
	return false
}

// releasesLocks reports whether a call releases a lock: a primitive's
// release, or a callee's that its summary shows.
func releasesLocks(fr *dataflow.Func, e *cfg.Event) bool {
	if eff, ok := dataflow.Effect(e); ok && eff.Lock == kapi.Release {
		return true
	}
	sum := fr.CalleeSummary(e)
	return sum != nil && (len(sum.Releases) > 0 || len(sum.MayReleases) > 0)
}

// releasesUnheld adds to keys the locks the call e releases where the
// function does not hold them (before is the state at the call): a
// primitive's release, or a callee's its summary shows, in the
// function's terms. Such a release is of a lock a caller holds, or of
// one a callee returned held on some ways out only, which its summary
// could not hand over (see Entry.CallersRelease).
func releasesUnheld(keys []string, fr *dataflow.Func, e *cfg.Event, before *dataflow.State) []string {
	var released []string
	if eff, ok := dataflow.Effect(e); ok {
		if eff.Lock == kapi.Release {
			released = append(released, fr.Key(e))
		}
	} else if sum := fr.CalleeSummary(e); sum != nil {
		args := fr.Canon(e).API.Args
		for _, k := range append(append([]string(nil), sum.Releases...), sum.MayReleases...) {
			if key, ok := dataflow.RewriteKey(sum.Params, k, args); ok {
				released = append(released, key)
			}
		}
	}
	for _, k := range released {
		if _, held := before.Lock(k); held || k == "" || slices.Contains(keys, k) {
			continue
		}
		if slices.ContainsFunc(before.Conds, func(c dataflow.CondLock) bool { return c.Lock.Key == k }) {
			continue // the value of a call that took it decides
		}
		keys = append(keys, k)
	}
	return keys
}

// returnsMayHold are the locks the function returns holding on some ways
// out and not on others, where its summary could hand none of them to
// its callers: a lock helper whose callers all release what it returns
// held, or a path that forgot to unlock. Named as its callers can
// (Func.NamedForCallers).
func returnsMayHold(fr *dataflow.Func, f *cparse.Func) []string {
	var keys []string
	for _, ls := range fr.LockShapes(f) {
		if k := fr.NamedForCallers(ls.Lock.Key); len(ls.Held) > 0 && (len(ls.Unheld) > 0 || ls.May) && ls.Hidden == "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// helperCalls are the calls each header helper makes, relative to the
// helper's entry: a function that calls the helper makes them too (the
// helper is inlined into it), so they are edges of the call graph from
// that function (sk_backlog_rcv() calling tcp_v4_do_rcv() for
// __release_sock()).
func helperCalls(u *cparse.Unit, du *dataflow.Unit, pos func(cparse.Pos) Pos) map[string]helperFacts {
	helpers := map[string]helperFacts{}
	for _, h := range u.Helpers {
		fr := du.Helpers[h.Name]
		if fr == nil || h.Nested {
			continue
		}
		hf := helperFacts{}
		for _, p := range h.Params {
			hf.params = append(hf.params, p.Name)
		}
		always := fr.Always()
		writes := newParamWrites(fr.Graph, h)
		fr.Walk(func(b *cfg.Block, e *cfg.Event, before *dataflow.State) {
			written, early := writes.at(b, e)
			if e.Kind != cfg.Call {
				return
			}
			// The helper's sleeps that a contract of its arguments decides
			// (GFP flags, a nonblock argument): the function's arguments
			// decide them in turn. Its other sleeps are left out: the
			// conditions that guard them in the helper, or in the
			// function (sg_miter_next() maps with kmap(), which sleeps,
			// only for an iterator not started SG_MITER_ATOMIC), are
			// mostly of objects the analysis does not follow.
			if sc := dataflow.Sleeps(u, h, e, before); (sc.GFPParam > 0 || sc.ZeroParam > 0) && !before.NoSleep() && !before.Warned && !before.LastRef && !before.Unchecked {
				when := append(paramClasses(fr, b, e, before, written), early...)
				if sc.ZeroParam > 0 {
					when = append(when, ParamClass{Param: sc.ZeroParam, Class: dataflow.Zero, Mask: sc.ZeroMask, Path: sc.ZeroPath})
				}
				hf.sleeps = append(hf.sleeps, Sleep{Prim: e.API.Name, Pos: pos(e.Pos), GFPParam: sc.GFPParam, Drops: before.Drops(), When: when,
					NullMembers: members(fr.NullMembers(before)), SetBits: memberMasks(fr.SetBits(before)), Task: before.SleepsInTaskOnly()})
			}
			for _, call := range callsOf(fr.Canon(e)) {
				call.Pos = pos(e.Pos)
				call.Values = dataflow.ArgValuesAt(call.Args, call.Values, before)
				call.Always = always[b]
				call.Warned = before.Warned
				call.LastRef = before.LastRef
				call.Task = before.SleepsInTaskOnly()
				call.Unchecked = before.Unchecked
				call.NullMembers = members(fr.NullMembers(before))
				call.SetBits = memberMasks(fr.SetBits(before))
				call.ClearBits = memberMasks(fr.ClearBits(before))
				classify(&call, before, pos, u.RT)
				hf.calls = append(hf.calls, call)
			}
		})
		helpers[h.Name] = hf
	}
	return helpers
}

// helperFacts are a header helper's parameters, calls and sleeps.
type helperFacts struct {
	params []string
	calls  []Call
	// sleeps are the helper's own calls of primitives that sleep as its
	// parameters allow (kmalloc(size, gfp), sock_alloc_send_pskb(...,
	// noblock, ...)), relative to those parameters.
	sleeps []Sleep
}

// sleepThrough is the sleep inner of the helper via as a sleep of the
// function that calls via (outer, with params): at outer's position,
// after what the function gave up before the call (drops) and what the
// helper gave up in its turn, on the paths the arguments allow, with the
// helper's conditions on its parameters carried over to the function's
// (sock_alloc_send_skb(sk, size, flags & MSG_DONTWAIT, &err) sleeps only
// when the function's flags lack MSG_DONTWAIT). A helper's sleep that
// its GFP parameter decides needs flags that reclaim, or the function's
// own parameter: flags it cannot see are taken not to sleep, as in
// dataflow.Sleeps.
func sleepThrough(outer Call, drops dataflow.Drops, inner Sleep, via string, hparams, params []string) (Sleep, bool) {
	if !allows(inner.When, &outer) {
		return Sleep{}, false
	}
	e := &edge{call: &outer}
	when, ok := passedOn(inner.When, e, params)
	if !ok {
		return Sleep{}, false
	}
	s := Sleep{Prim: inner.Prim, Via: via, Pos: outer.Pos, When: when,
		NullMembers: append(append([]Member(nil), outer.NullMembers...), inner.NullMembers...),
		SetBits:     append(append([]MemberMask(nil), outer.SetBits...), inner.SetBits...), Task: outer.Task || inner.Task}
	if g := inner.GFPParam; g > 0 {
		if g > len(outer.Args) {
			return Sleep{}, false
		}
		arg := outer.Args[g-1]
		if r, known := kapi.GFPReclaims(arg); known && !r {
			return Sleep{}, false
		} else if !known {
			if s.GFPParam = paramIndex(params, cparse.LockKey(arg)); s.GFPParam == 0 {
				return Sleep{}, false
			}
		}
	}
	s.Drops = drops.Then(inner.Drops.Rewritten(hparams, outer.Args))
	return s, true
}

// through is the call inner that the helper via makes, as a call of the
// function that calls via (outer): at outer's position, in the context
// outer and the helper make together, with the helper's parameters
// replaced by outer's arguments. A call of a parameter (NF_HOOK()'s
// okfn) calls the function outer passes there; ok is false when that is
// not a function's name.
func through(outer, inner Call, via string, params []string) (Call, bool) {
	c := inner
	c.Via = via
	c.Pos = outer.Pos
	c.When = outer.When
	c.Written = outer.Written
	c.GFPParam = outer.GFPParam
	c.Always = outer.Always && inner.Always
	c.Warned = outer.Warned || inner.Warned
	c.LastRef = outer.LastRef || inner.LastRef
	c.Task = outer.Task || inner.Task
	c.Unchecked = outer.Unchecked || inner.Unchecked
	// Members are named by their struct, whatever function tests them.
	c.NullMembers = append(append([]Member(nil), outer.NullMembers...), inner.NullMembers...)
	c.SetBits = append(append([]MemberMask(nil), outer.SetBits...), inner.SetBits...)
	c.ClearBits = append(append([]MemberMask(nil), outer.ClearBits...), inner.ClearBits...)
	if q := paramIndex(params, inner.Callee); q > 0 {
		if q > len(outer.Args) {
			return Call{}, false
		}
		if c.Callee = funcArg(outer.Args[q-1]); c.Callee == "" {
			return Call{}, false
		}
	}
	c.Args, c.Values = dataflow.SubstituteArgs(params, inner.Args, inner.Values, outer.Args, outer.Values)
	c.Kinds = throughKinds(outer, inner, params)
	switch {
	case outer.Preempt == Protected:
		c.Preempt, c.Why, c.WhyPos = Protected, outer.Why, outer.WhyPos
	case inner.Preempt == Protected:
	case outer.Preempt == Open:
		c.Preempt, c.Why, c.WhyPos = Open, outer.Why, outer.WhyPos
	}
	c.IRQOff = outer.IRQOff || inner.IRQOff
	c.BHOff = outer.BHOff || inner.BHOff
	c.Stable = outer.Stable || inner.Stable
	c.Unpinned = outer.Unpinned || inner.Unpinned
	c.NoSleep = outer.NoSleep || inner.NoSleep
	c.RawAtomic = outer.RawAtomic || inner.RawAtomic
	c.RawIRQOff = outer.RawIRQOff || inner.RawIRQOff
	if c.RawWhy == "" {
		c.RawWhy = outer.RawWhy
	}
	c.NoFault = outer.NoFault || inner.NoFault
	c.Drops = outer.Drops.Then(inner.Drops)
	return c, true
}

// throughKinds are the Kinds of the call inner that a helper with params
// makes, as a call of the function that calls the helper (outer): a
// helper's parameter passed on is outer's argument.
func throughKinds(outer, inner Call, params []string) []dataflow.Class {
	var kinds []dataflow.Class
	for i, a := range inner.Args {
		var k dataflow.Class
		if q := slices.Index(params, strings.TrimSpace(a)); q >= 0 {
			if q < len(outer.Kinds) {
				k = outer.Kinds[q]
			}
		} else if i < len(inner.Kinds) {
			k = inner.Kinds[i]
		}
		if k != 0 && kinds == nil {
			kinds = make([]dataflow.Class, len(inner.Args))
		}
		if k != 0 {
			kinds[i] = k
		}
	}
	return kinds
}

// callsOf are the call facts of a call event: a direct call of a
// function kapi does not model, an indirect call through a struct field,
// or, through a local function pointer, one call per thing it may hold.
func callsOf(e *cfg.Event) []Call {
	if e.Expr != nil && len(e.Expr.Targets) > 0 {
		return targetCalls(e.Expr)
	}
	if e.API != nil {
		if e.API.Macro {
			return nil
		}
		if eff, known := kapi.Lookup(e.API.Name); known && eff.Changes() {
			return nil
		}
		return []Call{{Callee: e.API.Name, Args: e.API.Args, Values: e.API.Values}}
	}
	if e.Expr == nil || e.Expr.Indirect == nil {
		return nil
	}
	r := e.Expr.Indirect
	return []Call{{Tag: r.Tag, Field: r.Field, Args: argTexts(e.Expr), Values: cparse.ConstValues(e.Expr.Args)}}
}

// viaParam is the call a call c through a function-pointer parameter
// makes: of the function every caller passes there (names;
// dataflow.Unit.ParamCallees), or c itself when that is not one
// function. A call that may be one of several is not followed: the
// functions a helper's callers pass it may call through their own
// pointers whatever they are given (drivers/gpu/drm/i915/i915_request.c
// __notify_execute_cb() is passed irq_work_queue() by one caller and
// irq_work_imm() by another, which runs the item's function, any
// irq_work function for the program, at once, preemptible).
func viaParam(c Call, names []string) []Call {
	if len(names) == 1 {
		c.Callee = names[0]
	}
	return []Call{c}
}

func argTexts(call *cparse.Expr) []string {
	var args []string
	for _, a := range call.Args {
		args = append(args, cparse.ExprText(a))
	}
	return args
}

// targetCalls are the calls through a local function pointer: one per
// function or struct field it may hold.
func targetCalls(x *cparse.Expr) []Call {
	args := argTexts(x)
	var calls []Call
	for _, t := range x.Targets {
		c := Call{Callee: t.Func, Args: args, Values: cparse.ConstValues(x.Args), OneOf: len(x.Targets) > 1}
		if t.Field != nil {
			c.Tag, c.Field = t.Field.Tag, t.Field.Field
		}
		if eff, known := kapi.Lookup(c.Callee); known && eff.Changes() {
			continue
		}
		calls = append(calls, c)
	}
	return calls
}

// classify records the context at a call relative to the caller's entry.
// rt says the unit was read with PREEMPT_RT: otherwise what variant code
// made atomic (#ifndef CONFIG_PREEMPT_RT) is not known to be so there.
func classify(c *Call, s *dataflow.State, pos func(cparse.Pos) Pos, rt bool) {
	switch {
	case s.Protected():
		c.Preempt = Protected
		why := s.Cause()
		c.Why, c.WhyPos = why.Text, pos(why.Pos)
	case s.Open.Pos.IsValid():
		c.Preempt = Open
		c.Why, c.WhyPos = s.Open.Text, pos(s.Open.Pos)
	}
	c.IRQOff = s.IRQ.Off()
	c.BHOff = s.BH.Lo > 0
	c.Stable = s.Migrate.Lo > 0 || c.Preempt == Protected
	c.Unpinned = s.Unpinned && !c.Stable
	c.Bound = s.Migrate.Lo > 0 || s.Pinned
	c.NoSleep = s.NoSleep()
	c.RawIRQOff = s.RawIRQ.Off()
	if c.RawAtomic = s.AtomicOnRT() && (rt || !s.RTCause().Variant); c.RawAtomic {
		c.RawWhy = s.RTCause().Text
		c.RawAssumed = s.AtomicOnRTAssumed()
	}
	c.NoFault = s.FaultsDisabled()
	c.Drops = s.Drops()
	c.Kinds = argKindsAt(c.Args, s)
}

// argKindsAt are, per argument, what the state s knows of a variable
// passed as it is (Call.Kinds); nil when it knows nothing of any.
func argKindsAt(args []string, s *dataflow.State) []dataflow.Class {
	var kinds []dataflow.Class
	if s == nil {
		return nil
	}
	for i, a := range args {
		k, ok := s.Values.Of(strings.TrimSpace(a))
		if !ok || k == dataflow.Any || k == 0 {
			continue
		}
		if kinds == nil {
			kinds = make([]dataflow.Class, len(args))
		}
		kinds[i] = k
	}
	return kinds
}

// argClass is what is known of the call's argument i (0-based): the kind
// of a constant as written, narrowed by what the caller knew of a
// variable passed (Call.Kinds).
func argClass(c *Call, i int) dataflow.Class {
	k := dataflow.ClassOfText(c.Args[i])
	if n, ok := dataflow.IntOfText(argValue(c.Values, i)); ok {
		k &= dataflow.ClassOfInt(n) // a constant with operators, an enumerator
	}
	if i < len(c.Kinds) && c.Kinds[i] != 0 {
		k &= c.Kinds[i]
	}
	return k
}

// funcArg is the function a registration argument names: an identifier,
// possibly with & or a cast in front.
func funcArg(arg string) string {
	a := strings.TrimSpace(arg)
	for {
		switch {
		case strings.HasPrefix(a, "&"):
			a = strings.TrimSpace(a[1:])
			continue
		case strings.HasPrefix(a, "(") && strings.HasSuffix(a, ")") && strings.Count(a, "(") == 1:
			a = strings.TrimSpace(a[1 : len(a)-1])
			continue
		case strings.HasPrefix(a, "("):
			// a cast: (void (*)(unsigned long))fn
			if i := strings.LastIndexByte(a, ')'); i > 0 && i < len(a)-1 {
				a = strings.TrimSpace(a[i+1:])
				continue
			}
		}
		break
	}
	if a == "NULL" || !cparse.IsIdent(a) {
		return ""
	}
	return a
}

// paramClasses are what the branches before a point (the event e of
// block b) teach of the function's parameters' values, and of bits of
// them; a parameter the function writes (written) says nothing of its
// callers' arguments, but bits of it no write changes still do.
func paramClasses(fr *dataflow.Func, b *cfg.Block, e *cfg.Event, s *dataflow.State, written map[string]uint64) []ParamClass {
	f := fr.Graph.Func
	var out []ParamClass
	for i, p := range f.Params {
		if c, ok := s.Values.Of(p.Name); ok && c != dataflow.Any && written[p.Name] == 0 {
			out = append(out, ParamClass{Param: i + 1, Class: c})
		}
	}
	for _, v := range s.Values {
		base, mask, ok := dataflow.SplitMaskKey(v.Key)
		if !ok || v.Class == dataflow.Any || written[base]&mask != 0 {
			continue
		}
		for i, p := range f.Params {
			if p.Name == base {
				out = append(out, ParamClass{Param: i + 1, Class: v.Class, Mask: mask})
			} else if rest, ok := strings.CutPrefix(base, p.Name); ok && strings.HasPrefix(rest, "->") {
				// Bits of a member of the parameter's object (if
				// (!(file->f_mode & (FMODE_BACKING | FMODE_OPENED)))).
				out = append(out, ParamClass{Param: i + 1, Class: v.Class, Mask: mask, Path: rest})
			}
		}
	}
	// What a member of the parameter's object holds (if (store->file),
	// or through a local that aliases it; since version 65).
	for _, v := range fr.ParamMembers(s, b, e) {
		for i, p := range f.Params {
			if rest, ok := strings.CutPrefix(v.Key, p.Name); ok && strings.HasPrefix(rest, "->") && written[p.Name] == 0 {
				out = append(out, ParamClass{Param: i + 1, Class: v.Class, Path: rest})
			}
		}
	}
	return out
}

// reachedWhen are what the parameters hold where a block is reached
// (dataflow.Func.DeadWhen), as ParamClasses.
func reachedWhen(f *cparse.Func, vs []dataflow.Value) []ParamClass {
	var out []ParamClass
	for _, v := range vs {
		if i := slices.IndexFunc(f.Params, func(p *cparse.Var) bool { return p.Name == v.Key }); i >= 0 {
			out = append(out, ParamClass{Param: i + 1, Class: v.Class})
		}
	}
	return out
}

// protectedParams are the values of the function's parameters that
// decide whether it pinned its task, or disabled interrupts, at a point
// (dataflow.State.ProtectedWhen); a parameter the function writes says
// nothing of its callers' arguments.
func protectedParams(f *cparse.Func, s *dataflow.State, written map[string]uint64) []ParamClass {
	var out []ParamClass
	for _, v := range s.ProtectedWhen() {
		for i, p := range f.Params {
			if p.Name == v.Key && written[p.Name] == 0 {
				out = append(out, ParamClass{Param: i + 1, Class: v.Class})
			}
		}
	}
	return out
}

// paramMask is Call.Written of the parameters in written.
func paramMask(f *cparse.Func, written map[string]uint64) uint64 {
	var m uint64
	for i, p := range f.Params {
		if _, ok := written[p.Name]; ok && i < 64 {
			m |= 1 << i
		}
	}
	return m
}

// wrote reports whether the caller may have assigned its parameter q
// (1-based) before the call: beyond the 64th, it may have.
func (c *Call) wrote(q int) bool { return q > 64 || c.Written&(1<<(q-1)) != 0 }

// writtenParams are, for each parameter the function assigns to or
// takes the address of, the bits its writes may change (all of them but
// for flags |= C and flags &= ~C).
func writtenParams(f *cparse.Func) map[string]uint64 {
	w := map[string]uint64{}
	for _, p := range f.Params {
		if bits := dataflow.ParamBitsWritten(f, p.Name); bits != 0 {
			w[p.Name] = bits
		}
	}
	return w
}

// argValue is the constant value recorded for argument i, if any.
func argValue(values []string, i int) string {
	if i < len(values) {
		return values[i]
	}
	return ""
}

// allows reports whether the call c may meet the conditions on its
// callee's parameters: an argument whose kind is known from its text
// (NULL, a constant, &x) or from what the caller knew of the variable
// passed (Call.Kinds) rules the path out when no kind of it is one the
// condition allows; a constant (see Call.Values) does so for a condition
// on its bits.
func allows(when []ParamClass, c *Call) bool {
	for _, w := range when {
		if w.Param > len(c.Args) || w.Path != "" {
			continue
		}
		if w.Mask != 0 {
			v := argValue(c.Values, w.Param-1)
			if v == "" {
				v = c.Args[w.Param-1]
			}
			if argClass(c, w.Param-1) == dataflow.Zero {
				v = "0"
			}
			if n, ok := dataflow.IntOfText(v); ok && dataflow.ClassOfInt(n&w.Mask)&w.Class == 0 {
				return false
			}
			if set, ok := cparse.SplitSetBits(v); ok && set&w.Mask != 0 && w.Class&dataflow.NonZero == 0 {
				return false // bits the condition needs clear are set
			}
			if may, ok := cparse.SplitMayBits(v); ok && may&w.Mask == 0 && w.Class&dataflow.Zero == 0 {
				return false // bits the condition needs set are clear
			}
			continue
		}
		if argClass(c, w.Param-1)&w.Class == 0 {
			return false
		}
	}
	return true
}

// passedOn is what a caller's parameters must hold for a path through
// the call e to be taken: what its branches knew at the call, and the
// callee's conditions on arguments that are the caller's parameters as
// they are or negated (add_ptr_to_bulk_krc_lock(..., !head) sleeps when
// its last argument is nonzero: when head is NULL). ok is false when
// what the caller knew at the call rules the callee's conditions out
// (fput() calls file_free() only where file->f_mode has neither
// FMODE_BACKING nor FMODE_OPENED; file_free() reaches
// backing_file_free() only where it has FMODE_BACKING).
func passedOn(when []ParamClass, e *edge, params []string) (out []ParamClass, ok bool) {
	out = append([]ParamClass(nil), e.call.When...)
	for _, w := range when {
		if w.Param > len(e.call.Args) {
			continue
		}
		if need, known, ok := maskedNeed(w, argValue(e.call.Values, w.Param-1), params); !ok {
			return nil, false
		} else if known {
			for _, k := range e.call.When {
				if contradicts(k, need) {
					return nil, false
				}
			}
			out = append(out, need)
			continue
		}
		arg := strings.Join(strings.Fields(e.call.Args[w.Param-1]), "")
		for _, part := range logicalParts(arg, w) {
			c := w.Class
			if rest, ok := strings.CutPrefix(part, "!"); ok {
				if w.Mask != 0 || w.Path != "" {
					continue
				}
				part = rest
				switch {
				case c&^dataflow.NonZero == 0:
					c = dataflow.Zero
				case c == dataflow.Zero:
					c = dataflow.NonZero
				default:
					continue
				}
			}
			if q := paramIndex(params, part); q > 0 && !e.call.wrote(q) {
				need := ParamClass{Param: q, Class: c, Mask: w.Mask, Path: w.Path}
				for _, k := range e.call.When {
					if contradicts(k, need) {
						return nil, false
					}
				}
				out = append(out, need)
			}
		}
	}
	return out, true
}

// maskedNeed is what the condition w on a callee's parameter asks of
// the caller's parameter when the argument masks it (value is
// flags&40, cparse.MaskedValue; or a member of it: msg->msg_flags&40):
// those bits of it zero, or not all zero. known is false when the
// argument is no such thing or the condition asks nothing of the bits;
// ok is false when the condition cannot hold (bits the mask clears
// asked to be set).
func maskedNeed(w ParamClass, value string, params []string) (need ParamClass, known, ok bool) {
	loc, mask, masked := cparse.SplitMaskedValue(value)
	if !masked || w.Path != "" {
		return ParamClass{}, false, true
	}
	c := dataflow.Zero
	switch {
	case w.Class == dataflow.Zero:
	case w.Class&dataflow.Zero == 0:
		c = dataflow.NonZero
	default:
		return ParamClass{}, false, true
	}
	if w.Mask != 0 {
		if mask &= w.Mask; mask == 0 {
			return ParamClass{}, false, c == dataflow.Zero
		}
	}
	for i, p := range params {
		if path, found := strings.CutPrefix(loc, p); found && (path == "" || strings.HasPrefix(path, "->")) {
			return ParamClass{Param: i + 1, Class: c, Mask: mask, Path: path}, true, true
		}
	}
	return ParamClass{}, false, true
}

// logicalParts are the operands of an argument that must each meet the
// condition w for the argument to: those of a || when it must be 0
// (blk_mq_start_stopped_hw_queues() passes "async || (hctx->flags &
// BLK_MQ_F_BLOCKING)", 0 only when async is), those of a && when it must
// be nonzero; else the argument itself.
func logicalParts(arg string, w ParamClass) []string {
	op := ""
	switch {
	case w.Mask != 0 || w.Path != "":
	case w.Class == dataflow.Zero:
		op = "||"
	case w.Class&^dataflow.NonZero == 0:
		op = "&&"
	}
	if op == "" {
		return []string{arg}
	}
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(arg); i++ {
		switch arg[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case op[0]:
			if depth == 0 && strings.HasPrefix(arg[i:], op) {
				parts = append(parts, arg[start:i])
				start = i + len(op)
				i++
			}
		}
	}
	if parts == nil {
		return []string{arg}
	}
	return append(parts, arg[start:])
}

// contradicts reports whether a value known to satisfy k cannot satisfy
// need: the same parameter (and member), and bits known clear that need
// set, or set that need clear, or kinds with nothing in common.
func contradicts(k, need ParamClass) bool {
	if k.Param != need.Param || k.Path != need.Path {
		return false
	}
	switch {
	case k.Mask == need.Mask:
		return k.Class&need.Class == 0
	case k.Mask == 0 || need.Mask == 0:
		return false
	case need.Mask&^k.Mask == 0 && k.Class == dataflow.Zero:
		// x & K == 0, so x & N == 0 for N within K.
		return need.Class&dataflow.Zero == 0
	case k.Mask&^need.Mask == 0 && k.Class&dataflow.Zero == 0:
		// x & K != 0, so x & N != 0 for N holding K.
		return need.Class == dataflow.Zero
	}
	return false
}

// gfpParam is the function's parameter (1-based) whose GFP flags a branch
// found to allow blocking on every path to a point, if any.
func gfpParam(f *cparse.Func, s *dataflow.State) int {
	for i, p := range f.Params {
		if s.GFPBlocking.Has(p.Name) {
			return i + 1
		}
	}
	return 0
}

// members are the fields as facts name them.
func members(refs []cparse.FieldRef) []Member {
	var out []Member
	for _, r := range refs {
		out = append(out, Member{Tag: r.Tag, Field: r.Field})
	}
	return out
}

func memberMasks(mms []dataflow.MemberMask) []MemberMask {
	var out []MemberMask
	for _, m := range mms {
		out = append(out, MemberMask{Tag: m.Tag, Field: m.Field, Mask: m.Mask, Pointer: m.Pointer})
	}
	return out
}

// workUse is what a call event does to work items: initialise one with
// a function, or queue one (Item "" for one of no per-CPU variable); a
// local that may hold one of several per-CPU instances names several.
// perCPU are the function's
// locals that hold one CPU's instance of a per-CPU variable
// (perCPULocals); boundWQ the unit's variables that hold bound
// workqueues only (boundWorkqueueVars).
func workUse(e *cfg.Event, pos func(cparse.Pos) Pos, perCPU map[string][]string, boundWQ map[string]bool) []WorkUse {
	if e.API == nil {
		return nil
	}
	args := e.API.Args
	if w, ok := kapi.WorkInitOf(e.API.Name); ok && w.Work <= len(args) && w.FuncArg <= len(args) {
		fn := funcArg(args[w.FuncArg-1])
		if fn == "" {
			return nil
		}
		items := workItems(args[w.Work-1], perCPU)
		if len(items) == 0 {
			return []WorkUse{{Func: fn, Pos: pos(e.Pos)}}
		}
		var out []WorkUse
		for _, it := range items {
			out = append(out, WorkUse{Item: it, Func: fn, Pos: pos(e.Pos)})
		}
		return out
	}
	if q, ok := kapi.WorkQueueOf(e.API.Name); ok && q.Work <= len(args) && q.WQ <= len(args) {
		wq := ""
		if q.WQ > 0 {
			wq = strings.TrimSpace(args[q.WQ-1])
		}
		bound := kapi.BoundWorkqueue(wq) || boundWQ[wq]
		items := workItems(args[q.Work-1], perCPU)
		if len(items) == 0 {
			return []WorkUse{{Bound: bound, Pos: pos(e.Pos)}} // a work item of no per-CPU variable
		}
		var out []WorkUse
		for _, it := range items {
			out = append(out, WorkUse{Item: it, Bound: bound, Pos: pos(e.Pos)})
		}
		return out
	}
	return nil
}

// perCPULocals are the function's local variables every store of which
// is one CPU's instance of a per-CPU variable (sfw =
// &per_cpu(slub_flush, cpu), in two loops), or of a member of what such
// a local points to (drivers/thermal/intel/therm_throt.c
// therm_throt_process(): state = &pstate->core_throttle, or
// &pstate->package_throttle, with pstate = &per_cpu(thermal_state,
// this_cpu)), by name, with the instances each may hold as
// kapi.PerCPUInstance names them (thermal_state.core_throttle), sorted.
func perCPULocals(f *cparse.Func) map[string][]string {
	if f.Body == nil {
		return nil
	}
	stores := map[string][]*cparse.Expr{}
	spoilt := map[string]bool{}
	locals := map[string]bool{} // not the parameters: the callers store those
	cparse.WalkStmts(f.Body, func(st *cparse.Stmt) {
		for _, d := range st.Decls {
			if d.Var == nil {
				continue
			}
			locals[d.Var.Name] = true
			if d.Init != nil {
				stores[d.Var.Name] = append(stores[d.Var.Name], d.Init)
			}
		}
	})
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		switch {
		case e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Ident && locals[e.X.Name]:
			if e.Op != "=" {
				spoilt[e.X.Name] = true
				return
			}
			stores[e.X.Name] = append(stores[e.X.Name], e.Y)
		case e.Kind == cparse.Unary && e.Op == "&" && e.X != nil && e.X.Kind == cparse.Ident:
			spoilt[e.X.Name] = true // written through its address
		}
	})
	out := map[string][]string{}
	// A local a member of another points into is resolved once that
	// other is; each round resolves one more, or ends.
	for range len(stores) {
		changed := false
		for name, vs := range stores {
			if spoilt[name] || !locals[name] || out[name] != nil {
				continue
			}
			var insts []string
			for _, v := range vs {
				got := instancesOf(v, out)
				if got == nil {
					insts = nil
					break
				}
				insts = append(insts, got...)
			}
			if insts != nil {
				slices.Sort(insts)
				out[name] = slices.Compact(insts)
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return out
}

// instancesOf are the per-CPU instances a value stored in a local may
// be: one an accessor names, or a member of one a local in locals
// holds (&pstate->core_throttle); nil when it is anything else.
func instancesOf(v *cparse.Expr, locals map[string][]string) []string {
	if inst, ok := kapi.PerCPUInstance(accessorText(v)); ok {
		return []string{inst}
	}
	return workItems(cparse.ExprText(v), locals)
}

// agreed keeps, per name, the one value every store gives it: a name
// two stores give different values, or one a store gives no value the
// caller can tell (ok false), has none.
type agreed[V comparable] struct {
	vals map[string]V
	bad  map[string]bool
}

func (a *agreed[V]) store(name string, v V, ok bool) {
	if a.bad[name] {
		return
	}
	if old, seen := a.vals[name]; !ok || seen && old != v {
		if a.bad == nil {
			a.bad = map[string]bool{}
		}
		a.bad[name] = true
		delete(a.vals, name)
		return
	}
	if a.vals == nil {
		a.vals = map[string]V{}
	}
	a.vals[name] = v
}

// accessorText is an expression as its macro use was written, where it
// is one (&per_cpu(slub_flush, cpu), which the conversion sees
// expanded), possibly with its address taken; else as converted.
func accessorText(e *cparse.Expr) string {
	for e != nil && e.Kind == cparse.Cast {
		e = e.X
	}
	if e == nil {
		return ""
	}
	amp := ""
	x := e
	if x.Kind == cparse.Unary && x.Op == "&" && x.X != nil {
		amp, x = "&", x.X
	}
	if x.API != nil {
		return amp + x.API.Name + "(" + strings.Join(x.API.Args, ",") + ")"
	}
	return cparse.ExprText(e)
}

// boundWorkqueueVars are the unit's file-scope variables every store of
// which, in the unit, is a workqueue allocated without WQ_UNBOUND
// (kapi.WorkqueueFlagsArg): a work item queued on one runs in a kworker
// bound to the CPU. A workqueue is allocated by the unit that defines
// its variable (mm/slub.c's static flushwq); a store of another unit is
// not seen, and would at worst take a work item for pinned that is not.
func boundWorkqueueVars(u *cparse.Unit) map[string]bool {
	var a agreed[bool]
	for _, f := range u.Funcs {
		cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
			if e.Kind != cparse.Assign || e.X == nil || e.X.Kind != cparse.Ident || e.X.Ref != nil {
				return
			}
			y := e.Y
			for y != nil && y.Kind == cparse.Cast {
				y = y.X
			}
			bound := false
			if y != nil && y.Kind == cparse.Call && e.Op == "=" {
				if n, ok := kapi.WorkqueueFlagsArg(y.Callee()); ok && n <= len(y.Args) {
					flags, known := cparse.ConstIntIn(y.Args[n-1], u.Enums)
					bound = known && flags&kapi.WQUnbound == 0
				}
			}
			a.store(e.X.Name, true, bound)
		})
	}
	return a.vals
}

// workItems names the per-CPU work items an argument may designate
// (kapi.PerCPUInstance), also through a local that holds one CPU's
// instance of a per-CPU variable, or one of several (sfw =
// &per_cpu(slub_flush, cpu); INIT_WORK(&sfw->work, flush_cpu_slab):
// slub_flush.work); nil for another argument.
func workItems(arg string, perCPU map[string][]string) []string {
	if item, ok := kapi.PerCPUInstance(arg); ok {
		return []string{item}
	}
	a := strings.Join(strings.Fields(arg), "")
	addr := strings.HasPrefix(a, "&")
	a = strings.TrimPrefix(a, "&")
	base := a
	if i := strings.Index(a, "->"); i >= 0 {
		base = a[:i]
	}
	vs, ok := perCPU[base]
	if !ok || !cparse.IsIdent(base) {
		return nil
	}
	rest := strings.TrimPrefix(a, base)
	switch {
	case rest == "" && !addr:
		return vs // the instance itself
	case strings.HasPrefix(rest, "->") && addr:
		path := strings.ReplaceAll(rest[2:], "->", ".")
		for _, m := range strings.Split(path, ".") {
			if !cparse.IsIdent(m) {
				return nil
			}
		}
		var out []string
		for _, v := range vs {
			out = append(out, v+"."+path)
		}
		return out
	}
	return nil
}

// forOtherUnits is a function's summary as the facts give it to other
// units: what it leaves interrupts as (dataflow.IRQEffect) is applied in
// its own unit only, to the pairs of helpers a unit and its headers
// define. Given across units, it kept the link's settling rounds from
// settling: on the whole defconfig tree six rounds made 7,773 summaries
// again and left 528 units unsettled, where without it five rounds make
// 837, as many as before there was an effect, and leave none.
func forOtherUnits(sum *dataflow.Summary) *dataflow.Summary {
	if sum == nil || sum.IRQ == (dataflow.IRQEffect{}) {
		return sum
	}
	c := *sum
	c.IRQ = dataflow.IRQEffect{}
	return &c
}
