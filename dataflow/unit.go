package dataflow

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// Unit is the analysis of every function of a translation unit.
type Unit struct {
	Src   *cparse.Unit
	Funcs []*Func // in the order of Src.Funcs
	// Summaries are the unit's own functions' and header helpers'
	// summaries, by name: what a call of each does to its caller.
	Summaries Summaries
	// Helpers are the header helpers' analyses from an unknown entry, by
	// name (AnalyzeRelative only): what each does relative to the
	// function that calls it.
	Helpers map[string]*Func
	env     Env
	// viaParams are the functions a call through a parameter may call
	// (paramCallees).
	viaParams map[string]map[string][]string
}

// EntryKind is what is known of a function's entry context.
type EntryKind uint8

const (
	EntryUnknown     EntryKind = iota // no caller shows it (called through a pointer, or from code not seen)
	EntryPreemptible                  // some caller, or the framework, enters it preemptible
	EntryAtomic                       // every way in is atomic
)

// Entry is what the program knows of how a function is entered: by its
// callers (the join over every call site), by the framework that runs it
// (a root), or by nothing.
type Entry struct {
	Kind EntryKind
	// Why is the call or the root that decides Kind (for a preemptible
	// entry, one caller that enters it so; for an atomic one, one of the
	// callers, all of which do), with the callers before it in Why.Via.
	Why Note
	// Root is set when a framework's root decides the entry, not callers.
	Root bool
	// IRQOff, BHOff: every way in has interrupts, bottom halves disabled.
	IRQOff, BHOff bool
	// OnlyIRQOff: disabled interrupts are all that makes the entry atomic
	// (a framework that calls with interrupts off, no preempt count).
	OnlyIRQOff bool
	// Stable: the CPU cannot change although the entry is preemptible
	// (a CPU-bound thread).
	Stable bool
	// ThroughStaticCall: some way in that makes the entry atomic goes
	// through a static call, with nothing but calls on their callers'
	// context after it. A static call is one global slot: whatever it
	// holds runs in the context of each of its calls (unlike an ops
	// pointer of an object, which a caller may only ever find holding
	// some of the functions stored in that field). No call site names
	// the function, so its own sleeps are reported in it, not at its
	// callers' calls.
	ThroughStaticCall bool
	// RawAtomic: every way in is atomic on PREEMPT_RT too (a raw
	// spinlock, the preempt count, interrupts truly disabled, a root
	// that stays atomic there), as RawWhy explains; only with
	// EntryAtomic.
	RawAtomic bool
	RawWhy    Note
	// RawIRQOn, with IRQOff, is a way in with interrupts enabled on
	// PREEMPT_RT: a caller that disabled them only by a sleeping lock's
	// _irq form (spin_lock_irqsave(), local_lock_irqsave()).
	RawIRQOn Note
	// LocksKept: the function returns holding a lock (a lock helper's
	// summary), the program shows every caller, and none of them
	// releases any lock, nor returns it to callers that would: the lock
	// is never released.
	LocksKept bool
	// CallersRelease are locks the function returns holding on some ways
	// out only, with no value that tells its callers which, that every
	// caller the program shows releases where it does not hold them
	// itself (double_rq_lock() takes rq2's lock only when rq2 is not rq1,
	// and double_rq_unlock() releases it under the same test): a lock
	// helper by design. Keys in the function's terms.
	CallersRelease []string
	// HandsOver: a framework calls the function (kapi.LocksReleasedBy:
	// seq_file's .start and .next) and then the callback that releases
	// what it took, whatever it returned: the locks it returns holding
	// on some ways, and those an earlier call of the pair left it to
	// release, are the framework's (fs/proc/task_mmu.c m_start() and
	// m_stop(), net/netfilter/x_tables.c xt_mttg_seq_next()).
	HandsOver bool
	// HandsOverOnZero: the framework releases them only where the
	// function returned 0 (kapi.LocksReleasedOnZero: genetlink's
	// .pre_doit).
	HandsOverOnZero bool
	// Booting: the function is the kernel's early boot (a root of
	// kapi.Boot), or only early boot calls it, whose sleeps the kernel
	// does not check and which cannot sleep for real: no sleep under
	// its atomic context, nor through its calls, is a finding. So for a
	// function only calls made where the kernel's sleep checks are off
	// reach (State.Unchecked: shutting down, an oops in progress).
	Booting bool
	// Args are parameters every caller that enters the function
	// preemptible passes a constant of a known kind
	// (tcp_check_req(..., true, ...) from the socket backlog): the
	// preemptible entry takes only the paths those values allow.
	Args []Value
}

// Env is what the analysis of one unit knows of the rest of the program.
type Env interface {
	// Callee is the summary of a function the unit calls but does not
	// define; nil when it is not known.
	Callee(name string) *Summary
	// Entry is the entry context of one of the unit's functions.
	Entry(f *cparse.Func) Entry
	// Sleeps reports whether a call (the function's name, its arguments
	// and their constant values) may sleep where its callee has not made the context atomic: the
	// sleeping primitive, with the calls down to it in Via, and what of
	// the caller's context the callee gives up before (its locks in the
	// caller's terms): protected only by that, the caller does not sleep
	// in atomic context.
	// A callee that sleeps only by faulting on user memory does not
	// sleep where the state before the call has page faults disabled,
	// nor one whose way down needs bits of a struct member that clear
	// (Func.ClearBits) says the caller found clear, in the member or in
	// one it is copied from (the block layer's hctx->flags, copied from
	// its tag set's flags, for a test of q->tag_set->flags): the objects
	// on one path are taken to be of one family.
	Sleeps(call *cparse.APIUse, before *State, clear []MemberMask) (path Note, drops Drops, ok bool)
	// LocksOnRT reports whether a call takes a lock that sleeps on
	// PREEMPT_RT (spinlock_t, rwlock_t, local_lock) where its callee has
	// not made the context atomic there: the acquisition, with the calls
	// down to it in Via.
	// drops are as Sleeps'. before is the state before the call (nil when
	// not known): as for Sleeps, a way down that needs a member of an
	// object passed to hold what the state knows it does not is none.
	LocksOnRT(call *cparse.APIUse, before *State) (path Note, drops Drops, ok bool)
	// NeverSet reports whether the whole program shows that no object
	// of a struct has the bits m of its member (m.Pointer: that no store
	// sets the pointer): a branch that needs them is no path. False
	// where it does not know.
	NeverSet(m MemberMask) bool
}

// Env returns the program the unit was analysed in; nil for a unit on
// its own.
func (r *Unit) Env() Env { return r.env }

// Drops is what a function gave up of its caller's context, on every
// path to a point: locks it released without taking them, levels of
// preempt count it enabled below its entry's, an FPU section it ended
// without beginning one. A callee that sleeps after such drops (unlock;
// schedule(); lock) does not sleep in its caller's atomic context.
type Drops struct {
	Locks   []string `json:"locks,omitempty"`
	Preempt int8     `json:"preempt,omitempty"`
	// BH is how many bottom-half disables of the caller the function
	// undid (State.BHDropped; since facts version 38).
	BH  int8 `json:"bh,omitempty"`
	FPU bool `json:"fpu,omitempty"`
	// IRQOn: the function enabled interrupts itself on every path there
	// (State.IRQEnabled); intel_vblank_evade() enables them around its
	// schedule_timeout().
	IRQOn bool `json:"irq_on,omitempty"`
	// Checks: the function turned the kernel's own sleep checks on
	// again on every path there (State.Rechecked: oops_end()'s
	// bust_spinlocks(0)); a caller that turned them off is not
	// covered by that past the call (since facts version 50).
	Checks bool `json:"checks,omitempty"`
}

// None reports whether d gives up nothing.
func (d Drops) None() bool {
	return len(d.Locks) == 0 && d.Preempt == 0 && d.BH == 0 && !d.FPU && !d.IRQOn
}

// Rewritten is d with its locks named as a caller names them: a key on
// one of params is rebased on the caller's argument for it (RewriteKey);
// another keeps its name.
func (d Drops) Rewritten(params, args []string) Drops {
	locks := make([]string, 0, len(d.Locks))
	for _, k := range d.Locks {
		if key, ok := RewriteKey(params, k, args); ok {
			k = key
		}
		locks = append(locks, k)
	}
	d.Locks = locks
	return d
}

// Then is d followed by what a callee gives up after it (o, its locks
// already in the caller's terms).
func (d Drops) Then(o Drops) Drops {
	return Drops{
		Locks:   append(append([]string(nil), d.Locks...), o.Locks...),
		Preempt: d.Preempt + o.Preempt,
		BH:      d.BH + o.BH,
		FPU:     d.FPU || o.FPU,
		IRQOn:   d.IRQOn || o.IRQOn,
		Checks:  d.Checks || o.Checks,
	}
}

// Drops is what the function gave up of its caller's context here.

func (s *State) Drops() Drops {
	return Drops{Locks: append([]string(nil), s.Dropped...), Preempt: max(0, -s.Preempt.Hi), BH: s.BHDropped, FPU: s.FPU.Hi < 0, IRQOn: s.IRQEnabled, Checks: s.Rechecked}
}

// Without returns the state as a callee that makes the drops sees it:
// the locks released (interrupts disabled by taking one of them back
// on, bottom halves disabled by taking one enabled), the preempt count
// lowered, the FPU section ended.
func (s *State) Without(d Drops) State {
	t := s.clone()
	if d.Checks {
		t.Unchecked = false
	}
	for _, k := range d.Locks {
		if _, ok := t.Locks.Lock(k); !ok {
			// Named otherwise by the callee, through its own local
			// (process_one_work()'s pool = worker->pool, the
			// caller's pool = pwq->pool): a lock the callee drops
			// without taking it is its caller's, the one the caller
			// holds that ends in the same member.
			if other, found := t.heldLike(k); found {
				k = other
			}
		}
		if h, ok := t.Locks.Lock(k); ok {
			if t.IRQOff.Pos == h.Pos && t.IRQ.Off() {
				t.IRQ = MayBeOn
				if h.Kind == kapi.RawSpin {
					t.RawIRQ = MayBeOn // it disabled them on PREEMPT_RT too
				}
			}
			// spin_lock_bh(): releasing the lock enables bottom halves
			// again (a callee's own count never goes below zero, so
			// its drops cannot say so).
			if eff, ok := kapi.Lookup(h.Name); ok && eff.BH > 0 {
				t.BH = t.BH.add(-eff.BH)
				t.BH = Range{max(t.BH.Lo, 0), max(t.BH.Hi, 0)}
			}
			t.Locks = t.Locks.drop(k)
		}
	}
	if d.Preempt > 0 {
		t.Preempt = t.Preempt.add(-d.Preempt)
	}
	if d.BH > 0 {
		t.BH = t.BH.add(-d.BH)
		t.BH = Range{max(t.BH.Lo, 0), max(t.BH.Hi, 0)}
	}
	if d.FPU {
		t.FPU = Range{}
	}
	if d.IRQOn && t.IRQ.Off() {
		t.IRQ, t.IRQOff = MayBeOn, Note{}
	}
	return t
}

// AnalyzeUnit analyses a unit on its own: its functions start
// preemptible when the unit is the whole program (a standalone file), in
// an unknown context otherwise.
func AnalyzeUnit(u *cparse.Unit) *Unit { return AnalyzeUnitIn(u, nil) }

// AnalyzeRelative analyses every function of u from an unknown entry, so
// that each state says what the function itself did (the protection it
// took, or gave up): the relative facts a summary of the program is made
// of. Calls of the unit's own functions and header helpers apply their
// summaries.
func AnalyzeRelative(u *cparse.Unit) *Unit { return AnalyzeRelativeIn(u, nil) }

// AnalyzeRelativeIn is AnalyzeRelative in a program: calls of functions
// the unit does not define apply the summaries env has of them (nil: a
// unit on its own).
func AnalyzeRelativeIn(u *cparse.Unit, env Env) *Unit {
	r := &Unit{Src: u, Summaries: Summaries{}, Helpers: map[string]*Func{}, env: env}
	r.summarizeBottomUp(r.graphs())
	return r
}

// AnalyzeUnitIn analyses u as part of a program: each function from the
// entry env gives it, calls of functions the unit does not define with
// the summaries env has of them. A nil env is a unit on its own.
func AnalyzeUnitIn(u *cparse.Unit, env Env) *Unit {
	r := &Unit{Src: u, Summaries: Summaries{}, Helpers: map[string]*Func{}, env: env}
	graphs := r.graphs()
	r.summarizeBottomUp(graphs)
	r.analyzeAll(graphs, func(f *cparse.Func) State { return r.entryState(f) })
	return r
}

// maxSummaryRounds bounds the analyses of one strongly connected
// component of the call graph: recursion could feed rewritten lock keys
// back into its own summaries forever.
const maxSummaryRounds = 8

// summarizeBottomUp makes the summaries of the unit's header helpers and
// functions, callees before callers: over the strongly connected
// components of the unit's call graph in bottom-up order, each component
// analysed from an unknown entry until its members' summaries no longer
// change (a component without recursion once). It leaves each
// function's last analysis in r.Funcs and each helper's in r.Helpers.
func (r *Unit) summarizeBottomUp(graphs []*cfg.Graph) {
	u := r.Src
	hconf := cfg.Config{NoReturn: func(name string) bool { return u.NoReturn[name] }, Enums: u.Enums, Globals: kapi.DecidesSleepChecks}
	// Nodes: the helpers, then the unit's functions.
	var funcs []*cparse.Func
	var gs []*cfg.Graph
	for _, f := range u.Helpers {
		funcs = append(funcs, f)
		gs = append(gs, cfg.New(f, hconf))
	}
	helpers := len(funcs)
	funcs = append(funcs, u.Funcs...)
	gs = append(gs, graphs...)
	index := map[string]int{}
	for i, f := range funcs {
		if _, dup := index[f.Name]; !dup || i >= helpers {
			index[f.Name] = i
		}
	}
	calls := make([][]int, len(funcs))
	selfCall := make([]bool, len(funcs))
	for i, g := range gs {
		seen := map[int]bool{}
		g.Events(func(_ *cfg.Block, e *cfg.Event) {
			if e.Kind != cfg.Call || e.API == nil || e.API.Macro {
				return
			}
			if j, ok := index[e.API.Name]; ok && !seen[j] {
				seen[j] = true
				calls[i] = append(calls[i], j)
				selfCall[i] = selfCall[i] || j == i
			}
		})
	}
	r.viaParams = paramCallees(u, funcs[helpers:], gs)
	for i, f := range funcs {
		// A function calls what its callers pass it: their summaries
		// come first.
		for _, names := range r.viaParams[f.Name] {
			for _, name := range names {
				if j, ok := index[name]; ok && !slices.Contains(calls[i], j) {
					calls[i] = append(calls[i], j)
					selfCall[i] = selfCall[i] || j == i
				}
			}
		}
	}
	lookup := summaryLookup{unit: r.Summaries, env: r.env, viaParams: r.viaParams}
	analyses := make([]*Func, len(funcs))
	for _, comp := range BottomUp(len(funcs), func(n int) []int { return calls[n] }) {
		recursive := len(comp) > 1 || selfCall[comp[0]]
		for round := 0; round < maxSummaryRounds; round++ {
			before := map[int]*Summary{}
			for _, i := range comp {
				before[i] = r.Summaries[funcs[i].Name]
				fr := analyze(gs[i], unknownEntry(funcs[i]), lookup)
				analyses[i] = fr
				if sum := summarize(funcs[i], fr); sum != nil {
					r.Summaries[funcs[i].Name] = sum
				} else {
					delete(r.Summaries, funcs[i].Name)
				}
			}
			// What each member passes to unseen calls, through its
			// callees' summaries.
			for range maxSummaryRounds {
				again := false
				for _, i := range comp {
					if sum := r.Summaries[funcs[i].Name]; sum != nil && sum.unseenArgs(analyses[i], lookup) {
						again = true
					}
				}
				if !again || !recursive {
					break
				}
			}
			changed := false
			for _, i := range comp {
				changed = changed || !reflect.DeepEqual(before[i], r.Summaries[funcs[i].Name])
			}
			if !recursive || !changed {
				break
			}
		}
	}
	for i, fr := range analyses[:helpers] {
		if !funcs[i].Nested { // summarised only (cparse.Func.Nested)
			r.Helpers[funcs[i].Name] = fr
		}
	}
	r.Funcs = analyses[helpers:]
}

func (r *Unit) graphs() []*cfg.Graph {
	u := r.Src
	conf := cfg.Config{
		NoReturn: func(name string) bool { return u.NoReturn[name] },
		Enums:    u.Enums,
		Globals:  kapi.DecidesSleepChecks,
	}
	graphs := make([]*cfg.Graph, len(u.Funcs))
	for i, f := range u.Funcs {
		graphs[i] = cfg.New(f, conf)
	}
	return graphs
}

func (r *Unit) analyzeAll(graphs []*cfg.Graph, entry func(*cparse.Func) State) {
	r.Funcs = make([]*Func, len(graphs))
	env := summaryLookup{unit: r.Summaries, env: r.env, viaParams: r.viaParams}
	for i, g := range graphs {
		r.Funcs[i] = analyze(g, entry(g.Func), env)
	}
}

// ParamCallees are the functions a call through the parameter param of
// the unit's function fn may make: those its callers pass there
// (paramCallees); nil when that is not known.
func (r *Unit) ParamCallees(fn, param string) []string { return r.viaParams[fn][param] }

// summaryLookup finds a callee's summary: the unit's own first, then the
// program's.
type summaryLookup struct {
	unit      Summaries
	env       Env
	viaParams map[string]map[string][]string // see paramCallees
}

func (l summaryLookup) calledVia(fn, param string) []string { return l.viaParams[fn][param] }

// paramCallees are, for each static function of the unit called only
// directly (its name is never taken as a value), the functions its
// callers pass for each of its parameters, by parameter name, where
// every call passes a function's name there: a call through that
// parameter is a call of one of them (kernel/events/core.c
// __perf_event_output() calls the output_begin its callers pass). An
// argument that is a variable (a parameter of the caller, passed on from
// further up, or a pointer loaded from an object) resolves nothing.
func paramCallees(u *cparse.Unit, funcs []*cparse.Func, gs []*cfg.Graph) map[string]map[string][]string {
	static := map[string]*cparse.Func{}
	for _, f := range funcs {
		if f.Static && len(f.Params) > 0 {
			static[f.Name] = f
		}
	}
	if len(static) == 0 {
		return nil
	}
	for _, st := range u.Stores {
		delete(static, st.Func)
	}
	for _, m := range u.MacroUses {
		for _, a := range m.Args {
			delete(static, strings.TrimSpace(a))
		}
	}
	type site struct {
		args []string
		refs map[string]bool // the functions the caller names as values
	}
	sites := map[string][]site{}
	for _, g := range gs {
		refs := map[string]bool{}
		var calls [][]string
		g.Events(func(_ *cfg.Block, e *cfg.Event) {
			switch {
			case e.Kind == cfg.Ref:
				refs[e.Name] = true
			case e.Kind == cfg.Call && e.API != nil && !e.API.Macro && static[e.API.Name] != nil:
				calls = append(calls, append([]string{e.API.Name}, e.API.Args...))
			}
		})
		for name := range refs {
			delete(static, name)
		}
		for _, c := range calls {
			sites[c[0]] = append(sites[c[0]], site{c[1:], refs})
		}
	}
	var out map[string]map[string][]string
	for name, f := range static {
		if len(sites[name]) == 0 {
			continue
		}
		for k, p := range f.Params {
			var names []string
			for _, s := range sites[name] {
				arg := ""
				if k < len(s.args) {
					arg = strings.TrimSpace(s.args[k])
				}
				if !s.refs[arg] {
					names = nil
					break
				}
				if !slices.Contains(names, arg) {
					names = append(names, arg)
				}
			}
			if names == nil || p.Name == "" {
				continue
			}
			if out == nil {
				out = map[string]map[string][]string{}
			}
			if out[name] == nil {
				out[name] = map[string][]string{}
			}
			slices.Sort(names)
			out[name][p.Name] = names
		}
	}
	return out
}

func (l summaryLookup) neverSet(m MemberMask) bool { return l.env != nil && l.env.NeverSet(m) }

func (l summaryLookup) lookup(name string) (*Summary, bool) {
	if s, ok := l.unit[name]; ok {
		return s, true
	}
	if l.env != nil {
		if s := l.env.Callee(name); s != nil {
			return s, true
		}
	}
	return nil, false
}

// entryState is the state a function starts in: what env says of its
// entry, or for a unit on its own, preemptible when the unit is the
// whole program and unknown otherwise.
func (r *Unit) entryState(f *cparse.Func) State {
	if r.env == nil {
		if r.Src.Standalone {
			return preemptibleEntry(f, Note{})
		}
		return unknownEntry(f)
	}
	e := r.env.Entry(f)
	switch e.Kind {
	case EntryPreemptible:
		s := preemptibleEntry(f, e.Why)
		if e.Stable {
			s.Migrate = Range{1, 1}
		}
		for _, v := range e.Args {
			s.Values = s.Values.set(v.Key, v.Class)
		}
		return s
	case EntryAtomic:
		if e.OnlyIRQOff {
			// Rescheduling here is what "irqs disabled is a fundamentally
			// unsafe way of disabling preemption" is about.
			s := State{IRQ: MayBeOff, IRQOff: e.Why, Locks: annotatedLocks(f), Since: e.Why, RawIRQ: MayBeOn | MayBeOff}
			if e.RawAtomic {
				s.RawIRQ, s.RawSince = MayBeOff, e.RawWhy
			}
			return s
		}
		s := State{IRQ: MayBeOn | MayBeOff, Atomic: true, Inherited: !e.Root, Locks: annotatedLocks(f), Since: e.Why,
			RawIRQ: MayBeOn | MayBeOff, RawAtomic: e.RawAtomic}
		if e.RawAtomic {
			s.RawSince = e.RawWhy
		}
		if e.IRQOff && !e.RawIRQOn.Pos.IsValid() {
			s.RawIRQ = MayBeOff
		}
		if e.IRQOff {
			s.IRQ = MayBeOff
			s.IRQOff = e.Why
		}
		if e.BHOff {
			s.BH = Range{1, 1}
			s.EntryBH = 1
		}
		return s
	}
	return unknownEntry(f)
}

// annotatedLocks are the locks a function's annotations say it holds at
// entry (__releases, __must_hold). Their kind is unknown, so they count
// for ownership, not as protection. They are the caller's, as a lock
// taken back after the function dropped it is (Held.Retaken): a loop
// that drops one to sleep and takes it back meets both at its head
// (allocate_file_region_entries()).
func annotatedLocks(f *cparse.Func) LockSet {
	var hs LockSet
	for _, k := range append(append([]string(nil), f.Releases...), f.MustHold...) {
		hs = append(hs, Held{Key: k, Must: true, Pos: f.Pos, Retaken: true})
	}
	sort.Slice(hs, func(a, b int) bool { return hs[a].Key < hs[b].Key })
	return hs
}

// SleepsUnprotected finds a call that may sleep made with nothing
// disabling preemption: the function's own evidence that it is entered in
// a context that may sleep.
func SleepsUnprotected(fr *Func) (Note, bool) {
	var at Note
	fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *State) {
		if at.Pos.IsValid() || e.Kind != cfg.Call || before.NoSleep() || before.Warned || before.LastRef || before.Unchecked {
			return
		}
		eff, ok := Effect(e)
		if !ok || !eff.MaySleep || eff.FaultSleep && before.FaultsDisabled() {
			return
		}
		if n := eff.ZeroArgSleeps; n > 0 && (n > len(e.API.Args) || ClassOfText(e.API.Args[n-1])&Zero == 0) {
			return
		}
		if eff.GFPArg > 0 {
			if eff.GFPArg > len(e.API.Args) {
				return
			}
			if r, known := kapi.GFPReclaims(e.API.Args[eff.GFPArg-1]); !known || !r {
				return
			}
		}
		at = Note{Pos: e.Pos, Text: fmt.Sprintf("%s() may sleep here", e.API.Name)}
	})
	return at, at.Pos.IsValid()
}

// unknownEntry is the entry of a function whose callers are not known:
// the context it runs in is decided elsewhere, so nothing is assumed.
// Preemption is not known to be disabled, but neither is it known to be
// enabled: rules that need an enabled context wait for an event on the
// path that enables it (Open stays empty until then).
func unknownEntry(f *cparse.Func) State {
	return State{IRQ: MayBeOn, Locks: annotatedLocks(f), Unknown: true}
}

// preemptibleEntry is the entry of a function some caller (why) enters
// with preemption enabled; without why, a function no caller is known to
// call any other way.
func preemptibleEntry(f *cparse.Func, why Note) State {
	s := State{IRQ: MayBeOn, Locks: annotatedLocks(f), Open: why}
	if !why.Pos.IsValid() {
		s.Open = Note{Pos: f.Pos, Text: fmt.Sprintf("%s() is entered with preemption enabled", f.Name)}
	}
	return s
}
