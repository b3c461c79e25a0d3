package interproc

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/sourcegraph/conc"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// Program is the linked facts of every unit: the call graph, the entry
// context of every function, and which functions may sleep.
type Program struct {
	// Root is the absolute source root the facts' files are relative to.
	Root string
	// Complete is set when the facts cover the whole program, so that a
	// function without callers has none (a run over a tree whose other
	// units have no facts yet cannot know that).
	Complete bool

	funcs  []*node
	bySym  map[Symbol]*node            // the first definition of each symbol
	byName map[string][]*node          // functions with external linkage, by name
	defs   map[string]map[string]*node // each unit's own functions, by name
	units  map[string]*UnitFacts

	entries map[*node]dataflow.Entry
	// uncalled are, per unit, the functions with external linkage that
	// nothing in a complete program calls, nor exports: their entry is
	// unknown in a tree's own unit and preemptible in code being
	// written (UnitFacts.Draft), the one thing the draft changes.
	uncalled map[string][]string
	summary  map[*node]*dataflow.Summary // summaries completed at link time
	sleeps   map[*node]sleepPath         // the path down to a sleeping primitive
	rtLocks  map[*node]sleepPath         // the path down to a lock that sleeps on PREEMPT_RT
	gfp      map[*node]gfpSleep
	absMemo  map[string]string // while linking: abs's results
	absMu    sync.Mutex        // the link's passes run at once
	// set are the members every object of their struct sets (see
	// setMembers).
	set map[Member]bool
	// bits are the bits the program may write into each struct member
	// (see memberBits).
	bits map[Member]uint64
	// copies are the members whose bits one other member's copy gives
	// (memberBits).
	copies map[Member]copied
	// implements are the functions the program stores in each struct
	// field (and copies there), for the calls through it (see
	// fieldSummary).
	implements map[fieldKey][]*node
	// overridden names the functions with a weak definition that
	// another definition replaces.
	overridden map[string]bool
	// callers and callees, when not nil, are the functions whose entries
	// and whose effects on their callers the run asks about, by node id
	// (see LinkFor).
	callers, callees []bool
}

// sleepPath is how a function may sleep: the calls down to the
// primitive, and what of its caller's context it gives up before (locks
// in its own terms).
type sleepPath struct {
	path  []dataflow.Note
	drops dataflow.Drops
	// fault is set when the sleep at the end of the path is a fault on
	// user memory (kapi.Effect.FaultSleep): none with page faults
	// disabled.
	fault bool
	// task is set when the primitive sleeps only outside interrupt
	// context (kapi.Effect.TaskSleep): none with bottom halves disabled.
	task bool
	// when are what the function's parameters must hold for the path to
	// be taken (see Sleep.When).
	when []ParamClass
	// bits are bits of struct members the path needs set (Sleep.SetBits
	// and Call.SetBits on its way), each with the members they are
	// copied from (Program.family): a caller that found one of them
	// clear (Call.ClearBits) does not take it.
	bits []MemberMask
}

// worse orders paths by what makes them less certain to be taken:
// conditions on the parameters, then on members' bits, then a fault,
// then task context only, then drops of the caller's context.
func (sp sleepPath) worse(o sleepPath) bool {
	a := [5]bool{len(sp.when) > 0, len(sp.bits) > 0, sp.fault, sp.task, !sp.drops.None()}
	b := [5]bool{len(o.when) > 0, len(o.bits) > 0, o.fault, o.task, !o.drops.None()}
	for i := range a {
		if a[i] != b[i] {
			return a[i]
		}
	}
	return false
}

// node is a function of the program.
type node struct {
	id      int // its index in Program.funcs
	sym     Symbol
	unit    string
	facts   *FuncFacts
	in, out []*edge
	roots   []root
	escapes bool
	// stored says the function's address is written into a struct
	// field or a function pointer variable: calls through them reach it.
	stored bool
	// exported is the export of a symbol modules may call (kapi
	// Exported), nil when it is not exported.
	exported *dataflow.Note
	// handsOver says the function is stored in a field whose framework
	// releases what it returns holding (kapi.LocksReleasedBy: seq_file's
	// .start, released by .stop); handsOverZero, only where it returned
	// 0 (kapi.LocksReleasedOnZero: genetlink's .pre_doit).
	handsOver, handsOverZero bool
	// kapi is kapi's row for the function's name (the zero Effect when
	// it has none): asked of most nodes by several passes.
	kapi kapi.Effect
}

// edge is a call from one function to another.
type edge struct {
	caller, callee *node
	call           *Call
	// args is what the call's arguments are on the paths where it is
	// not protected, per parameter of the callee (argKinds), made once.
	args []argKind
}

// argKind is what an argument of a call is where the call is not
// protected: of the kinds in class (dataflow.Any: not known), and, for
// the caller's parameter passed on as it is, that parameter (1-based).
type argKind struct {
	class dataflow.Class
	param int
}

// argKinds is e.args, made on first use. Only computeEntries asks.
func (e *edge) argKinds() []argKind {
	if e.args != nil || len(e.callee.facts.Params) == 0 {
		return e.args
	}
	e.args = make([]argKind, len(e.callee.facts.Params))
	for i := range e.args {
		e.args[i] = argKind{class: dataflow.Any}
		if i >= len(e.call.Args) {
			continue
		}
		arg := e.call.Args[i]
		q := paramIndex(e.caller.facts.Params, arg)
		if k, known := preemptibleArg(e, arg); known {
			e.args[i].class = k
		} else if i < len(e.call.Kinds) && e.call.Kinds[i] != 0 && (q == 0 || e.call.wrote(q)) {
			e.args[i].class = e.call.Kinds[i] // a local's value, or an assigned parameter's
		}
		if _, isConst := dataflow.ConstArgClass(arg); !isConst && e.call.Preempt == Inherit && q > 0 && !e.call.wrote(q) {
			e.args[i].param = q
		}
	}
	return e.args
}

// root is a context a framework gives a function.
type root struct {
	ctx kapi.Context
	why dataflow.Note
	rt  kapi.Context // the context on PREEMPT_RT
}

// onRT is a context on PREEMPT_RT: rt, or ctx when rt is not set.
func onRT(ctx, rt kapi.Context) kapi.Context {
	if rt == kapi.NoContext {
		return ctx
	}
	return rt
}

// gfpSleep is a function that sleeps when its parameter param allows
// reclaim: the path down to the allocator.
type gfpSleep struct {
	param int
	sleepPath
}

// Link builds the program from the facts of its units.
func Link(units []*UnitFacts, root string, complete bool) *Program {
	return LinkFor(units, root, complete, nil)
}

// LinkFor is Link for a run that asks the program only about the units
// in asked: the entries of their functions (Env.Entry) and what the
// functions they call do (sleeps, locks that sleep on PREEMPT_RT,
// summaries). The entries are computed for their functions' callers,
// transitively, and what a function does for their callees, transitively,
// and nothing else: the rest of the program's facts cannot change them
// (an entry depends only on the ways into the function, what a function
// does only on what it calls). A pre-commit run asks about one unit of
// the whole tree's program. asked nil asks about every unit.
func LinkFor(units []*UnitFacts, root string, complete bool, asked map[string]bool) *Program {
	return link(units, root, complete, asked, true)
}

// LinkEffects is LinkFor for the summaries only: what the functions the
// units in asked call do to their callers, and no entry. A run that
// summarises a few changed units of a tree whose store holds the rest
// summarises them in it (SummarizeIn) before it links the program, so
// that the program settles without summarising them again.
func LinkEffects(units []*UnitFacts, root string, complete bool, asked map[string]bool) *Program {
	if asked == nil {
		asked = map[string]bool{}
	}
	return link(units, root, complete, asked, false)
}

func link(units []*UnitFacts, root string, complete bool, asked map[string]bool, entries bool) *Program {
	nfuncs, nexternal := 0, 0
	for _, u := range units {
		nfuncs += len(u.Funcs)
		for i := range u.Funcs {
			if u.Funcs[i].Sym.Unit == "" {
				nexternal++
			}
		}
	}
	// Sized from the start: growing, the tables of a whole tree's
	// functions took a tenth of a link for one unit's questions
	// (BenchmarkTreeLink/one).
	p := &Program{Root: root, Complete: complete, bySym: make(map[Symbol]*node, nfuncs), byName: make(map[string][]*node, nexternal),
		defs: make(map[string]map[string]*node, len(units)), units: make(map[string]*UnitFacts, len(units)),
		funcs: make([]*node, 0, nfuncs)}
	sorted := append([]*UnitFacts(nil), units...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Unit < sorted[j].Unit })
	for _, u := range sorted {
		if _, dup := p.units[u.Unit]; dup {
			continue // a unit given twice (two entries of one file) counts once
		}
		p.units[u.Unit] = u
		p.defs[u.Unit] = make(map[string]*node, len(u.Funcs))
		for i := range u.Funcs {
			ff := &u.Funcs[i]
			if p.defs[u.Unit][ff.Sym.Name] != nil {
				continue
			}
			n := &node{sym: ff.Sym, unit: u.Unit, facts: ff}
			n.kapi, _ = kapi.Lookup(ff.Sym.Name)
			p.funcs = append(p.funcs, n)
			p.defs[u.Unit][ff.Sym.Name] = n
			if _, dup := p.bySym[ff.Sym]; !dup {
				p.bySym[ff.Sym] = n
			}
			if ff.Sym.Unit == "" {
				p.byName[ff.Sym.Name] = append(p.byName[ff.Sym.Name], n)
			}
		}
	}
	// Notes name files by absolute path: each is joined once while
	// linking (the check phase's workers read the program concurrently
	// afterwards, without the memo).
	p.absMemo = map[string]string{}
	p.dropOverriddenWeak()
	for i, n := range p.funcs {
		n.id = i
	}
	p.set = p.setMembers()
	p.bits = p.memberBits()
	p.linkCalls()
	p.linkRoots()
	p.dropDeadCalls()
	p.spreadHandsOver()
	p.scope(asked, entries)
	// Summaries, entries, and sleeps with locks that sleep on PREEMPT_RT
	// are independent of one another: each pass reads the facts and
	// writes its own results.
	var wg conc.WaitGroup
	wg.Go(p.composeReleases)
	wg.Go(p.computeEntries)
	wg.Go(func() {
		p.computeSleeps()
		p.computeRTLocks()
	})
	wg.Wait()
	p.computeKeptLocks()
	p.computeCallersRelease()
	p.absMemo = nil
	return p
}

// scope limits the link to what a run asking about the units in asked
// needs: the functions of those units and their callers, transitively,
// for entries (none without entries); the functions and their callees,
// transitively, for what they do. The ways into a function and the calls out of it are the
// program's, so each is closed: what the link finds for a function in
// scope it finds from functions in scope only, in the same order.
func (p *Program) scope(asked map[string]bool, entries bool) {
	if asked == nil {
		return
	}
	var start []*node
	for _, n := range p.funcs {
		if asked[n.unit] {
			start = append(start, n)
		}
	}
	// reach marks the functions reached from start along calls, or
	// against them (up).
	reach := func(up bool) []bool {
		marks := make([]bool, len(p.funcs))
		stack := slices.Clone(start)
		for _, n := range start {
			marks[n.id] = true
		}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			edges := n.out
			if up {
				edges = n.in
			}
			for _, e := range edges {
				m := e.callee
				if up {
					m = e.caller
				}
				if !marks[m.id] {
					marks[m.id] = true
					stack = append(stack, m)
				}
			}
		}
		return marks
	}
	p.callers, p.callees = reach(true), reach(false)
	if !entries {
		p.callers = make([]bool, len(p.funcs))
	}
}

// entryAsked reports whether the run may ask for n's entry.
func (p *Program) entryAsked(n *node) bool { return p.callers == nil || p.callers[n.id] }

// effectAsked reports whether the run may ask what n does to its
// callers.
func (p *Program) effectAsked(n *node) bool { return p.callees == nil || p.callees[n.id] }

// summaryOf is the summary of n's calls in its callers: the one its unit
// made, completed with what the other units' functions it calls do.
func (p *Program) summaryOf(n *node) *dataflow.Summary {
	if s := p.summary[n]; s != nil {
		return s
	}
	return n.facts.Summary
}

// composeReleases completes the summaries the summarise phase made one
// unit at a time: a function that releases a global lock only through
// calls of functions of other units (rtnl_unlock() through
// netdev_run_todo()) releases it too. The facts do not order a
// function's calls, so a lock that one of its calls, or the function
// itself, may take is left alone. What a callee releases on every way
// out, the caller releases on every way out when it makes the call on
// every path (Call.Always: rtnl_unlock() always calls
// netdev_run_todo(), which always calls __rtnl_unlock()), else on some
// (one of its MayReleases). A release composed so goes on up through named
// calls (rtnl_unlock() calls netdev_run_todo(), which calls
// __rtnl_unlock() of another unit); a callee's own release on some of its
// paths goes no further (console_unlock()). Only calls of a named
// function count: a call through an ops table reaches every function
// stored there (a console's ->write() reached every driver's, and
// printk() released acpi_scan_lock).
func (p *Program) composeReleases() {
	p.summary = map[*node]*dataflow.Summary{}
	composed := map[*node][]string{} // the releases composition gave a function
	// those of them it makes on every way out: through calls it makes
	// on every path of functions that release on every way out
	composedMust := map[*node]map[string]bool{}
	for round, changed := 0, true; changed && round < 8; round++ {
		changed = false
		for _, n := range p.funcs {
			sum := p.summaryOf(n)
			if sum == nil || !p.effectAsked(n) {
				continue
			}
			taken := map[string]bool{}
			for _, h := range sum.Acquires {
				taken[h.Key] = true
			}
			for _, h := range sum.CondAcquires {
				taken[h.Key] = true
			}
			released := map[string]bool{}
			must := map[string]bool{}
			for _, e := range n.out {
				if e.call.Callee == "" {
					continue
				}
				cs := p.summaryOf(e.callee)
				if cs == nil {
					continue
				}
				for _, h := range cs.Acquires {
					taken[h.Key] = true
				}
				for _, h := range cs.CondAcquires {
					taken[h.Key] = true
				}
				if e.callee.unit == n.unit && p.summary[e.callee] == nil {
					continue // applied when the unit was summarised
				}
				for _, k := range append(slices.Clip(cs.Releases), composed[e.callee]...) {
					if globalLock(k) && !slices.Contains(cs.Params, k) {
						released[k] = true
						if e.call.Always && e.call.Field == "" && (slices.Contains(cs.Releases, k) || composedMust[e.callee][k]) {
							must[k] = true
						}
					}
				}
			}
			var add, addMust []string
			for k := range released {
				if taken[k] || slices.Contains(sum.Releases, k) {
					continue
				}
				switch {
				case must[k]:
					addMust = append(addMust, k)
				case !slices.Contains(sum.MayReleases, k):
					add = append(add, k)
				}
			}
			if len(add) == 0 && len(addMust) == 0 {
				continue
			}
			c := *sum
			// A release made on every way out is one of Releases, and
			// no longer one of MayReleases.
			c.Releases = append(append([]string(nil), sum.Releases...), addMust...)
			sort.Strings(c.Releases)
			c.MayReleases = slices.DeleteFunc(append(append([]string(nil), sum.MayReleases...), add...), func(k string) bool {
				return slices.Contains(addMust, k)
			})
			sort.Strings(c.MayReleases)
			if len(c.MayReleases) == 0 {
				c.MayReleases = nil
			}
			p.summary[n] = &c
			composed[n] = append(composed[n], add...)
			composed[n] = append(composed[n], addMust...)
			sort.Strings(composed[n])
			for _, k := range addMust {
				if composedMust[n] == nil {
					composedMust[n] = map[string]bool{}
				}
				composedMust[n][k] = true
			}
			changed = true
		}
	}
}

// globalLock reports whether a lock key names a global lock (not one
// reached through a parameter or a local, nor a context like RCU's).
func globalLock(key string) bool {
	return cparse.ParsePath(key).Variable() && key != cfg.ReturnValue
}

// dropOverriddenWeak keeps out of byName the weak definitions another
// definition of the same name replaces, once, before the calls are
// resolved.
func (p *Program) dropOverriddenWeak() {
	p.overridden = map[string]bool{}
	for name, ns := range p.byName {
		var strong []*node
		for _, n := range ns {
			if !n.facts.Weak {
				strong = append(strong, n)
			}
		}
		if len(strong) > 0 && len(strong) < len(ns) {
			p.byName[name] = strong
			p.overridden[name] = true
		}
	}
}

// resolve finds the functions a name means in a unit: its own
// definition, else every definition with external linkage; a weak
// definition only where no other one exists (the linker's rule).
func (p *Program) resolve(unit, name string) []*node {
	if n := p.defs[unit][name]; n != nil && (!n.facts.Weak || n.sym.Unit != "" || !p.overridden[name]) {
		return []*node{n}
	}
	return p.byName[name]
}

type fieldKey struct{ tag, field string }

// globalTag is the tag of the fieldKey of a file-scope function pointer
// variable: no struct's tag, so that the field of an anonymous struct
// (struct { ioctl_fn fn; } _ioctls[]) is never taken for a variable.
const globalTag = "\x00global"

// storeKey is where a store's address goes.
func storeKey(s FuncStore) fieldKey {
	if s.Global {
		return fieldKey{globalTag, s.Field}
	}
	return fieldKey{s.Tag, s.Field}
}

func (p *Program) linkCalls() {
	// Where function addresses go: struct fields.
	stored := map[fieldKey][]*node{}
	for _, u := range p.sortedUnits() {
		for _, s := range u.Stores {
			for _, n := range p.resolve(u.Unit, s.Func) {
				n.stored = true
				k := storeKey(s)
				if !containsNode(stored[k], n) {
					stored[k] = append(stored[k], n)
				}
			}
		}
		for _, name := range u.Refs {
			for _, n := range p.resolve(u.Unit, name) {
				n.escapes = true
			}
		}
	}
	copies := p.fieldCopies()
	for changed := true; changed; {
		changed = false
		for _, c := range copies {
			for _, n := range stored[c.from] {
				if !containsNode(stored[c.to], n) {
					stored[c.to] = append(stored[c.to], n)
					changed = true
				}
			}
		}
	}
	p.implements = stored
	called := map[fieldKey]bool{}
	for _, caller := range p.funcs {
		for i := range caller.facts.Calls {
			c := &caller.facts.Calls[i]
			var targets []*node
			if c.Callee != "" {
				targets = p.resolve(caller.unit, c.Callee)
				if k := (fieldKey{globalTag, c.Callee}); len(targets) == 0 && len(stored[k]) > 0 {
					// A call through a function pointer variable
					// (mc_poll_banks()): what was stored in it.
					called[k] = true
					targets = stored[k]
				}
			} else if c.Field != "" {
				k := fieldKey{c.Tag, c.Field}
				called[k] = true
				// A table dispatched by index: kapi's rows say how
				// each element runs, which the call cannot tell.
				if !kapi.DispatchedByIndex(c.Tag, c.Field) {
					targets = stored[k]
				}
			}
			for _, t := range targets {
				e := &edge{caller: caller, callee: t, call: c}
				caller.out = append(caller.out, e)
				t.in = append(t.in, e)
			}
		}
	}
	// A field copied into one that is called is called.
	for changed := true; changed; {
		changed = false
		for _, c := range copies {
			if called[c.to] && !called[c.from] {
				called[c.from] = true
				changed = true
			}
		}
	}
	// A function stored in a field no call is seen to go through is
	// called from where the analysis cannot see.
	for k, ns := range stored {
		if called[k] {
			continue
		}
		if _, isRoot := kapi.FieldRoot(k.tag, k.field); isRoot {
			continue
		}
		for _, n := range ns {
			n.escapes = true
		}
	}
}

// dropDeadCalls removes the calls no way into their caller makes: a
// call made under a test of the caller's parameter (Call.When) that the
// argument of every call of the caller rules out, where those calls are
// all the ways in (kernel/cpu.c freeze_secondary_cpus() calls
// housekeeping_any_cpu() only "if (primary == -1)", and its callers pass
// 0). It runs before the link is scoped, over the whole program, so that
// a run asking about a few units finds what a whole run finds; a call
// found dead may rule out the calls of its callee in turn.
func (p *Program) dropDeadCalls() {
	dead := map[*edge]bool{}
	// allWaysKnown reports whether the calls into n are every way in.
	allWaysKnown := func(n *node) bool {
		if len(n.roots) > 0 || n.escapes || n.stored || n.exported != nil || !p.Complete && n.sym.Unit == "" {
			return false
		}
		live := 0
		for _, e := range n.in {
			if e.call.Callee == "" {
				return false // through a struct field
			}
			if !dead[e] {
				live++
			}
		}
		return live > 0
	}
	// Only the functions with a call made under a test of their
	// parameters are asked, each round.
	var asked []*node
	for _, n := range p.funcs {
		if slices.ContainsFunc(n.out, func(e *edge) bool { return conditional(e.call.When) }) {
			asked = append(asked, n)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, n := range asked {
			if !allWaysKnown(n) {
				continue
			}
			for _, e := range n.out {
				if dead[e] || !conditional(e.call.When) {
					continue
				}
				if !slices.ContainsFunc(n.in, func(in *edge) bool { return !dead[in] && allows(e.call.When, in.call) }) {
					dead[e] = true
					changed = true
				}
			}
		}
	}
	if len(dead) == 0 {
		return
	}
	live := func(es []*edge) []*edge {
		return slices.DeleteFunc(es, func(e *edge) bool { return dead[e] })
	}
	for _, n := range p.funcs {
		n.in, n.out = live(n.in), live(n.out)
	}
}

// conditional reports whether a call's conditions say anything of its
// caller's parameters' values that allows can test.
func conditional(when []ParamClass) bool {
	return slices.ContainsFunc(when, func(w ParamClass) bool { return w.Path == "" })
}

type fieldCopy struct{ from, to fieldKey }

// fieldCopies are the program's field copies, in unit order.
func (p *Program) fieldCopies() []fieldCopy {
	var out []fieldCopy
	for _, u := range p.sortedUnits() {
		for _, c := range u.Copies {
			out = append(out, fieldCopy{fieldKey{c.FromTag, c.FromField}, fieldKey{c.Tag, c.Field}})
		}
	}
	return out
}

func (p *Program) linkRoots() {
	// A work item queued only on bound workqueues runs in a kworker
	// bound to its CPU (pinnedWork).
	processStores := map[*node]int{}
	for _, u := range p.sortedUnits() {
		for _, s := range u.Stores {
			if ctx, ok := kapi.FieldRootAt(s.Tag, s.Field, s.Index); ok && ctx == kapi.Process && !s.Global {
				for _, n := range p.resolve(u.Unit, s.Func) {
					processStores[n]++
				}
			}
		}
	}
	pinnedWork := p.pinnedWork(processStores)
	for _, u := range p.sortedUnits() {
		for _, r := range u.Roots {
			for _, n := range p.resolve(u.Unit, r.Func) {
				if r.Context == kapi.Exported {
					// Not a framework's context: what the program's own
					// callers show still holds (computeEntries).
					w := p.note(r.Pos, fmt.Sprintf("%s exports %s(): modules may call it in any context", r.Via, r.Func))
					n.exported = &w
					continue
				}
				n.roots = append(n.roots, root{r.Context, p.note(r.Pos, fmt.Sprintf("%s registers %s(): it runs in %s", r.Via, r.Func, r.Context)), onRT(r.Context, r.RTContext)})
			}
		}
		for _, s := range u.Stores {
			if s.Global {
				continue // a variable, no struct's field
			}
			if ctx, ok := kapi.FieldRootAt(s.Tag, s.Field, s.Index); ok {
				what := "a struct " + s.Tag
				if s.Index != "" && s.Var != "" {
					what = fmt.Sprintf("%s[%s], %s", s.Var, s.Index, what)
				}
				for _, n := range p.resolve(u.Unit, s.Func) {
					rt := kapi.FieldRootAtRT(s.Tag, s.Field, s.Index, s.Hard)
					if kapi.LocksReleasedBy(s.Tag, s.Field) != "" {
						zero := kapi.LocksReleasedOnZero(s.Tag, s.Field)
						n.handsOverZero = zero && (!n.handsOver || n.handsOverZero)
						n.handsOver = true
					}
					if why := pinnedWork[n]; ctx == kapi.Process && why != "" {
						n.roots = append(n.roots, root{kapi.ProcessPinned, p.note(s.Pos, fmt.Sprintf("%s() is the %s of %s: it runs in %s, in a kworker bound to its CPU", s.Func, s.Field, why, kapi.ProcessPinned)), kapi.ProcessPinned})
						continue
					}
					n.roots = append(n.roots, root{ctx, p.note(s.Pos, fmt.Sprintf("%s() is the %s of %s: it runs in %s", s.Func, s.Field, what, ctx)), rt})
				}
			}
		}
		// Registration of a struct whose field holds the function
		// (atomic_notifier_chain_register(&chain, &nb)).
		for fi := range u.Funcs {
			for _, c := range u.Funcs[fi].Calls {
				for _, r := range kapi.ArgFieldRoots(c.Callee) {
					if r.Arg > len(c.Args) {
						continue
					}
					v := funcArg(c.Args[r.Arg-1])
					for _, s := range u.Stores {
						if v == "" || s.Var != v || s.Field != r.Field {
							continue
						}
						for _, n := range p.resolve(u.Unit, s.Func) {
							n.roots = append(n.roots, root{r.Context, p.note(c.Pos, fmt.Sprintf("%s() registers %s(): it runs in %s", c.Callee, s.Func, r.Context)), r.Context})
						}
					}
				}
			}
		}
	}
	p.linkParamRoots()
	for _, n := range p.funcs {
		{
			// Entry points of the kernel, static ones included (their
			// address goes to assembly: start_secondary).
			if ctx, ok := kapi.FunctionRoot(n.sym.Name); ok {
				n.roots = append(n.roots, root{ctx, p.note(n.facts.Pos, fmt.Sprintf("%s() runs in %s", n.sym.Name, ctx)), ctx})
			}
		}
		if m := n.facts.DefinedBy; m != "" {
			if ctx, ok := kapi.DefinedByRoot(m); ok {
				n.roots = append(n.roots, root{ctx, p.note(n.facts.Pos, fmt.Sprintf("%s() is defined by %s: it runs in %s", n.sym.Name, m, ctx)), ctx})
			}
		}
	}
}

// linkParamRoots follows registrations through wrappers: a function
// that hands its parameter to a registration API passes the API's
// context to what its callers give it there, and a caller that passes
// its own parameter along is a wrapper too.
func (p *Program) linkParamRoots() {
	roots := map[*node][]ParamRoot{}
	for _, n := range p.funcs {
		for _, pr := range n.facts.ParamRoots {
			if !kapi.IsArgRoot(n.sym.Name, pr.Param) {
				roots[n] = append(roots[n], pr)
			}
		}
	}
	for range 4 { // wrappers of wrappers, a few levels
		changed := false
		for _, caller := range p.funcs {
			for _, e := range caller.out {
				for _, pr := range roots[e.callee] {
					if pr.Param > len(e.call.Args) {
						continue
					}
					q := paramIndex(caller.facts.Params, funcArg(e.call.Args[pr.Param-1]))
					if q == 0 || hasParamRoot(roots[caller], q) {
						continue
					}
					roots[caller] = append(roots[caller], ParamRoot{Param: q, Context: pr.Context, RTContext: pr.RTContext, Via: pr.Via})
					changed = true
				}
			}
		}
		if !changed {
			break
		}
	}
	for _, caller := range p.funcs {
		for _, e := range caller.out {
			for _, pr := range roots[e.callee] {
				if pr.Param > len(e.call.Args) {
					continue
				}
				fn := funcArg(e.call.Args[pr.Param-1])
				if fn == "" || paramIndex(caller.facts.Params, fn) > 0 {
					continue
				}
				for _, n := range p.resolve(caller.unit, fn) {
					n.roots = append(n.roots, root{pr.Context, p.note(e.call.Pos, fmt.Sprintf("%s() registers %s() with %s: it runs in %s",
						e.callee.sym.Name, fn, pr.Via, pr.Context)), onRT(pr.Context, pr.RTContext)})
				}
			}
		}
	}
}

func hasParamRoot(rs []ParamRoot, q int) bool {
	for _, r := range rs {
		if r.Param == q {
			return true
		}
	}
	return false
}

func (p *Program) sortedUnits() []*UnitFacts {
	names := make([]string, 0, len(p.units))
	for n := range p.units {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*UnitFacts, len(names))
	for i, n := range names {
		out[i] = p.units[n]
	}
	return out
}

func containsNode(ns []*node, n *node) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// abs turns a fact's file (relative to the root) into the path the
// analysis names files by.
func (p *Program) abs(file string) string {
	if file == "" || filepath.IsAbs(file) || p.Root == "" {
		return file
	}
	if p.absMemo == nil {
		// Linked: the check phase's workers read the program at once,
		// and nothing writes the memo any more.
		return filepath.Join(p.Root, filepath.FromSlash(file))
	}
	p.absMu.Lock()
	defer p.absMu.Unlock()
	if a, ok := p.absMemo[file]; ok {
		return a
	}
	a := filepath.Join(p.Root, filepath.FromSlash(file))
	p.absMemo[file] = a
	return a
}

func (p *Program) pos(q Pos) cparse.Pos {
	return cparse.Pos{File: p.abs(q.File), Line: int(q.Line), Col: int(q.Col)}
}

func (p *Program) note(q Pos, text string) dataflow.Note {
	return dataflow.Note{Pos: p.pos(q), Text: text}
}

// callNote is a note at a call: "caller() calls callee()" and what made
// the caller's context what it is there.
func (p *Program) callNote(e *edge, what string) dataflow.Note {
	text := fmt.Sprintf("%s() calls %s()%s", e.caller.sym.Name, e.callee.sym.Name, what)
	if e.call.Via != "" {
		text = fmt.Sprintf("%s() calls %s() through %s()%s", e.caller.sym.Name, e.callee.sym.Name, e.call.Via, what)
	}
	return p.note(e.call.Pos, text)
}

// witness is a note and the notes that lead to it, outermost first.
type witness []dataflow.Note

func (w witness) note() dataflow.Note {
	if len(w) == 0 {
		return dataflow.Note{}
	}
	n := w[len(w)-1]
	if len(w) > 1 {
		n.Via = &dataflow.Chain{Steps: append([]dataflow.Note(nil), w[:len(w)-1]...)}
	}
	return n
}

// spread is a least fixpoint along the call graph: the functions a
// property reaches, with a witness for each. seeds give it to functions
// directly; a call edge for which opens holds gives it to its callee
// whatever the caller; one for which passes holds carries the caller's.
// Callers are visited in a fixed order, so witnesses are deterministic.
func (p *Program) spread(seeds map[*node]witness, opens func(*edge) (witness, bool), passes func(*edge) bool) map[*node]witness {
	return p.spreadThrough(seeds, opens, passes, nil)
}

// wayIn gives, for a call that passes only for some ways into its caller
// (bitsPassed), the caller's witness along one of them, given the
// witnesses of the functions reached so far (nil for one not reached);
// wait asks to try again once more are reached. A nil witness without
// wait takes the caller's own.
type wayIn func(e *edge, at func(*node) witness) (w witness, wait bool)

// spreadThrough is spread whose witnesses, for the calls through gives a
// way in, go that way: the path printed is one on which the call is
// made. A call still waiting when nothing else is left takes the
// caller's witness, so the functions reached are spread's.
func (p *Program) spreadThrough(seeds map[*node]witness, opens func(*edge) (witness, bool), passes func(*edge) bool, through wayIn) map[*node]witness {
	// Reached by node id: the map is made once, from the nodes reached.
	at := make([]witness, len(p.funcs))
	seen := make([]bool, len(p.funcs))
	var queue, order []*node
	reach := func(n *node, w witness) {
		if seen[n.id] {
			return
		}
		seen[n.id], at[n.id] = true, w
		queue = append(queue, n)
		order = append(order, n)
	}
	for _, n := range p.funcs {
		if w, ok := seeds[n]; ok && p.entryAsked(n) {
			reach(n, w)
		}
	}
	for _, n := range p.funcs {
		if !p.entryAsked(n) {
			continue
		}
		for _, e := range n.out {
			if seen[e.callee.id] || !p.entryAsked(e.callee) {
				continue
			}
			if w, ok := opens(e); ok {
				reach(e.callee, w)
			}
		}
	}
	reached := func(n *node) witness {
		if !seen[n.id] {
			return nil
		}
		return at[n.id]
	}
	var waiting []*edge
	for len(queue) > 0 || len(waiting) > 0 {
		if len(queue) == 0 {
			// Nothing reached a way in for the first call waiting: it
			// goes through its caller's witness.
			e := waiting[0]
			waiting = waiting[1:]
			if !seen[e.callee.id] {
				reach(e.callee, append(append(witness(nil), at[e.caller.id]...), p.callNote(e, "")))
			}
			continue
		}
		n := queue[0]
		queue = queue[1:]
		for _, e := range n.out {
			// The witness is made only for a callee not reached yet:
			// most edges lead to one that is, and the note is the cost.
			if seen[e.callee.id] || !p.entryAsked(e.callee) || !passes(e) {
				continue
			}
			w := at[n.id]
			if through != nil {
				way, wait := through(e, reached)
				if wait {
					waiting = append(waiting, e)
					continue
				}
				if way != nil {
					w = way
				}
			}
			reach(e.callee, append(append(witness(nil), w...), p.callNote(e, "")))
		}
		// A call waiting may have a way in now.
		kept := waiting[:0]
		for _, e := range waiting {
			if seen[e.callee.id] {
				continue
			}
			if way, wait := through(e, reached); !wait {
				if way == nil {
					way = at[e.caller.id]
				}
				reach(e.callee, append(append(witness(nil), way...), p.callNote(e, "")))
				continue
			}
			kept = append(kept, e)
		}
		waiting = kept
	}
	got := make(map[*node]witness, len(order))
	for _, n := range order {
		got[n] = at[n.id]
	}
	return got
}

// anyEdge reports whether some call of a function whose entry is asked
// for is one of.
func (p *Program) anyEdge(of func(*edge) bool) bool {
	for _, n := range p.funcs {
		if !p.entryAsked(n) {
			continue
		}
		for _, e := range n.out {
			if of(e) {
				return true
			}
		}
	}
	return false
}

// onlyFrom are the functions only roots of the context ctx lead to:
// reached from such a root, and from no other root nor from a function
// entered otherwise (no caller in the program, an escaped address).
// Only early boot (kapi.Boot, start_kernel()) calls sched_init() and
// mm_core_init(); only CPU-bound threads (kapi.ProcessPinned,
// smpboot_thread_fn()) call run_ksoftirqd(). The roots' context goes
// down the calls passes accepts; a call opens accepts gives it to its
// callee whatever the caller's (a call made where the kernel's sleep
// checks are off enters its callee as early boot does).
func (p *Program) onlyFrom(ctx kapi.Context, opens, passes func(*edge) bool) map[*node]witness {
	from, others := map[*node]witness{}, map[*node]witness{}
	for _, n := range p.funcs {
		if !p.entryAsked(n) {
			continue
		}
		isFrom, other := false, len(n.roots) == 0 && (len(n.in) == 0 || n.escapes)
		for _, r := range n.roots {
			if r.ctx == ctx {
				isFrom = true
			} else {
				other = true
			}
		}
		if isFrom {
			from[n] = reached
		}
		if other {
			others[n] = reached
		}
	}
	if len(from) == 0 && !p.anyEdge(opens) {
		return nil
	}
	none := func(*edge) bool { return false }
	only, elsewhere := p.spreadSet(from, opens, passes), p.spreadSet(others, none, func(e *edge) bool { return !opens(e) })
	for n := range only {
		if elsewhere[n] != nil {
			delete(only, n)
		}
	}
	return only
}

// reached is the witness spreadSet gives every function it reaches.
var reached = witness{}

// spreadSet is spread where only which functions the property reaches
// matters: no witnesses are made (each costs a note per function), and
// every function reached has the same non-nil one.
func (p *Program) spreadSet(seeds map[*node]witness, opens, passes func(*edge) bool) map[*node]witness {
	seen := make([]bool, len(p.funcs))
	var queue, all []*node
	add := func(n *node) {
		if !seen[n.id] {
			seen[n.id] = true
			queue = append(queue, n)
			all = append(all, n)
		}
	}
	for _, n := range p.funcs {
		if _, ok := seeds[n]; ok && p.entryAsked(n) {
			add(n)
		}
	}
	for _, n := range p.funcs {
		if !p.entryAsked(n) {
			continue
		}
		for _, e := range n.out {
			if !seen[e.callee.id] && p.entryAsked(e.callee) && opens(e) {
				add(e.callee)
			}
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, e := range n.out {
			if !seen[e.callee.id] && p.entryAsked(e.callee) && passes(e) {
				add(e.callee)
			}
		}
	}
	got := make(map[*node]witness, len(all))
	for _, n := range all {
		got[n] = reached
	}
	return got
}

func (p *Program) computeEntries() {
	p.entries = map[*node]dataflow.Entry{}
	p.uncalled = map[string][]string{}
	all := func(*edge) bool { return true }
	// Spreads that do not wait for one another run side by side: the
	// entries are the link's longest pass.
	var side conc.WaitGroup
	var booting map[*node]witness
	side.Go(func() { booting = p.onlyFrom(kapi.Boot, func(e *edge) bool { return e.call.Unchecked }, all) })
	preemptSeeds := map[*node]witness{}
	// Functions some way into which leaves the task free to migrate: a
	// root other than a thread bound to its CPU, no caller, an escaped
	// address. A call made where the caller bound its task (Call.Bound)
	// does not pass it on; one made after the caller let the task
	// migrate again (Call.Unpinned) gives it whatever the caller's.
	unboundSeeds := map[*node]witness{}
	unknownSeeds := map[*node]witness{}
	atomicSeeds := map[*node]witness{}
	irqSeeds, bhSeeds, unstableSeeds := map[*node]witness{}, map[*node]witness{}, map[*node]witness{}
	var sleepers []*node
	for _, n := range p.funcs {
		if !p.entryAsked(n) {
			continue
		}
		if len(n.roots) == 0 && (len(n.in) == 0 || n.escapes) {
			unboundSeeds[n] = reached
		}
		for _, r := range n.roots {
			w := witness{r.why}
			if r.ctx != kapi.ProcessPinned {
				unboundSeeds[n] = reached
			}
			if r.ctx.MaySleep() {
				setFirst(preemptSeeds, n, w)
				if r.ctx != kapi.ProcessPinned {
					setFirst(unstableSeeds, n, w)
				}
			} else {
				setFirst(atomicSeeds, n, w)
			}
			if !r.ctx.IRQsDisabled() {
				setFirst(irqSeeds, n, w)
			}
			if r.ctx != kapi.Softirq && r.ctx != kapi.BHOff {
				setFirst(bhSeeds, n, w)
			}
		}
		// A function that enables preemption it does not disable (its
		// net preempt count is below zero on every path: schedule_tail(),
		// which a new task enters with the count __schedule() left) is
		// entered with preemption disabled, whatever it does after.
		releasesPreempt := n.facts.Summary != nil && n.facts.Summary.Preempt < 0 && n.facts.Summary.CondPreempt == nil && len(n.roots) == 0
		if releasesPreempt {
			setFirst(atomicSeeds, n, witness{p.note(n.facts.Pos, fmt.Sprintf("%s() enables preemption it does not disable: it is entered with preemption disabled", n.sym.Name))})
		}
		if n.facts.Preemptible != nil && len(n.roots) == 0 && !protectedCaller(n) && !releasesPreempt {
			sleepers = append(sleepers, n)
		}
		// A root is the framework that calls a function through the
		// pointer it was given: the pointer escaping says nothing more.
		if n.escapes && len(n.roots) == 0 {
			w := witness{p.note(n.facts.Pos, fmt.Sprintf("%s() is called through a pointer the analysis cannot follow", n.sym.Name))}
			setFirst(unknownSeeds, n, w)
			setFirst(irqSeeds, n, w)
			setFirst(bhSeeds, n, w)
		}
		if len(n.in) == 0 && len(n.roots) == 0 && !n.escapes {
			w := witness{p.note(n.facts.Pos, fmt.Sprintf("%s() is entered with preemption enabled (no caller in the program)", n.sym.Name))}
			switch {
			case releasesPreempt:
				w[0].Text = fmt.Sprintf("%s() has no caller in the program", n.sym.Name)
			case n.exported != nil:
				// Its callers are modules (netif_receive_skb_core(),
				// called from drivers' NAPI poll in softirq context).
				w = witness{*n.exported}
				setFirst(unknownSeeds, n, w)
			case n.sym.Unit != "":
				// A static function of a kernel unit that nothing calls
				// is dead code in this configuration: its callers are
				// compiled out (sched_rt_rq_enqueue() without
				// RT_GROUP_SCHED), or it is __maybe_unused.
				w[0].Text = fmt.Sprintf("%s() has no caller in this configuration", n.sym.Name)
				setFirst(unknownSeeds, n, w)
			case p.Complete && p.units[n.unit] != nil && !p.units[n.unit].Draft:
				p.uncalled[n.unit] = append(p.uncalled[n.unit], n.sym.Name)
				// Nothing in the tree calls it: assembly does (the entry
				// code, the idle loop), or code configured out (irq_enter()
				// and handle_percpu_irq() on x86).
				w[0].Text = fmt.Sprintf("%s() has no caller in the program: assembly, or code configured out, calls it", n.sym.Name)
				setFirst(unknownSeeds, n, w)
			case p.Complete:
				p.uncalled[n.unit] = append(p.uncalled[n.unit], n.sym.Name)
				setFirst(preemptSeeds, n, w)
				setFirst(unstableSeeds, n, w)
			default:
				w[0].Text = fmt.Sprintf("%s() may be called from code the run has no facts of", n.sym.Name)
				setFirst(unknownSeeds, n, w)
			}
			setFirst(irqSeeds, n, w)
			setFirst(bhSeeds, n, w)
		}
	}
	unbound := p.spreadSet(unboundSeeds, func(e *edge) bool { return e.call.Unpinned }, func(e *edge) bool { return !e.call.Bound })
	var mayRawIRQOn, mayIRQOn, mayBHOn map[*node]witness
	side.Go(func() { mayRawIRQOn = p.spreadRTIRQOn(irqSeeds) })
	side.Go(func() {
		mayIRQOn = p.spread(irqSeeds, func(e *edge) (witness, bool) {
			if e.call.IRQOff || e.call.Preempt != Open && !e.call.Drops.IRQOn {
				return nil, false
			}
			return witness{p.callNote(e, "")}, true
		}, func(e *edge) bool { return !e.call.IRQOff })
	})
	// A root that documents bottom halves disabled stands for its
	// callers through the framework, whose own context the analysis may
	// not know: the receive path calls tcp_v4_rcv() from
	// netif_receive_skb(), which modules call. tcp_add_backlog(),
	// entered under the socket's spinlock, runs with bottom halves
	// disabled after it drops it.
	side.Go(func() {
		mayBHOn = p.spreadSet(bhSeeds, func(e *edge) bool { return !e.call.BHOff && e.call.Preempt == Open },
			func(e *edge) bool { return !e.call.BHOff && !bhOffRoot(e.callee) })
	})
	inherits := func(e *edge) bool { return e.call.Preempt == Inherit }
	// A function entered with interrupts disabled and nothing else (an
	// x86 exception, DEFINE_IDTENTRY) that enables them runs preemptible
	// after: do_error_trap()'s cond_local_irq_enable() before do_trap().
	irqsOnlySeeds, otherAtomicSeeds := map[*node]witness{}, map[*node]witness{}
	for n, w := range atomicSeeds {
		if len(n.roots) > 0 && onlyIRQsOffRoots(n) {
			irqsOnlySeeds[n] = w
		} else {
			otherAtomicSeeds[n] = w
		}
	}
	none := func(*edge) bool { return false }
	irqsOnly := p.spreadSet(irqsOnlySeeds, none, inherits)
	otherAtomic := p.spreadSet(otherAtomicSeeds, func(e *edge) bool { return e.call.Preempt == Protected }, inherits)
	enablesIRQs := func(e *edge) bool {
		return e.call.Preempt == Inherit && e.call.Drops.IRQOn && irqsOnly[e.caller] != nil && otherAtomic[e.caller] == nil
	}
	opensPreemptSet := func(e *edge) bool { return e.call.Preempt == Open || enablesIRQs(e) }
	opensPreempt := func(e *edge) (witness, bool) {
		if enablesIRQs(e) {
			return witness{p.callNote(e, " with interrupts enabled again, and nothing else disabling preemption")}, true
		}
		if e.call.Preempt != Open {
			return nil, false
		}
		return witness{p.callNote(e, " with preemption enabled"+p.because(e.call))}, true
	}
	// The witnesses of the last spread only are kept (final): the rounds
	// before it decide the arguments.
	spreadPreempt := func(final bool) (mayPreempt map[*node]witness, notAtomic map[*node]bool) {
		mayPreempt = p.spreadSet(preemptSeeds, opensPreemptSet, inherits)
		// A call made on the caller's entry context under a test of a
		// parameter that every preemptible way into the caller rules
		// out does not enter preemptible (kernel/events/core.c
		// perf_event_exec() calls perf_iterate_ctx(..., true), which
		// calls event_filter_match() under "if (!all)"). Two rounds:
		// the constants are those of the callers found preemptible.
		for round := range 2 {
			args := p.preemptArgs(mayPreempt, preemptSeeds)
			passes := func(e *edge) bool {
				return inherits(e) && whenHolds(e.call.When, e.caller.facts.Params, args[e.caller]) &&
					!protectedFor(e.call.ProtectedWhen, e.caller.facts.Params, args[e.caller]) &&
					bitsPassed(e, mayPreempt, preemptSeeds)
			}
			if final && round == 1 {
				// The witness of a call made under a test of its caller's
				// bits goes through a call into the caller that passes
				// them (__alloc_skb() calling napi_skb_cache_get():
				// skb_copy()'s way in, not __netdev_alloc_skb()'s).
				through := func(e *edge, at func(*node) witness) (witness, bool) {
					bits := passedBits(e)
					if _, seed := preemptSeeds[e.caller]; seed || len(bits) == 0 {
						return nil, false
					}
					for _, in := range e.caller.in {
						if !allows(bits, in.call) {
							continue
						}
						if w, ok := opensPreempt(in); ok {
							return w, false
						}
						if w := at(in.caller); w != nil && passes(in) {
							return append(append(witness(nil), w...), p.callNote(in, "")), false
						}
					}
					return nil, true
				}
				mayPreempt = p.spreadThrough(preemptSeeds, opensPreempt, passes, through)
			} else {
				mayPreempt = p.spreadSet(preemptSeeds, opensPreemptSet, passes)
			}
		}
		unknown := p.spreadSet(unknownSeeds, none, inherits)
		// Not atomic on some way in: preemptible, or unknown.
		notAtomic = map[*node]bool{}
		for n := range mayPreempt {
			notAtomic[n] = true
		}
		for n := range unknown {
			notAtomic[n] = true
		}
		return mayPreempt, notAtomic
	}
	atomicWhy := p.spread(atomicSeeds, func(e *edge) (witness, bool) {
		if e.call.Preempt != Protected {
			return nil, false
		}
		return witness{p.callNote(e, " with preemption disabled"+p.because(e.call))}, true
	}, func(e *edge) bool { return inherits(e) && !enablesIRQs(e) })

	// A function that sleeps before disabling anything runs
	// preemptible, and so do the calls it makes on its own entry's
	// context, unless a caller or a root says it is entered atomic: a
	// caller that disables preemption around the call, or callers
	// entered atomic on every way in (the sleep is then the bug,
	// reported with that way in).
	if len(sleepers) > 0 {
		_, notAtomic := spreadPreempt(false)
		for _, n := range sleepers {
			if !notAtomic[n] && atomicWhy[n] != nil && len(n.in) > 0 {
				continue
			}
			w := witness{p.note(*n.facts.Preemptible, fmt.Sprintf("%s() may sleep here, so it runs with preemption enabled", n.sym.Name))}
			preemptSeeds[n] = w
			if unbound[n] != nil {
				// A task bound to its CPU sleeps on that CPU: a thread
				// bound to it, or one its callers bound
				// (syscore_shutdown()'s mutex_lock() after
				// migrate_to_reboot_cpu()).
				unstableSeeds[n] = w
			}
		}
	}
	mayPreempt, notAtomic := spreadPreempt(true)
	var preemptArgs map[*node][]dataflow.Value
	side.Go(func() { preemptArgs = p.preemptArgs(mayPreempt, preemptSeeds) })
	var rawWhy, rawNot map[*node]witness
	side.Go(func() { rawWhy, rawNot = p.spreadRT(releasesPreemptSeeds(atomicSeeds), notAtomic) })
	// Enabling preemption leaves a bound task where it is; letting it
	// migrate does not (sched_init_smp() in kernel_init_freeable()).
	opensUnstable := func(e *edge) bool {
		return opensPreemptSet(e) && !e.call.Stable && unbound[e.caller] != nil || e.call.Unpinned
	}
	var unstable map[*node]witness
	side.Go(func() {
		unstable = p.spreadSet(unstableSeeds, opensUnstable, func(e *edge) bool { return e.call.Preempt == Inherit && !e.call.Stable })
	})
	throughStaticCall := p.spreadSet(nil, func(e *edge) bool {
		atomicAt := e.call.Preempt == Protected || e.call.Preempt == Inherit && !notAtomic[e.caller] && atomicWhy[e.caller] != nil
		return e.call.Tag == kapi.StaticCall.Tag && atomicAt
	}, inherits)
	side.Wait()

	for _, n := range p.funcs {
		if !p.entryAsked(n) {
			continue
		}
		var e dataflow.Entry
		switch {
		case mayPreempt[n] != nil:
			e = dataflow.Entry{Kind: dataflow.EntryPreemptible, Why: mayPreempt[n].note(), Stable: unstable[n] == nil, Args: preemptArgs[n]}
		case !notAtomic[n] && atomicWhy[n] != nil:
			e = dataflow.Entry{Kind: dataflow.EntryAtomic, Why: atomicWhy[n].note(),
				IRQOff: mayIRQOn[n] == nil, BHOff: mayBHOn[n] == nil, Root: len(n.in) == 0,
				ThroughStaticCall: throughStaticCall[n] != nil}
			e.OnlyIRQOff = e.Root && e.IRQOff && onlyIRQsOffRoots(n)
			if rawNot[n] == nil && rawWhy[n] != nil {
				e.RawAtomic, e.RawWhy = true, rawWhy[n].note()
			}
			if w := mayRawIRQOn[n]; e.IRQOff && w != nil {
				e.RawIRQOn = w.note()
			}
		case n.facts.Preemptible != nil:
			// No caller shows how it is entered, but it sleeps before
			// disabling preemption: it must run preemptible.
			e = dataflow.Entry{Kind: dataflow.EntryPreemptible,
				Why: p.note(*n.facts.Preemptible, fmt.Sprintf("%s() may sleep here, so it runs with preemption enabled", n.sym.Name))}
		}
		e.Booting = booting[n] != nil
		p.entries[n] = e
	}
}

// spreadRT finds which functions are entered atomic on PREEMPT_RT too
// (why) and which are not on some way in (not): a root whose context is
// preemptible there (a softirq, a force-threaded interrupt handler), a
// caller that is not atomic on every kernel (notAtomic), or a call whose
// only protection is a lock that sleeps there. extra are further seeds of
// why (functions entered with preemption disabled).
func (p *Program) spreadRT(extra map[*node]witness, notAtomic map[*node]bool) (why, not map[*node]witness) {
	seeds, notSeeds := map[*node]witness{}, map[*node]witness{}
	for _, n := range p.funcs {
		if w, ok := extra[n]; ok {
			setFirst(seeds, n, w)
		}
		for _, r := range n.roots {
			if r.rt.AtomicOnRT() {
				setFirst(seeds, n, witness{r.why})
			} else {
				setFirst(notSeeds, n, witness{r.why})
			}
		}
		if notAtomic[n] {
			setFirst(notSeeds, n, witness{})
		}
	}
	inherits := func(e *edge) bool { return e.call.Preempt == Inherit }
	why = p.spread(seeds, func(e *edge) (witness, bool) {
		if e.call.Preempt != Protected || !e.call.RawAtomic {
			return nil, false
		}
		why := ""
		if e.call.RawWhy != "" {
			why = " (" + e.call.RawWhy + ")"
		}
		return witness{p.callNote(e, " where the context is atomic on PREEMPT_RT too"+why)}, true
	}, inherits)
	not = p.spread(notSeeds, func(e *edge) (witness, bool) {
		return witness{}, e.call.Preempt == Open || e.call.Preempt == Protected && !e.call.RawAtomic
	}, inherits)
	return why, not
}

// spreadRTIRQOn finds the functions some way into which has interrupts
// enabled on PREEMPT_RT: the ways in with interrupts enabled everywhere
// (seeds, and what spreads from them), roots whose context has them
// enabled there, and calls under a sleeping lock's _irq form only.
func (p *Program) spreadRTIRQOn(seeds map[*node]witness) map[*node]witness {
	all := map[*node]witness{}
	for n, w := range seeds {
		all[n] = w
	}
	for _, n := range p.funcs {
		for _, r := range n.roots {
			if !onRT(r.ctx, r.rt).IRQsDisabled() {
				setFirst(all, n, witness{r.why})
			}
		}
	}
	return p.spread(all, func(e *edge) (witness, bool) {
		if e.call.RawIRQOff || !e.call.IRQOff && e.call.Preempt != Open {
			return nil, false
		}
		return witness{p.callNote(e, " with interrupts enabled on PREEMPT_RT"+p.because(e.call))}, true
	}, func(e *edge) bool { return !e.call.RawIRQOff })
}

// bhOffRoot reports whether a root of n runs it with bottom halves
// disabled.
func bhOffRoot(n *node) bool {
	return slices.ContainsFunc(n.roots, func(r root) bool { return r.ctx == kapi.Softirq || r.ctx == kapi.BHOff })
}

// releasesPreemptSeeds are the atomic seeds that are no root's: the
// functions entered with preemption disabled because they enable it
// without disabling it (schedule_tail()).
func releasesPreemptSeeds(atomicSeeds map[*node]witness) map[*node]witness {
	out := map[*node]witness{}
	for n, w := range atomicSeeds {
		if len(n.roots) == 0 {
			out[n] = w
		}
	}
	return out
}

// preemptArgs are, for each function entered preemptible other than
// seeds, the kinds of value its parameters get on every call that
// enters it so: calls that open preemption, and calls made on the entry
// context of callers that are themselves entered preemptible. A constant
// argument gives its kind; a caller's parameter passed on gives what the
// caller's branches knew of it at the call and, for a caller entered
// preemptible, what its own such callers pass (e1000_clean_tx_ring()
// passes a budget of 0 to e1000_unmap_and_free_tx_resource(), which
// passes it on to napi_consume_skb(); that one frees into the per-CPU
// cache only for a nonzero budget). The kinds grow from none to a fixed
// point, over the callers found preemptible.
func (p *Program) preemptArgs(mayPreempt, seeds map[*node]witness) map[*node][]dataflow.Value {
	kinds := make([][]dataflow.Class, len(p.funcs)) // per parameter; 0: no value yet
	preemptible := make([]bool, len(p.funcs))
	for n := range mayPreempt {
		preemptible[n.id] = true
	}
	for _, n := range p.funcs {
		if _, seed := seeds[n]; preemptible[n.id] && !seed && len(n.facts.Params) > 0 {
			kinds[n.id] = make([]dataflow.Class, len(n.facts.Params))
		}
	}
	// add joins what the call e passes into its callee's kinds, and
	// reports whether they grew. The kinds only grow, so each call is
	// joined again only when its caller's grew.
	add := func(e *edge) bool {
		into := kinds[e.callee.id]
		if into == nil || e.call.Preempt != Open && (e.call.Preempt != Inherit || !preemptible[e.caller.id]) {
			return false
		}
		from := kinds[e.caller.id]
		grew := false
		for i, a := range e.argKinds() {
			k := a.class
			if a.param > 0 && from != nil {
				k &= from[a.param-1]
			}
			if into[i]|k != into[i] {
				into[i] |= k
				grew = true
			}
		}
		return grew
	}
	var queue []*node
	queued := make([]bool, len(p.funcs))
	push := func(n *node) {
		if !queued[n.id] {
			queued[n.id] = true
			queue = append(queue, n)
		}
	}
	for _, n := range p.funcs {
		if kinds[n.id] == nil {
			continue
		}
		for _, e := range n.in {
			if add(e) {
				push(n)
			}
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		queued[n.id] = false
		for _, e := range n.out {
			if e.call.Preempt == Inherit && add(e) {
				push(e.callee)
			}
		}
	}
	out := map[*node][]dataflow.Value{}
	for _, n := range p.funcs {
		var vals []dataflow.Value
		for i, c := range kinds[n.id] {
			if param := n.facts.Params[i]; c != 0 && c != dataflow.Any && param != "" {
				vals = append(vals, dataflow.Value{Key: param, Class: c})
			}
		}
		if vals != nil {
			out[n] = vals
		}
	}
	return out
}

// whenHolds reports whether the conditions a call is made under (what
// the caller's parameters hold on the paths to it) may hold for a caller
// entered with args.
func whenHolds(when []ParamClass, params []string, args []dataflow.Value) bool {
	for _, w := range when {
		if c, ok := entryArg(w, params, args); ok && c&w.Class == 0 {
			return false
		}
	}
	return true
}

// bitsPassed reports whether the bits of its parameters a call e is made
// under (Call.When with a mask) may be those some call that enters its
// caller preemptible passes (mayPreempt; a seed is preemptible whatever
// its callers pass): net/core/skbuff.c __alloc_skb() calls
// napi_skb_cache_get() only where (flags & (SKB_ALLOC_FCLONE |
// SKB_ALLOC_NAPI)) == SKB_ALLOC_NAPI, which none of its preemptible
// callers' constant flags has (__netdev_alloc_skb(): SKB_ALLOC_RX).
func bitsPassed(e *edge, mayPreempt, seeds map[*node]witness) bool {
	if _, seed := seeds[e.caller]; seed {
		return true
	}
	for _, w := range passedBits(e) {
		some := false
		for _, in := range e.caller.in {
			opens := in.call.Preempt == Open || in.call.Preempt == Inherit && mayPreempt[in.caller] != nil
			if opens && allows([]ParamClass{w}, in.call) {
				some = true
				break
			}
		}
		if !some {
			return false
		}
	}
	return true
}

// passedBits are the conditions on bits of its caller's parameters a
// call e is made under, the parameters passed on unchanged.
func passedBits(e *edge) []ParamClass {
	var out []ParamClass
	for _, w := range e.call.When {
		if w.Mask != 0 && w.Path == "" && !e.call.wrote(w.Param) {
			out = append(out, w)
		}
	}
	return out
}

// entryArg is what args, the arguments an entry is known to get, say of
// the parameter a condition w is on (not of its bits or members).
func entryArg(w ParamClass, params []string, args []dataflow.Value) (dataflow.Class, bool) {
	if w.Param < 1 || w.Param > len(params) || w.Mask != 0 || w.Path != "" {
		return 0, false
	}
	for _, a := range args {
		if a.Key == params[w.Param-1] {
			return a.Class, true
		}
	}
	return 0, false
}

// preemptibleArg is the kind of an argument of the call e on the paths
// where the call is not protected: a constant's, or for the caller's
// parameter passed on, what the caller's branches knew of it at the call
// less the values for which the call is protected (Call.ProtectedWhen);
// known is false when nothing is.
func preemptibleArg(e *edge, arg string) (k dataflow.Class, known bool) {
	if k, ok := dataflow.ConstArgClass(arg); ok {
		return k, true
	}
	q := paramIndex(e.caller.facts.Params, arg)
	if q == 0 || e.call.wrote(q) {
		return 0, false // what the branches knew is of the callers' argument
	}
	k = dataflow.Any
	for _, w := range e.call.When {
		if w.Param == q && w.Mask == 0 && w.Path == "" {
			k &= w.Class
		}
	}
	for _, w := range e.call.ProtectedWhen {
		if w.Param == q && w.Mask == 0 && w.Path == "" {
			k &^= w.Class
		}
	}
	return k, k != dataflow.Any
}

// protectedFor reports whether a call protected for some values of its
// caller's parameters (Call.ProtectedWhen) is so for a caller entered
// with args: an argument known to hold only such values.
func protectedFor(when []ParamClass, params []string, args []dataflow.Value) bool {
	for _, w := range when {
		if c, ok := entryArg(w, params, args); ok && c&^w.Class == 0 {
			return true
		}
	}
	return false
}

// onlyIRQsOffRoots reports whether every framework that runs n does so
// with interrupts disabled and nothing else (syscore callbacks, cross-CPU
// calls): not a hard interrupt, which counts as atomic.
func onlyIRQsOffRoots(n *node) bool {
	for _, r := range n.roots {
		if r.ctx != kapi.IRQsOff {
			return false
		}
	}
	return len(n.roots) > 0
}

// protectedCaller reports whether some caller calls n with preemption
// disabled.
func protectedCaller(n *node) bool {
	for _, e := range n.in {
		if e.call.Preempt == Protected {
			return true
		}
	}
	return false
}

// because says what opened or protected a call, for notes.
func (p *Program) because(c *Call) string {
	if c.Why == "" {
		return ""
	}
	return " (" + c.Why + ")"
}

func setFirst(m map[*node]witness, n *node, w witness) {
	if _, ok := m[n]; !ok {
		m[n] = w
	}
}

// spreadHandsOver extends the functions whose locks a framework releases
// (node.handsOver, from kapi.LocksReleasedBy) to the helpers only they
// call, which return what they hold to them (net/ipv4/tcp_ipv4.c
// listening_get_first(), which tcp_seq_start() and tcp_seq_next() reach;
// net/netfilter/x_tables.c xt_mttg_seq_next(), which the tables' .start
// and .next call).
func (p *Program) spreadHandsOver() {
	for changed := true; changed; {
		changed = false
		for _, n := range p.funcs {
			if n.handsOver || len(n.in) == 0 || n.escapes || n.exported != nil || len(n.roots) > 0 {
				continue
			}
			all := true
			for _, e := range n.in {
				// A helper's value is not its caller's: a framework
				// that looks at the value hands nothing to it.
				all = all && e.caller.handsOver && !e.caller.handsOverZero
			}
			if all {
				n.handsOver = true
				changed = true
			}
		}
	}
}

// computeKeptLocks marks the entries of the lock helpers whose locks no
// caller releases (dataflow.Entry.LocksKept): a helper that returns a
// lock held on every path, or on the paths its value tells apart, is
// correct by design only if its callers release the lock. A caller that
// releases any lock may release this one (under another spelling, or
// through a helper given the value that says whether it is held); one
// that returns a helper's lock, or the value that tells, passes it on,
// and its own callers decide. A function whose callers the program may
// not show (exported, escaping, a framework's root, or no caller at all)
// or that a macro writes with its pair (a scope guard's constructor)
// keeps nothing.
func (p *Program) computeKeptLocks() {
	released := map[*node]bool{}
	var releases func(n *node) bool
	releases = func(n *node) bool {
		if r, ok := released[n]; ok {
			return r
		}
		released[n] = true // a cycle of callers: assume released
		r := len(n.in) == 0 || n.escapes || n.exported != nil || len(n.roots) > 0 || n.sym.Unit == "" && !p.Complete ||
			n.facts.DefinedBy != "" // a macro's pair (a scope guard's constructor)
		for _, e := range n.in {
			c := e.caller.facts
			if r {
				break
			}
			r = e.call.Field != "" || e.call.Via != "" || c.ReleasesLocks || c.DefinedBy != "" ||
				c.PassesLocks && releases(e.caller)
		}
		released[n] = r
		return r
	}
	for _, n := range p.funcs {
		sum := n.facts.Summary
		if sum == nil || len(sum.Acquires) == 0 && len(sum.CondAcquires) == 0 || !p.entryAsked(n) {
			continue
		}
		if !releases(n) {
			e := p.entries[n]
			e.LocksKept = true
			p.entries[n] = e
		}
	}
}

// computeCallersRelease finds the locks a function returns holding on
// some ways out only (FuncFacts.ReturnsMayHold) that its callers release
// (dataflow.Entry.CallersRelease): every caller the program shows, at
// least one, releases the lock, in its terms, where it does not hold it
// itself (FuncFacts.ReleasesUnheld); or is written by a macro with its
// pair (a scope guard's constructor, as computeKeptLocks takes it); or
// returns it held in turn, and its own callers release it (the same
// question of them): on every way out, or on those its value tells
// apart, where its summary hands the lock on (unless computeKeptLocks
// found it kept); on some ways out, knowingly; or past the call,
// unknowingly, where the callee's summary told it nothing of the lock and
// it releases it nowhere. A function a framework calls before the
// callback that releases what it holds (seq_file's .start and .next,
// then .stop) has its locks released, and so has one such a callback
// calls, through a header helper too. A function called through a
// pointer or run by a framework has callers the program does not show;
// an exported one's callers in modules are held to what its callers here
// do. A function with external linkage in a program that is not complete
// may have other callers.
func (p *Program) computeCallersRelease() {
	type query struct {
		n   *node
		key string
	}
	memo := map[query]bool{}
	var released func(n *node, key string) bool
	released = func(n *node, key string) bool {
		q := query{n, key}
		if r, ok := memo[q]; ok {
			return r
		}
		memo[q] = false // a cycle of callers: not shown to release it
		if n.handsOver && !n.handsOverZero {
			// The framework's other callback releases it (where the
			// function returned 0 only, for some: the rule asks of the
			// value, Entry.HandsOverOnZero).
			memo[q] = true
			return true
		}
		r := len(n.in) > 0 && !n.escapes && len(n.roots) == 0 && (p.Complete || n.sym.Unit != "")
		for _, e := range n.in {
			if !r {
				break
			}
			if e.call.Field == "" && e.caller.handsOver && !e.caller.handsOverZero {
				// A framework's callback calls it, through a header
				// helper or not: the callback's successor releases
				// what it leaves held (net/ipv4/ipmr.c
				// ipmr_mfc_seq_start() returning what
				// mr_mfc_seq_idx() found, locked).
				continue
			}
			if e.call.Field != "" || e.call.Via != "" {
				r = false
				break
			}
			k, ok := dataflow.RewriteKey(n.facts.Params, key, e.call.Args)
			if !ok {
				r = false
				break
			}
			c := e.caller.facts
			switch {
			case slices.Contains(c.ReleasesUnheld, k):
			case c.DefinedBy != "":
				// A macro's pair: a scope guard's constructor, whose
				// destructor the same macro writes, releases it
				// (DEFINE_LOCK_GUARD_1(pcm_stream_lock_irqsave, ...)).
			case slices.Contains(c.ReturnsMayHold, k):
				// The caller returns it held on some ways out in turn.
				r = released(e.caller, k)
			case p.acquires(e.caller, k):
				// Handed on by the caller's summary: its own callers
				// hold it, and release it unless the program shows
				// none does (Entry.LocksKept).
				r = !p.entries[e.caller].LocksKept
			default:
				// The callee's summary told the caller nothing of it,
				// and the caller releases it nowhere: it returns it
				// held past the call, and its own callers decide
				// (net/packet/af_packet.c packet_current_rx_frame()
				// returning __packet_lookup_frame_in_block()'s frame;
				// block/blk-cgroup.c blkg_conf_prep() going on after
				// blkg_conf_open_bdev()).
				r = released(e.caller, k)
			}
		}
		memo[q] = r
		return r
	}
	for _, n := range p.funcs {
		if !p.entryAsked(n) {
			continue
		}
		if n.handsOver {
			e := p.entries[n]
			e.HandsOver, e.HandsOverOnZero = true, n.handsOverZero
			p.entries[n] = e
		}
		var keys []string
		for _, k := range n.facts.ReturnsMayHold {
			if released(n, k) {
				keys = append(keys, k)
			}
		}
		if keys != nil {
			e := p.entries[n]
			e.CallersRelease = keys
			p.entries[n] = e
		}
	}
}

// acquires reports whether n's summary returns the lock key held, on
// every way out or on those its value tells apart.
func (p *Program) acquires(n *node, key string) bool {
	sum := p.summaryOf(n)
	if sum == nil {
		return false
	}
	return slices.ContainsFunc(sum.Acquires, func(h dataflow.Held) bool { return h.Key == key }) ||
		slices.ContainsFunc(sum.CondAcquires, func(h dataflow.CondHeld) bool { return h.Key == key })
}

// computeRTLocks finds the functions that take a lock that sleeps on
// PREEMPT_RT where they themselves have not made the context atomic
// there, bottom up, with the path down to the lock. Only direct calls
// that give up nothing of the caller's context carry it: a callee that
// drops its caller's raw lock first may well take one.
func (p *Program) computeRTLocks() {
	p.rtLocks = map[*node]sleepPath{}
	var queue []*node
	// better keeps sp for n when it is the first path found, or the
	// first one not conditioned on n's parameters: a function is
	// upgraded at most once, so the search ends.
	better := func(n *node, sp sleepPath) bool {
		old, ok := p.rtLocks[n]
		if ok && (len(old.when) == 0 || len(sp.when) > 0) {
			return false
		}
		p.rtLocks[n] = sp
		return true
	}
	for _, n := range p.funcs {
		if kapiRawContext(n) || !p.effectAsked(n) {
			continue
		}
		for _, s := range n.facts.RTLocks {
			if !s.Drops.None() || n.kapi.DefersOnRT || p.neverNull(s.NullMembers) || p.neverSet(s.SetBits) {
				continue
			}
			_, queued := p.rtLocks[n]
			// The path carries no drops but turning the kernel's
			// sleep checks back on (Drops.Checks).
			step := sleepPath{path: []dataflow.Note{p.note(s.Pos, fmt.Sprintf("%s() takes a lock that sleeps on PREEMPT_RT", s.Prim))}, when: s.When, drops: dataflow.Drops{Checks: s.Drops.Checks}, bits: p.family(s.SetBits)}
			if better(n, step) && !queued {
				queue = append(queue, n)
			}
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		below := p.rtLocks[n]
		for _, e := range n.in {
			caller := e.caller
			if kapiRawContext(caller) || !p.effectAsked(caller) {
				continue
			}
			if e.call.RawAtomic && !e.call.RawAssumed || e.call.OneOf || e.call.Warned || e.call.LastRef || e.call.Unchecked && !below.drops.Checks || p.neverNull(e.call.NullMembers) || p.neverSet(e.call.SetBits) || e.call.Field != "" || !e.call.Drops.None() ||
				caller.kapi.DefersOnRT || e.call.Via != "" && defersOnRT(e.call.Via) || bootOnly(e) {
				continue
			}
			// As for sleeps: a path taken only for arguments the call
			// does not pass is not the caller's (refresh_cpu_vm_stats()
			// drains the per-CPU page lists only when do_pagesets is
			// set; quiet_vmstat() passes false).
			if !allows(below.when, e.call) || contradicted(below.bits, e.call.ClearBits) {
				continue
			}
			when, possible := passedOn(below.when, e, caller.facts.Params)
			if !possible {
				continue
			}
			if better(caller, sleepPath{path: append([]dataflow.Note{p.callNote(e, "")}, below.path...), when: when, drops: dataflow.Drops{Checks: e.call.Drops.Checks || below.drops.Checks},
				bits: joinBits(below.bits, p.family(e.call.SetBits))}) {
				queue = append(queue, caller)
			}
		}
	}
}

// computeSleeps finds the functions that may sleep where they themselves
// have not made the context atomic, bottom up: a sleeping primitive of
// their own, or a call of such a function (or of one that sleeps with
// the GFP flags they pass it). Each keeps the path down to the primitive.
func (p *Program) computeSleeps() {
	p.sleeps = map[*node]sleepPath{}
	p.gfp = map[*node]gfpSleep{}
	var queue []*node
	for _, n := range p.funcs {
		if kapiAnyContext(n) || !p.effectAsked(n) {
			continue
		}
		if arg := gfpPrimitive(n); arg > 0 {
			// kapi's contract, not the body: the allocator's slow path
			// reclaims only when the flags allow it, which the paths
			// through its body do not show.
			p.gfp[n] = gfpSleep{arg, sleepPath{path: []dataflow.Note{p.note(n.facts.Pos, fmt.Sprintf("%s() may sleep when its GFP flags allow direct reclaim", n.sym.Name))}}}
			queue = append(queue, n)
			continue
		}
		for _, s := range n.facts.Sleeps {
			if p.neverNull(s.NullMembers) || p.neverSet(s.SetBits) || n.facts.AnyContext && s.GFPParam == 0 {
				continue // documented safe in any context, as its caller's flags allow
			}
			eff, _ := kapi.Lookup(s.Prim)
			text := fmt.Sprintf("%s() may sleep", s.Prim)
			if s.Via != "" {
				text = fmt.Sprintf("%s() may sleep, called through %s()", s.Prim, s.Via)
			}
			step := sleepPath{[]dataflow.Note{p.note(s.Pos, text)}, s.Drops, eff.FaultSleep, eff.TaskSleep || s.Task, s.When, p.family(s.SetBits)}
			if s.GFPParam > 0 {
				if _, ok := p.gfp[n]; !ok {
					p.gfp[n] = gfpSleep{s.GFPParam, step}
					queue = append(queue, n)
				}
				continue
			}
			if p.betterSleep(n, step) {
				if _, queued := p.sleeps[n]; !queued {
					queue = append(queue, n)
				}
				p.sleeps[n] = step
			}
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, e := range n.in {
			if !p.effectAsked(e.caller) {
				continue
			}
			if e.call.NoSleep {
				continue // the caller's own call in atomic context: reported there
			}
			if e.call.OneOf {
				continue // which of its targets the call makes is not known
			}
			if e.call.Warned {
				continue // past a WARN_ON() that held: reported by the kernel
			}
			if e.call.Unchecked && !p.sleeps[n].drops.Checks && !p.gfp[n].drops.Checks {
				continue // where the kernel's own sleep checks are off, and stay so
			}
			if e.call.LastRef {
				continue // where a put dropped the last reference
			}
			if p.neverNull(e.call.NullMembers) {
				continue // where a member every object sets is NULL
			}
			if p.neverSet(e.call.SetBits) {
				continue // where a member has bits no object has
			}
			if bootOnly(e) {
				continue // __init code, reached from code that outlives boot
			}
			caller := e.caller
			if kapiAnyContext(caller) || gfpPrimitive(caller) > 0 {
				continue
			}
			if e.call.Field != "" && !p.allSleep(e) {
				continue
			}
			// below is the path kept for n, its drops in n's terms: a
			// sleep of n's own, or one made as n's GFP flags allow.
			var below sleepPath
			fault, task := false, false
			if s, ok := p.sleeps[n]; ok {
				if s.fault && e.call.NoFault {
					continue // the caller disabled page faults around the call
				}
				if s.task && e.call.BHOff {
					continue // in_interrupt() holds at the call
				}
				if !allows(s.when, e.call) {
					continue // the arguments rule the path out
				}
				if contradicted(s.bits, e.call.ClearBits) {
					continue // bits the caller found clear
				}
				if g := n.facts.GFPFlags; g > 0 && g <= len(e.call.Args) && !reclaims(e.call.Args[g-1]) {
					// A function that takes GFP flags sleeps only as
					// they allow (kapi.GFPFlagsType): usb_submit_urb()
					// with GFP_ATOMIC does not reach the root hub's
					// control path. The caller's own flags decide.
					if q := paramIndex(caller.facts.Params, e.call.Args[g-1]); q > 0 {
						if p.gfpThrough(e, q, sleepPath{s.path, composeDrops(e, s.drops), s.fault, s.task, nil, nil}) {
							queue = append(queue, caller)
						}
					}
					continue
				}
				below, fault, task = s, s.fault, s.task || e.call.Task
			} else if g, ok := p.gfp[n]; ok && g.param <= len(e.call.Args) {
				arg := e.call.Args[g.param-1]
				if reclaims(arg) {
					below = g.sleepPath
				} else if q := paramIndex(caller.facts.Params, arg); q > 0 {
					if p.gfpThrough(e, q, sleepPath{g.path, composeDrops(e, g.drops), false, false, nil, nil}) {
						queue = append(queue, caller)
					}
					continue
				}
			}
			path := below.path
			if path == nil {
				continue
			}
			if q := e.call.GFPParam; q > 0 && q <= len(caller.facts.Params) {
				// Made only where the caller's flags allow blocking:
				// the caller sleeps as its callers' flags say.
				if p.gfpThrough(e, q, sleepPath{path, composeDrops(e, below.drops), fault, task, nil, nil}) {
					queue = append(queue, caller)
				}
				continue
			}
			if caller.facts.AnyContext {
				// Documented safe in any context: it sleeps only as the
				// GFP flags its callers pass allow (ida_alloc_range()'s
				// "Context: Any context." with GFP_KERNEL), above.
				continue
			}
			// Whether the path is kept does not depend on its notes:
			// they are made for a path kept.
			when, possible := passedOn(below.when, e, caller.facts.Params)
			if !possible {
				continue
			}
			if sp := (sleepPath{nil, composeDrops(e, below.drops), fault, task, when, joinBits(below.bits, p.family(e.call.SetBits))}); p.betterSleep(caller, sp) {
				sp.path = append([]dataflow.Note{p.callNote(e, "")}, path...)
				p.sleeps[caller] = sp
				queue = append(queue, caller)
			}
		}
	}
}

// gfpThrough makes e's caller sleep as its parameter q's GFP flags allow,
// through the call e down the path below, unless it already sleeps one
// way or the other; it reports whether it did (the caller is then to be
// visited).
func (p *Program) gfpThrough(e *edge, q int, below sleepPath) bool {
	caller := e.caller
	if _, seen := p.gfp[caller]; seen || p.sleeps[caller].path != nil {
		return false
	}
	below.path = append([]dataflow.Note{p.callNote(e, "")}, below.path...)
	below.when = e.call.When
	p.gfp[caller] = gfpSleep{q, below}
	return true
}

// betterSleep reports whether sp is a path to keep for n: the first
// found, one that sleeps other than by a fault where the one kept
// faults (a caller with page faults disabled still sleeps through it),
// or one that drops nothing of the caller's context where the one kept
// drops something (rt_mutex_slowlock_block() drops its caller's lock
// around its sleep; rt_mutex_handle_deadlock(), called next to it, does
// not), or one that needs no member's bits where the one kept does. The
// order is one of a few flags (sleepPath.worse): a function is upgraded
// a bounded number of times, so the search ends.
func (p *Program) betterSleep(n *node, sp sleepPath) bool {
	old, ok := p.sleeps[n]
	return !ok || old.worse(sp)
}

// kapiAnyContext reports whether kapi documents n as safe in any
// context (kfree(), printk()): it does not sleep, whatever its callees
// may. A function whose own kernel-doc comment says so
// (FuncFacts.AnyContext: usb_hcd_giveback_urb()) does not sleep either,
// but for the sleeps its callers' GFP flags decide.
func kapiAnyContext(n *node) bool { return n.kapi.AnyContext }

// kapiRawContext reports whether kapi documents n as safe in any context
// on PREEMPT_RT too (acpi_os_read_memory()): it takes no lock that
// sleeps there, whatever its callees may.
func kapiRawContext(n *node) bool { return n.kapi.RawContext }

// defersOnRT reports whether kapi documents the function named as
// deferring, on PREEMPT_RT, what would take a sleeping lock where it is
// called atomic (put_task_struct()).
func defersOnRT(name string) bool {
	e, _ := kapi.Lookup(name)
	return e.DefersOnRT
}

// gfpPrimitive is the GFP argument of n when kapi says it sleeps only as
// its GFP flags allow (an allocator of the program, __alloc_pages()), 0
// otherwise.
func gfpPrimitive(n *node) int {
	e := n.kapi
	if !e.MaySleep || e.GFPArg == 0 || e.GFPArg > len(n.facts.Params) {
		return 0
	}
	return e.GFPArg
}

// allSleep reports whether every function an indirect call may reach
// sleeps. A call through a struct field reaches every function stored in
// that field anywhere in the program (sk->sk_prot->destroy() reaches
// each protocol's destroy); that one of them sleeps does not make the
// call sleep, while their all sleeping does.
func (p *Program) allSleep(e *edge) bool {
	for _, o := range e.caller.out {
		if o.call != e.call {
			continue
		}
		if _, ok := p.sleeps[o.callee]; !ok {
			return false
		}
	}
	return true
}

// composeDrops is what a caller gives up of its own caller's context
// before a sleep down a call: its own drops at the call, and the callee's
// expressed in the caller's terms.
func composeDrops(e *edge, callee dataflow.Drops) dataflow.Drops {
	c := callee
	c.Locks = nil
	for _, k := range callee.Locks {
		c.Locks = append(c.Locks, dropKey(e.callee.facts.Params, k, e.call.Args))
	}
	return e.call.Drops.Then(c)
}

// dropKey is the caller's name for a lock its callee drops: the key
// rewritten onto the call's arguments, or, for one the callee reaches
// from a local of its own, the callee's spelling. Kernel code names a
// lock the same way in the caller and the helper that drops it
// (workqueue.c's rescuer_thread() and process_one_work() both hold
// pool->lock through a local pool; af_packet.c's packet_do_bind() and
// __unregister_prot_hook() po->bind_lock through po = pkt_sk(sk)): a
// caller that holds a lock of that name is the one it drops, and one
// that holds none is not affected.
func dropKey(params []string, key string, args []string) string {
	if k, ok := dataflow.RewriteKey(params, key, args); ok {
		return k
	}
	return key
}

func paramIndex(params []string, arg string) int {
	a := strings.TrimSpace(arg)
	for i, p := range params {
		if p == a {
			return i + 1
		}
	}
	return 0
}

func reclaims(arg string) bool {
	r, known := kapi.GFPReclaims(arg)
	return known && r
}

// bootOnly reports whether call e enters __init code from code that is
// not: the kernel frees init text once it has booted, so the call (one
// modpost accepts only from __ref code, arch/x86/mm/init_64.c
// spp_getpage()'s memblock_alloc() before after_bootmem) is made only
// while booting, which the rules about sleeping leave alone as they do
// early boot. A sleep of the __init code stays its own, and its __init
// callers' (an initcall's).
func bootOnly(e *edge) bool { return e.callee.facts.Init && !e.caller.facts.Init }
