package dataflow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// Func is the analysis of one function.
type Func struct {
	Graph *cfg.Graph
	Entry State
	In    []State // the state at the start of each block, by Block.Index
	// Alt is the analysis for the other kind of kernel, for a function
	// that tests IS_ENABLED(CONFIG_PREEMPT_RT): this one takes the side
	// the .config chose (Entry.Kernels), Alt the other; nil otherwise.
	// Each side's context is then exact, where a join of both would mix
	// a spin_lock() taken on one kind with a preempt_disable() on the
	// other.
	Alt   *Func
	env   callees
	alias map[string]string // see aliases
	// tracked are the local variables whose every write the analysis
	// sees (see trackedLocals); made on the first branch that needs it.
	tracked map[string]bool
	// members are the members branches test, by values key (see
	// testedMembers); made on the first question.
	members map[string]cparse.FieldRef
	// bits are the members' bits branches test, by values key (see
	// testedBits); made on the first question.
	bits map[string]MemberMask
	// snapshot are the members of snapshots (kapi.Snapshot) branches
	// test, as their values keys, with the bits of calls that return
	// one's bits (Summary.ReturnsParamBits) in the caller's terms; and
	// callBits those keys by the call's callValueKey. Made with bits.
	snapshot map[string]bool
	callBits map[string]string
	// masks are the constant masks branches test of each location, by
	// its key (see testedMasks); made on the first store that needs it.
	masks map[string][]uint64
	// exits, once made (see Exits).
	exits     []Exit
	exitsMade bool
	// lost are the locks a call may have released in code the analysis
	// does not see, on some path (see LostToUnseen).
	lost map[string]bool
	// stores are the values stored into each location, by key, as
	// the events that store them (Assign and Call events with a
	// DefKey); made on the first question (see storesOf).
	stores map[string][]*cfg.Event
	// locals are the function's variables and parameters (true), and
	// the globals it assigns (false), for localObject; made on the first
	// question.
	locals map[string]bool
	// storeReach are, per location, the blocks reached by one edge or
	// more from a block that stores into it (storedBefore); made on the
	// first question of each.
	storeReach map[string][]bool
}

// storedBefore reports whether a store into the location key may come
// before the event e of block b on a path through the function: one
// earlier in b, or in a block from which b is reached.
func (r *Func) storedBefore(key string, b *cfg.Block, e *cfg.Event) bool {
	stores := r.storesOf(key)
	if len(stores) == 0 {
		return false
	}
	for _, ev := range b.Events {
		if ev == e {
			break
		}
		if slices.Contains(stores, ev) {
			return true
		}
	}
	reached, ok := r.storeReach[key]
	if !ok {
		// The blocks reached, by one edge or more, from a block that
		// stores.
		reached = make([]bool, len(r.Graph.Blocks))
		var work []*cfg.Block
		r.Graph.Events(func(blk *cfg.Block, ev *cfg.Event) {
			if slices.Contains(stores, ev) && (len(work) == 0 || work[len(work)-1] != blk) {
				work = append(work, blk)
			}
		})
		for len(work) > 0 {
			blk := work[len(work)-1]
			work = work[:len(work)-1]
			for _, s := range blk.Succs {
				if !reached[s.To.Index] {
					reached[s.To.Index] = true
					work = append(work, s.To)
				}
			}
		}
		if r.storeReach == nil {
			r.storeReach = map[string][]bool{}
		}
		r.storeReach[key] = reached
	}
	return reached[b.Index]
}

// storesOf are the events that store into the location key.
func (r *Func) storesOf(key string) []*cfg.Event {
	if r.stores == nil {
		r.stores = map[string][]*cfg.Event{}
		r.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
			if e.DefKey != "" && (e.Kind == cfg.Assign || e.Kind == cfg.Call) {
				r.stores[e.DefKey] = append(r.stores[e.DefKey], e)
			}
		})
	}
	return r.stores[key]
}

// LostToUnseen are the locks the function held, taken through a helper
// or named by an annotation, that a call passed their object may have
// released in code the analysis does not see (releaseUnseen), on some
// path: the function's own release of one afterwards may be the release
// the helper's partner did not make, or a second one; the analysis
// cannot tell which.
func (r *Func) LostToUnseen() map[string]bool { return r.lost }

// noteLost records what releaseUnseen dropped.
func (r *Func) noteLost(keys []string) {
	for _, k := range keys {
		if r.lost == nil {
			r.lost = map[string]bool{}
		}
		r.lost[k] = true
	}
}

// Analyze runs the analysis of g from the given entry state to a fixpoint.
func Analyze(g *cfg.Graph, entry State) *Func { return analyze(g, entry, nil) }

// callees finds the summary of a called function.
type callees interface {
	lookup(name string) (*Summary, bool)
	// calledVia are the functions a call through the parameter param of
	// the function fn may make (Unit.ParamCallees).
	calledVia(fn, param string) []string
	// neverSet is Env.NeverSet.
	neverSet(m MemberMask) bool
}

func (s Summaries) lookup(name string) (*Summary, bool) {
	sum, ok := s[name]
	return sum, ok
}

func (Summaries) neverSet(MemberMask) bool { return false }

func (Summaries) calledVia(string, string) []string { return nil }

func analyze(g *cfg.Graph, entry State, env callees) *Func {
	if configured, ok := testsRT(g); ok && entry.Kernels == 0 {
		entry.Kernels = configured
		r := analyze(g, entry, env)
		entry.Kernels = AnyKernel &^ configured
		r.Alt = analyze(g, entry, env)
		return r
	}
	entry.Reached = true
	if entry.RawIRQ == 0 {
		// Nothing said of PREEMPT_RT: the interrupt state is the same
		// there.
		entry.RawIRQ = entry.IRQ
	}
	if entry.Kernels == 0 {
		entry.Kernels = AnyKernel
	}
	r := &Func{Graph: g, Entry: entry, env: env, alias: aliases(g.Func)}
	node := func(b int, in State) State {
		s := in.clone()
		for _, e := range g.Blocks[b].Events {
			r.transfer(&s, e)
		}
		return s
	}
	edge := func(from, succ int, out State) State {
		e := g.Blocks[from].Succs[succ]
		if e.Cond == nil {
			return out
		}
		t := out.clone()
		r.transferEdge(&t, e)
		return t
	}
	r.In = Forward[State](newBlocks(g), stateLattice{}, entry.clone(), node, edge)
	return r
}

// testsRT reports whether the function branches on
// IS_ENABLED(CONFIG_PREEMPT_RT), and which kind of kernel the .config
// the unit was read under chose: the value the test expanded to.
func testsRT(g *cfg.Graph) (configured Kernels, ok bool) {
	for _, b := range g.Blocks {
		for _, e := range b.Succs {
			if c := e.Cond; c != nil && c.API != nil && kapi.TestsRT(c.API.Name, c.API.Args) {
				configured = ClassicKernel
				if v, lit := cparse.IntLit(c.Name); c.Kind == cparse.Lit && lit && v != 0 {
					configured = RTKernel
				}
				return configured, true
			}
		}
	}
	return 0, false
}

// blocks adapts a cfg graph to the solver: the successors of every
// block, made once (the solver asks at each visit of a block).
type blocks [][]int

func newBlocks(g *cfg.Graph) blocks {
	n := 0
	for _, b := range g.Blocks {
		n += len(b.Succs)
	}
	all := make([]int, 0, n)
	out := make(blocks, len(g.Blocks))
	for i, b := range g.Blocks {
		start := len(all)
		for _, e := range b.Succs {
			all = append(all, e.To.Index)
		}
		out[i] = all[start:len(all):len(all)]
	}
	return out
}

func (b blocks) Len() int { return len(b) }

func (b blocks) Succs(n int) []int { return b[n] }

// Walk calls fn for every event of every reached block with the state just
// before the event. fn must not keep before past the call.
func (r *Func) Walk(fn func(b *cfg.Block, e *cfg.Event, before *State)) {
	// One state for the walk: fn sees it through a pointer, so a state
	// per block was a heap object of its own (on the whole tree, 125 of
	// the 414 CPU-s the check phase spent analysing went to allocating
	// them).
	s := new(State)
	for _, b := range r.Graph.Blocks {
		if !r.In[b.Index].Reached {
			continue
		}
		*s = r.In[b.Index].clone()
		for _, e := range b.Events {
			fn(b, e, s)
			r.transfer(s, e)
		}
	}
}

// Effect returns the kernel API effect of a call event, if it has one.
func Effect(e *cfg.Event) (kapi.Effect, bool) {
	if e.Kind != cfg.Call || e.API == nil {
		return kapi.Effect{}, false
	}
	return kapi.Lookup(e.API.Name)
}

// LockKey names the lock a lock primitive works on: its first argument
// (see cparse.LockKey), or, for primitives without arguments
// (rcu_read_lock), the acquiring primitive.
func LockKey(api *cparse.APIUse, eff kapi.Effect) string {
	if eff.LockArg > 1 {
		if eff.LockArg <= len(api.Args) {
			return cparse.LockKey(api.Args[eff.LockArg-1])
		}
		return api.Name + "()"
	}
	if len(api.Args) == 0 || api.Args[0] == "" {
		name := api.Name
		if eff.Lock == kapi.Release {
			name = eff.Pair
		}
		return name + "()"
	}
	return cparse.LockKey(api.Args[0])
}

// flagsKey names the variable an irqsave/irqrestore primitive stores the
// interrupt state in: its last argument.
func flagsKey(api *cparse.APIUse) string {
	if len(api.Args) == 0 {
		return "?"
	}
	return cparse.LockKey(api.Args[len(api.Args)-1])
}

func (r *Func) transfer(s *State, e *cfg.Event) {
	e = r.canon(e)
	if eff, ok := Effect(e); ok && eff.Lock == kapi.Release {
		e = r.releasedAs(s, e, eff)
	}
	var bits []Value
	if e.Kind == cfg.Assign {
		bits = r.storedBits(e, s) // of the state before the store
	}
	Transfer(s, e)
	for _, v := range bits {
		s.Values = s.Values.set(v.Key, v.Class)
	}
	if e.Kind == cfg.Call && e.Stmt != nil && e.API != nil && len(e.API.Args) > 0 {
		if eff, ok := kapi.Lookup(e.API.Name); ok && eff.Warns && eff.AssertsArg {
			r.warnedFalse(s, e.API.Args[0])
		}
	}
	if e.Kind == cfg.Assign && e.DefKey != "" {
		if obj := objectAddress(e.Value); obj != "" && !r.localObject(obj) {
			s.Values = s.Values.set(EqKey(e.DefKey, obj), NonZero)
		}
		r.flagUnderLock(s, e)
	}
	if eff, ok := Effect(e); ok && eff.Lock != kapi.NoLockOp {
		r.dereferenced(s, LockKey(e.API, eff))
	}
	if r.env != nil && e.Kind == cfg.Call && e.API != nil && !e.API.Macro {
		if _, known := kapi.Lookup(e.API.Name); !known {
			if sum := r.summaryOf(e); sum != nil {
				r.noteLost(sum.apply(s, e, r.alias))
			} else {
				r.noteLost(releaseUnseen(s, e.API.Args))
			}
		}
	}
	if ev := r.fieldCall(e); ev != nil {
		if sum := r.summaryOf(ev); sum != nil {
			r.noteLost(sum.apply(s, ev, r.alias))
		}
	}
}

// fieldCall is a call through a struct member (ops->mark_dead(bdev, surprise))
// as a call of FieldCallee's name, with its arguments in the function's
// terms; nil for another event. The program may know the one function the
// member holds (Env.Callee).
func (r *Func) fieldCall(e *cfg.Event) *cfg.Event {
	if r.env == nil || e.Kind != cfg.Call || e.API != nil || e.Expr == nil || e.Expr.Kind != cparse.Call || e.Expr.Indirect == nil {
		return nil
	}
	api := &cparse.APIUse{Name: FieldCallee(*e.Expr.Indirect), Pos: e.Pos}
	for _, a := range e.Expr.Args {
		api.Args = append(api.Args, cparse.ExprText(a))
	}
	return r.canon(&cfg.Event{Kind: cfg.Call, Pos: e.Pos, API: api, Expr: e.Expr})
}

// FieldCallee is the name Env.Callee is asked for a call through the
// member Field of struct Tag: "Tag.Field", no C identifier.
func FieldCallee(ref cparse.FieldRef) string { return ref.Tag + "." + ref.Field }

// SplitFieldCallee undoes FieldCallee.
func SplitFieldCallee(name string) (cparse.FieldRef, bool) {
	tag, field, ok := strings.Cut(name, ".")
	if !ok || !cparse.IsIdent(tag) || !cparse.IsIdent(field) {
		return cparse.FieldRef{}, false
	}
	return cparse.FieldRef{Tag: tag, Field: field}, true
}

// summaryOf is the summary the analysis applies at call e, if any.
func (r *Func) summaryOf(e *cfg.Event) *Summary {
	if r.env == nil || e.Kind != cfg.Call || e.API == nil || e.API.Macro {
		return nil
	}
	if _, known := kapi.Lookup(e.API.Name); known {
		return nil
	}
	sum, ok := r.env.lookup(e.API.Name)
	if !ok {
		sum = r.viaParamSummary(e.API.Name)
	}
	return sum.At(e.API.Args)
}

// calledVia are the functions a call of name may make when name is a
// parameter of the function: those its callers pass there; nil when
// that is not known.
func (r *Func) calledVia(name string) []string {
	if !r.Graph.Func.HasParam(name) {
		return nil
	}
	return r.env.calledVia(r.Graph.Func.Name, name)
}

// viaParamSummary is the summary of a call through the parameter name:
// that of every function the callers pass there, when they all have one
// and it is the same (as the facts write it).
func (r *Func) viaParamSummary(name string) *Summary {
	var first *Summary
	var enc []byte
	for _, callee := range r.calledVia(name) {
		sum, ok := r.env.lookup(callee)
		if !ok {
			return nil
		}
		b, err := json.Marshal(sum)
		if err != nil {
			return nil
		}
		if first == nil {
			first, enc = sum, b
		} else if !bytes.Equal(b, enc) {
			return nil
		}
	}
	return first
}

// ViaParam is a call as the program makes it: for a call through a
// parameter of the function whose callers all pass one same function
// there (Unit.ParamCallees), a call of that function; else the call.
func (r *Func) ViaParam(api *cparse.APIUse) *cparse.APIUse {
	if api == nil || api.Macro {
		return api
	}
	if names := r.calledVia(api.Name); len(names) == 1 {
		c := *api
		c.Name = names[0]
		return &c
	}
	return api
}

// CalleeSummary is the summary the analysis applies at a call of a
// function (the unit's own, or the program's), nil for a primitive or a
// function it has none of.
func (r *Func) CalleeSummary(e *cfg.Event) *Summary { return r.summaryOf(e) }

// withPrefix is the first key of ks that starts with prefix, "" when
// none does.
func withPrefix(ks KeySet, prefix string) string {
	for _, k := range ks {
		if strings.HasPrefix(k, prefix) {
			return k
		}
	}
	return ""
}

// guardLockByName follows a guard's lock released and taken again by
// name inside its scope: the guard protects only while it is held.
func guardLockByName(s *State, eff kapi.Effect, key string) {
	raw := eff.LockKind == kapi.RawSpin
	switch eff.Lock {
	case kapi.Release:
		for _, g := range s.GuardLocks {
			if _, k, _ := strings.Cut(g, "\x00"); k == key && s.Guarded > 0 {
				s.GuardLocks = s.GuardLocks.remove(g)
				s.GuardReleased = s.GuardReleased.add(g)
				s.Guarded--
				if raw && s.RawGuarded > 0 {
					s.RawGuarded--
				}
				return
			}
		}
	case kapi.Acquire:
		for _, g := range s.GuardReleased {
			if _, k, _ := strings.Cut(g, "\x00"); k == key && s.Guarded < maxGuards {
				s.GuardReleased = s.GuardReleased.remove(g)
				s.GuardLocks = s.GuardLocks.add(g)
				s.Guarded++
				if raw {
					s.RawGuarded++
				}
				return
			}
		}
	}
}

// Transfer applies one event to s; of an assignment, what it leaves
// known of the location's bits is Func.storedBits'.
func Transfer(s *State, e *cfg.Event) {
	switch e.Kind {
	case cfg.GuardEnd:
		// The guards of an inner scope end; those of the enclosing
		// scopes (guard(preempt)() around a scoped_guard()) go on.
		was := s.mark()
		var ended []string
		for _, g := range e.Guards {
			if released := withPrefix(s.GuardReleased, g+"\x00"); released != "" {
				// Its lock was released by name: not counted.
				s.GuardReleased = s.GuardReleased.remove(released)
				continue
			}
			if held := withPrefix(s.GuardLocks, g+"\x00"); held != "" {
				s.GuardLocks = s.GuardLocks.remove(held)
			}
			if eff, _ := kapi.Lookup(g); eff.GuardProtects && s.Guarded > 0 {
				s.Guarded--
				ended = append(ended, kapi.GuardClass(g))
				if eff.GuardRT == kapi.GuardAtomicOnRT && s.RawGuarded > 0 {
					s.RawGuarded--
				}
			}
		}
		if len(ended) > 0 {
			what := fmt.Sprintf("the scope of guard(%s)", strings.Join(ended, ", "))
			settle(s, was, e.Pos, what)
			settleRT(s, was.raw, e.Pos, what, false)
		}
		return
	case cfg.Assign:
		if off, ok := kapi.SleepChecksAfterStore(e.DefKey, storedSpelling(e.Value)); ok {
			s.setChecks(off)
		}
		if v, ok := s.Val(e.From); ok && e.From != "" {
			v.Key = e.DefKey
			s.setVal(v)
		} else {
			s.killVal(e.DefKey)
		}
		c := Any
		if e.Value != nil {
			c = ClassOf(e.Value, s)
		}
		derived := append(condsOfChoice(e.DefKey, e.Value, s), condsOfCopy(e.DefKey, e.Value, s)...)
		s.forget(e.DefKey)
		s.Values = s.Values.set(e.DefKey, c)
		for _, d := range derived {
			s.Conds = s.Conds.add(d)
		}
		return
	case cfg.Call:
	default:
		return
	}
	if e.API != nil {
		if off, ok := kapi.SleepChecksAfterCall(e.API.Name, e.API.Args); ok {
			s.setChecks(off)
		}
	}
	if e.DefKey != "" {
		s.forget(e.DefKey)
	}
	eff, ok := Effect(e)
	if ok && eff.Changes() {
		apply(s, e, eff, false)
	}
	if ok {
		openedBySleep(s, e, eff)
	}
	if e.DefKey != "" {
		storeValue(s, e, eff, ok)
		if c := ClassOf(e.Expr, s); c != Any {
			// mp = ERR_PTR(-ENOENT): a kind the call's name tells.
			s.Values = s.Values.set(e.DefKey, c)
		}
		if eff.ErrnoOnFail {
			// rv = mutex_lock_interruptible(&m): 0 or -EINTR, so
			// "if (rv < 0)" decides the lock as "if (rv)" does.
			s.Values = s.Values.set(e.DefKey, Zero|Neg)
		}
	}
}

// openedBySleep records that preemption is enabled after a call that
// sleeps or reschedules made with nothing of the function's own
// disabling it (its caller's protection, if any, given up before): the
// kernel may sleep only there, so whatever the entry, the code after it
// runs preemptible (the backlog __release_sock() processes after
// dropping its caller's lock and calling cond_resched()).
func openedBySleep(s *State, e *cfg.Event, eff kapi.Effect) {
	if !eff.MaySleep && !eff.MayResched || s.Open.Pos.IsValid() || e.API == nil {
		return
	}
	if s.Protected() || s.Preempt.Hi > 0 || s.BH.Hi > 0 || s.Migrate.Hi > 0 || s.FPU.Hi > 0 || s.IRQ != MayBeOn {
		return
	}
	for _, h := range s.Locks {
		if h.DisablesPreemption() {
			return
		}
	}
	if eff.GFPArg > 0 {
		if eff.GFPArg > len(e.API.Args) {
			return
		}
		if r, known := kapi.GFPReclaims(e.API.Args[eff.GFPArg-1]); !known || !r {
			return
		}
	}
	s.Open = Note{Pos: e.Pos, Text: fmt.Sprintf("%s() may sleep here, so preemption is enabled after it", e.API.Name)}
}

// storeValue tracks a call's value stored in a location: a CPU id or
// per-CPU pointer obtained while the CPU is stable; anything else
// overwrites what the location held.
func storeValue(s *State, e *cfg.Event, eff kapi.Effect, known bool) {
	if !known || eff.Returns == kapi.NoValue || !s.Protected() {
		s.killVal(e.DefKey)
		return
	}
	v := Val{Key: e.DefKey, Kind: eff.Returns, From: Note{Pos: e.Pos, Text: e.API.Name + "()"}}
	if eff.CPUArg > 0 && eff.CPUArg <= len(e.API.Args) {
		// per_cpu_ptr(p, cpu): as valid as cpu is.
		cpu, ok := s.Val(cparse.LockKey(e.API.Args[eff.CPUArg-1]))
		if !ok {
			s.killVal(e.DefKey)
			return
		}
		v.From, v.Stale, v.Ended = cpu.From, cpu.Stale, cpu.Ended
	}
	s.setVal(v)
}

// impossible reports whether a branch on a variable cannot be taken: its
// known values (for a parameter, from the callers, Entry.Args, or an
// earlier branch on it; for a local, what the paths to the branch stored)
// have none of the kinds the branch needs. Only parameters the function
// never assigns nor takes the address of, and locals whose every write
// it sees (trackedLocals), are decided so.
func (r *Func) impossible(key string, want Class, s *State) bool {
	c, ok := s.Values.Of(key)
	if !ok || c == Any || c&want != 0 {
		return false
	}
	return r.followed(key)
}

// neverHas reports whether the location key stands for bits of a
// member (testedBits) that s has set, where the program shows no object
// has them.
func (r *Func) neverHas(key string, s *State) bool {
	if r.env == nil {
		return false
	}
	mm, ok := r.testedBits()[key]
	if !ok {
		return false
	}
	c, known := s.Values.Of(key)
	return known && c&Zero == 0 && r.env.neverSet(mm)
}

// trackedLocals are the variables declared in f's body whose every write
// is a store the analysis follows: never address-taken, never an asm
// operand (an output the analysis does not see written). What is known
// of one on a branch is then what every path to it stored (pcp = NULL
// before a loop, so the loop's first test of pcp cannot be true).
func trackedLocals(f *cparse.Func) map[string]bool {
	out := map[string]bool{}
	if f.Body == nil {
		return out
	}
	cparse.WalkStmts(f.Body, func(s *cparse.Stmt) {
		for _, d := range s.Decls {
			if d.Var != nil {
				out[d.Var.Name] = true
			}
		}
	})
	untracked := func(e *cparse.Expr) {
		cparse.WalkExprs(&cparse.Stmt{Kind: cparse.ExprStmt, X: e}, func(x *cparse.Expr) {
			if x.Kind == cparse.Ident {
				delete(out, x.Name)
			}
		})
	}
	cparse.WalkStmts(f.Body, func(s *cparse.Stmt) {
		if s.Asm != nil {
			for _, o := range s.Asm.Operands {
				untracked(o)
			}
		}
	})
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		if e.Kind == cparse.Unary && e.Op == "&" {
			// &x, &x.f, &x[i] give x's storage away; &p->f and &p[i]
			// of a pointer p do not (p[i] is taken as an array, to be
			// safe).
			x := e.X
			for x != nil && (x.Kind == cparse.Cast || x.Kind == cparse.Index || x.Kind == cparse.Member && x.Op == ".") {
				x = x.X
			}
			if x != nil && x.Kind == cparse.Ident {
				delete(out, x.Name)
			}
		}
		if e.Kind == cparse.AsmExpr {
			untracked(e)
		}
	})
	return out
}

// writtenOrAddressed reports whether the function assigns to the local
// name or takes its address.
func writtenOrAddressed(f *cparse.Func, name string) bool {
	found := false
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		switch {
		case e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Ident && e.X.Name == name:
			found = true
		case (e.Kind == cparse.Unary || e.Kind == cparse.Postfix) && (e.Op == "&" || e.Op == "++" || e.Op == "--") && e.X != nil && e.X.Kind == cparse.Ident && e.X.Name == name:
			found = true
		}
	})
	return found
}

// transferEdge applies what a branch teaches: a trylock that succeeded on
// this edge took its lock; a helper that returns holding a lock on some
// values did likewise; a variable tested holds a value of the kinds the
// test allows, which decides the locks pending on it.
func (r *Func) transferEdge(s *State, edge cfg.Edge) {
	c := edge.Cond
	if key, ifTrue, ifFalse := branchFactsIn(c, r.Graph.Enums); key != "" && !r.comparesLocal(key) {
		want := ifFalse
		if edge.Sense {
			want = ifTrue
		}
		if r.impossible(key, want, s) {
			s.Reached = false
			return
		}
		s.restrict(key, want)
		if r.neverHas(key, s) {
			s.Reached = false
			return
		}
	}
	if c.API == nil {
		// if (down_write_killable(&s) < 0): the call's value compared
		// with 0 decides the locks it takes as a test of the call does.
		if call, ifTrue, ifFalse := comparedCall(c); call != nil {
			when := ifFalse
			if edge.Sense {
				when = ifTrue
			}
			r.transferCallValue(s, call, when)
		}
		return
	}
	if kapi.TestsRT(c.API.Name, c.API.Args) {
		if edge.Sense {
			s.Kernels &= RTKernel
		} else {
			s.Kernels &= ClassicKernel
		}
		if s.Kernels == 0 {
			s.Reached = false
		}
		return
	}
	when := NonZero
	if !edge.Sense {
		when = Zero
	}
	r.transferCallValue(s, c, when)
	eff, ok := kapi.Lookup(c.API.Name)
	if !ok {
		return
	}
	if eff.Warns && edge.Sense {
		s.Warned = true
	}
	if eff.DropsLastRef && edge.Sense {
		s.LastRef = true
	}
	if n := eff.TestsGFP; n > 0 && edge.Sense && n <= len(c.API.Args) {
		if k := cparse.LockKey(c.API.Args[n-1]); k != "" && !s.GFPBlocking.Has(k) {
			s.GFPBlocking = s.GFPBlocking.add(k)
		}
	}
	// On the branch where in_atomic(), irqs_disabled() or !preemptible()
	// hold, the code runs atomic whatever the entry.
	if (eff.Tests == kapi.AtomicIfTrue) != edge.Sense {
		s.Task = s.Task || eff.TestsInterrupt
		s.Serving = s.Serving || eff.TestsInterrupt || eff.TestsServing
	}
	if (eff.Tests == kapi.AtomicIfTrue && edge.Sense || eff.Tests == kapi.AtomicIfFalse && !edge.Sense) && !s.Protected() {
		s.Atomic = true
		s.Open = Note{}
		s.Since = Note{Pos: c.API.Pos, Text: fmt.Sprintf("%s() says the context is atomic on this branch", c.API.Name)}
	}
}

// flagUnderLock records, for a constant stored into a struct member
// while the function holds one lock it took itself and no other, that
// the member records the lock's hand-off (CondLock.HandedOff).
func (r *Func) flagUnderLock(s *State, e *cfg.Event) {
	if len(s.Locks) != 1 || e.Value == nil || !strings.Contains(e.DefKey, "->") && !strings.Contains(e.DefKey, ".") {
		return
	}
	h := s.Locks[0]
	if !h.Must || h.Name == "" || h.Summary || h.Retaken {
		return // not one the function took itself, on every path
	}
	if v, ok := cparse.ConstIntIn(e.Value, r.Graph.Enums); ok {
		s.Conds = s.Conds.add(CondLock{Var: e.DefKey, When: ClassOfInt(v), Lock: h, HandedOff: true})
	}
}

// warnedFalse applies what a WARN_ON() statement's condition, as
// written, being false teaches: past WARN_ON_ONCE(user_mode(regs)) the
// snapshot is a kernel-mode one (arch/x86/kernel/cpu/mce/core.c
// exc_machine_check_kernel()). The path where it held goes on too, but
// the kernel reports it as a bug already, as it does the calls made
// where a WARN_ON()'s condition held (State.Warned): what only that
// path reaches is not the analysis's to report. Read are a location or
// an EqKey (writtenTestFacts), and a call of a function whose value
// tells bits of a snapshot (Summary.ReturnsParamBits, IfZero,
// IfNonZero), negated or not.
func (r *Func) warnedFalse(s *State, cond string) {
	key, _, ifFalse := writtenTestFacts(cond, r.Graph.Enums)
	if key != "" && !r.comparesLocal(key) {
		if !r.impossible(key, ifFalse, s) {
			s.restrict(key, ifFalse)
		}
		return
	}
	name, args, negated, ok := writtenCall(cond)
	if !ok || r.env == nil {
		return
	}
	if _, known := kapi.Lookup(name); known {
		return
	}
	sum, found := r.env.lookup(name)
	if !found {
		return
	}
	implied := sum.impliedBits(negated, args, true)
	for _, v := range implied {
		if r.impossible(v.Key, v.Class, s) {
			return
		}
	}
	for _, v := range implied {
		s.restrict(v.Key, v.Class)
	}
}

// writtenCall reads a condition as the source writes it as a call of a
// function by name, negated any number of times: user_mode(regs).
func writtenCall(text string) (name string, args []string, negated, ok bool) {
	s, negated := writtenNegations(text)
	open := strings.IndexByte(s, '(')
	if open <= 0 || !strings.HasSuffix(s, ")") || !cparse.IsIdent(strings.TrimSpace(s[:open])) || !cparse.BalancedParens(s[open+1:len(s)-1]) {
		return "", nil, false, false
	}
	return strings.TrimSpace(s[:open]), splitArgs(s[open+1 : len(s)-1]), negated, true
}

// localObject reports whether a name EqKey compares with is a variable
// whose value the function changes: its own (or a parameter), or a
// global it assigns; not a named object's address, nor a global whose
// value, as far as the function goes, is the same all through.
func (r *Func) localObject(obj string) bool {
	f := r.Graph.Func
	if f == nil {
		return false
	}
	if r.locals == nil {
		r.locals = map[string]bool{}
		for name := range f.Locals() {
			r.locals[name] = true
		}
		for _, p := range f.Params {
			r.locals[p.Name] = true
		}
		cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
			if e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Ident && !r.locals[e.X.Name] {
				r.locals[e.X.Name] = false // a global the function assigns
			}
		})
	}
	// The address of one of its own variables means nothing to its
	// callers; that of a global is the same however the global changes.
	name, addr := strings.CutPrefix(obj, "&")
	own, seen := r.locals[name]
	return own || seen && !addr
}

// comparesLocal reports whether a branch's key is an EqKey with one of
// the function's variables (a test written as text says not which).
func (r *Func) comparesLocal(key string) bool {
	_, obj, ok := SplitEqKey(key)
	return ok && r.localObject(obj)
}

// setChecks turns the kernel's own sleep checks off or on again.
func (s *State) setChecks(off bool) {
	s.Unchecked = off
	if !off {
		s.Rechecked = true
	}
}

// storedSpelling is the spelling of a value stored that names it: a
// constant (an enumerator, a number) or a variable; "" for another
// expression, or none (an increment).
func storedSpelling(v *cparse.Expr) string {
	if v != nil && (v.Kind == cparse.Ident || v.Kind == cparse.Lit) {
		return v.Name
	}
	return ""
}

// transferCallValue applies what a branch teaches of a call's value,
// of a kind in when on this edge: a trylock that succeeded took its
// lock; a helper that returns holding a lock on some values did
// likewise, and one whose every return is of another kind never gets
// here.
func (r *Func) transferCallValue(s *State, c *cparse.Expr, when Class) {
	// The arguments as the function keys them (aliases resolved), as for
	// the calls its other events make.
	canon := func() *cfg.Event {
		return r.canon(&cfg.Event{Kind: cfg.Call, Pos: c.API.Pos, API: c.API, Expr: c})
	}
	eff, ok := kapi.Lookup(c.API.Name)
	if !ok {
		if r.env == nil || c.API.Macro {
			return
		}
		sum, found := r.env.lookup(c.API.Name)
		if !found {
			return
		}
		if sum.Returns != 0 && asInt(sum.Returns)&when == 0 {
			s.Reached = false // the call never returns such a value
			return
		}
		if key := r.testedCallBits()[callValueKey(c.API.Pos)]; key != "" {
			// if (!user_mode(regs)) after if (user_mode(regs)): the
			// same bits of the same snapshot.
			if r.impossible(key, when, s) {
				s.Reached = false
				return
			}
			s.restrict(key, when)
		}
		if when == Zero || when&Zero == 0 {
			// if (any_64bit_mode(regs)) return;: past it, regs->cs & 3
			// is not 0 (Summary.IfZero).
			for _, v := range sum.impliedBits(when&Zero == 0, canon().API.Args, false) {
				if r.impossible(v.Key, v.Class, s) {
					s.Reached = false
					return
				}
				s.restrict(v.Key, v.Class)
			}
		}
		if key := callValueKey(c.API.Pos); sum.ReturnsBits != nil {
			if _, tested := r.testedBits()[key]; tested {
				// if (!irq_supports_nmi(desc)) return -EINVAL;: past it,
				// the object has the member's bits the call returned.
				s.restrict(key, when)
				if r.neverHas(key, s) {
					s.Reached = false
					return
				}
			}
		}
		if w := when; sum.CondIRQOff != 0 {
			if sum.Returns != 0 {
				w &= sum.Returns // the kinds the call gives at all
			}
			if w&^sum.CondIRQOff == 0 {
				s.irqOffBy(c.API.Pos, c.API.Name)
			}
		}
		args := canon().API.Args
		if when&Zero == 0 {
			r.setOutBits(s, sum.OutBits, c.API, args)
		}
		for _, ca := range sum.CondAcquires {
			if when&^ca.When == 0 {
				if key, ok := sum.rewrite(ca.Key, args); ok {
					s.addLock(Held{Key: canonKey(key, r.alias), Kind: ca.Kind, Must: true, Pos: c.API.Pos, Name: c.API.Name, Summary: true})
				}
			}
		}
		if len(sum.CondReleases) > 0 {
			// if (tcp_add_backlog(sk, skb, &reason)) goto discard;: the
			// call dropped the lock; on the branch of the values that
			// keep it, it is held still.
			s.decide(callValueKey(c.API.Pos), when)
		}
		return
	}
	if eff.ErrnoOnFail {
		when &= Zero | Neg | ErrPtr
	}
	if when == 0 {
		return
	}
	if eff.Lock == kapi.TryAcquire && when&Zero == 0 || eff.Lock == kapi.AcquireOnZero && when&^Zero == 0 {
		apply(s, canon(), eff, true)
	}
}

// comparedCall returns the call a condition compares with 0 (f(x) < 0,
// f(x) != NULL) and the kinds of its value on the true and false edges.
func comparedCall(c *cparse.Expr) (call *cparse.Expr, ifTrue, ifFalse Class) {
	if c.Kind != cparse.Binary {
		return nil, 0, 0
	}
	x, y := c.X, c.Y
	if isNullish(x) {
		x, y = y, x
	}
	for x != nil && x.Kind == cparse.Cast {
		x = x.X
	}
	if x == nil || x.API == nil || !isNullish(y) {
		return nil, 0, 0
	}
	if ifTrue, ifFalse, ok := comparedWithZero(c.Op); ok {
		return x, ifTrue, ifFalse
	}
	return nil, 0, 0
}

// maxBHDrops bounds State.BHDropped, so that a loop of enables settles.
const maxBHDrops = 4

func apply(s *State, e *cfg.Event, eff kapi.Effect, trySucceeded bool) {
	was := s.mark()
	preemptHi, bhHi, bhLo := s.Preempt.Hi, s.BH.Hi, s.BH.Lo
	api := e.API
	s.Preempt = s.Preempt.add(eff.Preempt)
	// Enabling bottom halves below this function's own count (on the
	// path that has the least) undoes its caller's disabling; disabling
	// them again gives the caller's back, which the function's own count
	// does not hold (a loop that enables, sleeps and disables again
	// drops them on every turn).
	bh := eff.BH
	switch {
	case bh < 0 && bhLo+bh < 0:
		s.BHDropped = min(s.BHDropped-bhLo-bh, maxBHDrops)
	case bh > 0 && s.BHDropped > 0:
		back := min(bh, s.BHDropped)
		s.BHDropped -= back
		bh -= back
	}
	s.BH = s.BH.add(bh)
	if eff.Migrate < 0 && s.Migrate.Hi <= 0 {
		s.Unpinned = true
	}
	s.Migrate = s.Migrate.add(eff.Migrate)
	s.FPU = s.FPU.enterFPU(eff.FPU)
	s.Migrate = Range{max(s.Migrate.Lo, 0), max(s.Migrate.Hi, 0)}
	s.Pagefault = s.Pagefault.add(eff.Pagefault)
	s.Pagefault = Range{max(s.Pagefault.Lo, 0), max(s.Pagefault.Hi, 0)}
	s.BH = Range{max(s.BH.Lo, 0), max(s.BH.Hi, 0)}
	held := Held{Key: LockKey(api, eff), Kind: eff.LockKind, Must: true, Pos: e.Pos, Name: api.Name, Variant: api.Variant}
	guardLockByName(s, eff, held.Key)
	switch eff.Lock {
	case kapi.Acquire:
		s.addLock(held)
	case kapi.TryAcquire, kapi.AcquireOnZero:
		switch {
		case trySucceeded:
			s.addLock(held)
		case e.DefKey != "":
			// ret = mutex_lock_interruptible(&m): held iff ret says so,
			// which a branch on ret decides.
			when := NonZero
			if eff.Lock == kapi.AcquireOnZero {
				when = Zero
			}
			s.Conds = s.Conds.add(CondLock{Var: e.DefKey, When: when, Lock: held})
		}
	case kapi.Release:
		if h, ok := s.Lock(held.Key); (!ok || h.Name == "") && s.Atomic {
			// Releasing a lock this function did not take (unseen, or
			// only known from a __releases/__must_hold annotation): the
			// caller's, which may be what made the entry atomic.
			s.Atomic = false
		}
		s.dropLock(held.Key)
	}
	// Enabling interrupts this function disabled itself undoes its own
	// disabling, not its caller's protection (cs_watchdog_read(), called
	// under the caller's spinlock, reads clocks with interrupts off).
	ownIRQOff := s.IRQ.Off() && !s.IRQOffByEntry()
	if s.Atomic && (eff.Preempt < 0 && preemptHi <= 0 || eff.IRQ == kapi.IRQEnable && !ownIRQOff || eff.BH < 0 && bhHi <= 0) {
		// Undoing the caller's protection.
		s.Atomic = false
	}
	if eff.Lock != kapi.TryAcquire && eff.Lock != kapi.AcquireOnZero || trySucceeded {
		switch eff.IRQ {
		case kapi.IRQDisable:
			s.IRQ, s.IRQEnabled = MayBeOff, false
		case kapi.IRQEnable:
			s.IRQ, s.IRQEnabled = MayBeOn, true
		case kapi.IRQSave:
			s.save(flagsKey(api), s.IRQ)
			s.IRQ, s.IRQEnabled = MayBeOff, false
		case kapi.IRQRestore:
			s.IRQ, s.IRQEnabled = s.restore(flagsKey(api)), false
		}
		switch eff.IRQOnRT() {
		case kapi.IRQDisable:
			s.RawIRQ = MayBeOff
		case kapi.IRQEnable:
			s.RawIRQ = MayBeOn
		case kapi.IRQSave:
			s.RawSaved = s.RawSaved.save(flagsKey(api), s.RawIRQ)
			s.RawIRQ = MayBeOff
		case kapi.IRQRestore:
			s.RawIRQ = s.RawSaved.restore(flagsKey(api))
		}
	}
	if (eff.AssertsPinned || eff.Pins) && !s.Protected() {
		s.Pinned = true
	}
	asserts := eff.AssertsAtomic || eff.AssertsArg && len(api.Args) > 0 && kapi.AssertsAtomicArg(api.Name, api.Args[0])
	if asserts && !s.Protected() {
		// lockdep_assert_irqs_disabled() with nothing of ours disabling
		// them: the caller's context is atomic. After our own disabling,
		// the assertion adds nothing, and must not outlive our enabling.
		s.Atomic = true
		// On PREEMPT_RT softirqs run in preemptible threads; an
		// assertion made only where the kernel is not PREEMPT_RT
		// (netpoll_send_udp(): if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		// WARN_ON_ONCE(!irqs_disabled())) says nothing of it.
		s.RawAtomic = !eff.AssertsSoftirq && s.Kernels&RTKernel != 0
	}
	if eff.GuardProtects && s.Guarded < maxGuards {
		s.Guarded++
		if eff.GuardRT == kapi.GuardAtomicOnRT {
			s.RawGuarded++
		}
		if len(api.Args) > 0 && api.Args[0] != "" {
			s.GuardLocks = s.GuardLocks.add(api.Name + "\x00" + cparse.LockKey(api.Args[0]))
		}
	}
	if eff.AssertsHeld && !s.Protected() {
		// lockdep_assert_held(l): l is held; whether it disables
		// preemption depends on its type, which is not known here.
		s.Open = Note{}
	}
	if eff.ReschedCheck {
		for i := range s.NoResched {
			s.NoResched[i].Must, s.NoResched[i].Checked = false, true
		}
	}
	if eff.NoResched {
		p := Pending{Note: Note{Pos: e.Pos, Text: api.Name + "()"}, Must: true}
		if i := slices.IndexFunc(s.NoResched, func(q Pending) bool { return q.Pos == e.Pos }); i >= 0 {
			s.NoResched[i] = p // the same call again, in a loop
		} else {
			s.NoResched = append(s.NoResched, p)
			sort.Slice(s.NoResched, func(a, b int) bool { return s.NoResched[a].Pos.Before(s.NoResched[b].Pos) })
		}
	}
	if !s.Atomic {
		s.Inherited = false
		s.RawAtomic = false
	}
	settle(s, was, e.Pos, api.Name+"()")
	settleRT(s, was.raw, e.Pos, api.Name+"()", api.Variant)
}

// settleRT records where the context became atomic on PREEMPT_RT, as
// settle does for preemption.
// A variant event (cparse.APIUse.Variant) makes a variant note.
func settleRT(s *State, wasRaw bool, pos cparse.Pos, what string, variant bool) {
	switch raw := s.AtomicOnRT(); {
	case !raw:
		s.RawSince = Note{}
	case !wasRaw:
		how := "disables preemption"
		if s.RawIRQ.Off() && s.Preempt.Lo <= 0 {
			how = "disables interrupts"
		}
		s.RawSince = Note{Pos: pos, Text: fmt.Sprintf("%s %s, on PREEMPT_RT too", what, how), Variant: variant}
	}
}

// irqOffBy records that interrupts are off here, as the call of name at
// pos returned them (a branch on its value decided it).
func (s *State) irqOffBy(pos cparse.Pos, name string) {
	was := s.mark()
	s.IRQ, s.IRQEnabled = MayBeOff, false
	settle(s, was, pos, name+"()")
}

// mark is what settle compares the state after an event with.
type mark struct{ protected, irqOff, raw bool }

func (s *State) mark() mark {
	return mark{protected: s.Protected(), irqOff: s.IRQ.Off(), raw: s.AtomicOnRT()}
}

// settle records what a call that changed the context (a primitive, or a
// function through its summary) did to the protection: where interrupts
// went off, where preemption was disabled or may be enabled again, and
// which CPU ids and per-CPU pointers it made stale.
// What did it is named by what ("preempt_enable()").
func settle(s *State, was mark, pos cparse.Pos, what string) {
	if s.Covered && s.coveredAt.lowers(s.protection()) {
		s.Covered, s.coveredAt = false, protection{}
	}
	wasProtected, wasIRQOff := was.protected, was.irqOff
	switch {
	case !wasIRQOff && s.IRQ.Off():
		s.IRQOff = Note{Pos: pos, Text: fmt.Sprintf("%s disables interrupts", what)}
	case !s.IRQ.Off():
		s.IRQOff = Note{}
	}
	switch {
	case wasProtected && !s.Protected():
		s.Since = Note{}
		// With an unknown entry the caller's context may still protect:
		// nothing is known of preemption, but what this function obtained
		// under its own protection is stale all the same.
		s.Open = Note{}
		if !s.Unknown {
			s.Open = Note{Pos: pos, Text: fmt.Sprintf("preemption may be enabled after %s", what)}
		}
		for i := range s.Vals {
			if !s.Vals[i].Stale {
				s.Vals[i].Stale = true
				s.Vals[i].Ended = Note{Pos: pos, Text: what}
			}
		}
	case !wasProtected && s.Protected():
		s.Open = Note{}
		s.Since = Note{Pos: pos, Text: fmt.Sprintf("%s disables preemption", what)}
	}
}

// dereferenced learns from a lock operation on a member of what a
// pointer points to (down_read(&clk->rwsem)) that the pointer is valid
// after it (not NULL: the kernel would have crashed otherwise), under
// every name the function gives it. A lookup that locks the object and
// returns it, or NULL after unlocking it, then returns the lock with a
// nonzero pointer only, as a test of the pointer tells apart. A lock in
// a struct embedded in the object (fs/dcache.c: &parent->d_lock is
// &parent->d_lockref.lock) dereferences the object's pointer all the
// same.
func (r *Func) dereferenced(s *State, key string) {
	ptr, op, ok := cparse.ParsePath(key).Parent()
	for ok && op == "." {
		ptr, op, ok = ptr.Parent()
	}
	if !ok || op != "->" {
		return
	}
	k := ptr.String()
	s.restrict(k, NonZero)
	for name := range r.alias {
		if canonKey(name, r.alias) == k {
			s.restrict(name, NonZero)
		}
	}
}

// setOutBits records, on the branch where a call returned nonzero, the
// bits its callee set through pointer parameters (Summary.OutBits) in
// the locations the call passed the address of: each bit on its own,
// and the masks the function's branches test that have one of them.
// api is the call as written (its Values read the constants), args its
// arguments as the function keys them.
func (r *Func) setOutBits(s *State, outs []OutBits, api *cparse.APIUse, args []string) {
	for _, ob := range outs {
		if ob.Param > len(args) {
			continue
		}
		loc, ok := strings.CutPrefix(strings.TrimSpace(args[ob.Param-1]), "&")
		if !ok || !isLocationText(loc) {
			continue
		}
		loc = cparse.LockKey(loc)
		bits := ob.Bits
		if q := ob.FromParam; q > 0 && q <= len(api.Args) {
			v, known := uint64(0), false
			if q <= len(api.Values) {
				v, known = cparse.IntLit(api.Values[q-1])
			}
			if !known {
				v, known = IntOfText(api.Args[q-1])
			}
			if known {
				bits |= v
			}
		}
		for b := uint64(1); b != 0 && b <= bits; b <<= 1 {
			if bits&b != 0 {
				s.Values = s.Values.set(MaskKey(loc, b), NonZero)
			}
		}
		for _, m := range r.testedMasks()[loc] {
			if m&bits != 0 {
				s.Values = s.Values.set(MaskKey(loc, m), NonZero)
			}
		}
	}
}
