package interproc

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// Env is the program as one unit's check phase sees it (unit is the
// identity of the unit's file).
func (p *Program) Env(unit string) dataflow.Env { return unitEnv{p, unit} }

type unitEnv struct {
	p    *Program
	unit string
}

// Callee is the summary of the one function a name means from the unit;
// nil when there is none, or several definitions disagree.
func (e unitEnv) Callee(name string) *dataflow.Summary {
	if ref, ok := dataflow.SplitFieldCallee(name); ok {
		return e.p.fieldSummary(ref)
	}
	ns := e.p.resolve(e.unit, name)
	if len(ns) != 1 {
		return nil
	}
	return e.p.summaryOf(ns[0])
}

// fieldSummary is what the one function a complete program stores in a
// struct field releases of its caller's locks, for a call through the
// field (block/bdev.c bdev_mark_dead(): bdev->bd_holder_ops->mark_dead(),
// which only fs_bdev_mark_dead() implements, releases the bd_holder_lock
// its caller took); nil when the program may store others, the field is
// a table dispatched by index, or the function releases nothing. What it
// takes is left out: a framework's operations come in pairs (.begin and
// .end, ->lock and ->unlock), and a caller that returns holding what
// one took is the framework's design, the pair's to release
// (kernel/power/suspend.c platform_suspend_begin() and
// acpi_s2idle_begin()'s acpi_scan_lock).
func (p *Program) fieldSummary(ref cparse.FieldRef) *dataflow.Summary {
	ns := p.implements[fieldKey{ref.Tag, ref.Field}]
	if !p.Complete || len(ns) != 1 || kapi.DispatchedByIndex(ref.Tag, ref.Field) {
		return nil
	}
	sum := p.summaryOf(ns[0])
	if sum == nil || len(sum.Releases) == 0 && len(sum.MayReleases) == 0 {
		return nil
	}
	return &dataflow.Summary{Params: sum.Params, Releases: sum.Releases, MayReleases: sum.MayReleases}
}

// Entry is what the program knows of how one of the unit's functions is
// entered.
func (e unitEnv) Entry(f *cparse.Func) dataflow.Entry {
	if n := e.p.defs[e.unit][f.Name]; n != nil {
		return e.p.entries[n]
	}
	return dataflow.Entry{}
}

// Sleeps reports whether a call may sleep, and the path down to the
// sleeping primitive (the primitive's note, with the calls before it in
// Via), with the caller's locks the callee drops first.
func (e unitEnv) Sleeps(call *cparse.APIUse, before *dataflow.State, clear []dataflow.MemberMask) (dataflow.Note, dataflow.Drops, bool) {
	for _, n := range e.p.resolve(e.unit, call.Name) {
		s, ok := e.p.sleeps[n]
		g, gok := e.p.gfp[n]
		if note, drops, sleeps := sleepsThrough(call, before, clear, n.facts, s, ok, g, gok); sleeps {
			return note, drops, true
		}
	}
	return dataflow.Note{}, dataflow.Drops{}, false
}

// sleepsThrough decides whether a call sleeps through one function it
// may reach, whose facts are f: its sleep path s when ok, and the path
// it sleeps on only as its GFP flags allow, g when gok. clear are the
// member bits the caller found clear before the call.
func sleepsThrough(call *cparse.APIUse, before *dataflow.State, clear []dataflow.MemberMask, f *FuncFacts, s sleepPath, ok bool, g gfpSleep, gok bool) (dataflow.Note, dataflow.Drops, bool) {
	args := call.Args
	if ok && (s.fault && before.FaultsDisabled() || s.task && before.InInterrupt() || contradicted(s.bits, memberMasks(clear)) ||
		!allows(s.when, &Call{Args: args, Values: dataflow.ArgValuesAt(args, call.Values, before), Kinds: argKindsAt(args, before)}) ||
		!membersAllow(s.when, args, before)) {
		return dataflow.Note{}, dataflow.Drops{}, false
	}
	if g := f.GFPFlags; ok && g > 0 && g <= len(args) && !reclaims(args[g-1]) {
		return dataflow.Note{}, dataflow.Drops{}, false // it sleeps only as the GFP flags it is given allow
	}
	if !ok {
		if !gok || g.param > len(args) || !reclaims(args[g.param-1]) {
			return dataflow.Note{}, dataflow.Drops{}, false
		}
		s = g.sleepPath
	}
	return witness(s.path).note(), callerDrops(f.Params, s.drops, args), true
}

// membersAllow reports whether what the caller knows before a call of
// the members of the objects it passes (a member it set to NULL:
// drivers/md/md-bitmap.c __bitmap_resize() clears
// bitmap->storage.file before md_bitmap_file_unmap(&bitmap->storage),
// which reaches invalidate_mapping_pages() only for a file) may meet the
// conditions a path is taken under on members of the callee's
// parameters' objects (ParamClass.Path, without a mask).
func membersAllow(when []ParamClass, args []string, before *dataflow.State) bool {
	if before == nil {
		return true
	}
	for _, w := range when {
		if w.Path == "" || w.Mask != 0 || w.Param < 1 || w.Param > len(args) {
			continue
		}
		if key := argMember(args[w.Param-1], w.Path); key != "" {
			if c, ok := before.Values.Of(key); ok && c&w.Class == 0 {
				return false
			}
		}
	}
	return true
}

// argMember is the location of the member path (->file) of the object an
// argument points to, in the caller's terms: p->file for p,
// bitmap->storage.file for &bitmap->storage; "" for an argument that is
// no location.
func argMember(arg, path string) string {
	arg = strings.TrimSpace(arg)
	member, ok := strings.CutPrefix(path, "->")
	if !ok {
		return ""
	}
	if obj, addr := strings.CutPrefix(arg, "&"); addr && !strings.HasPrefix(obj, "&") {
		if k := cparse.LockKey(obj); cparse.ParsePath(k).Base != "" {
			return k + "." + member
		}
		return ""
	}
	if k := cparse.LockKey(arg); cparse.ParsePath(k).Base != "" {
		return k + path
	}
	return ""
}

// callerDrops are a callee's drops as its caller names them.
func callerDrops(params []string, d dataflow.Drops, args []string) dataflow.Drops {
	drops := d
	drops.Locks = nil
	for _, k := range d.Locks {
		drops.Locks = append(drops.Locks, dropKey(params, k, args))
	}
	return drops
}

// LocksOnRT reports whether a call takes a lock that sleeps on
// PREEMPT_RT, with the path down to it.
func (e unitEnv) LocksOnRT(call *cparse.APIUse, before *dataflow.State) (dataflow.Note, dataflow.Drops, bool) {
	for _, n := range e.p.resolve(e.unit, call.Name) {
		if s, ok := e.p.rtLocks[n]; ok && allows(s.when, &Call{Args: call.Args, Values: call.Values}) && membersAllow(s.when, call.Args, before) {
			return witness(s.path).note(), callerDrops(n.facts.Params, s.drops, call.Args), true
		}
	}
	return dataflow.Note{}, dataflow.Drops{}, false
}

// NeverSet reports whether no object of the program has the member's
// bits (Program.neverSet).
func (e unitEnv) NeverSet(m dataflow.MemberMask) bool {
	return e.p.neverSet([]MemberMask{memberMaskOf(m)})
}

// EntryOf is the entry context the program gives a function, for tests
// and tools.
func (p *Program) EntryOf(sym Symbol) (dataflow.Entry, bool) {
	n := p.bySym[sym]
	if n == nil {
		return dataflow.Entry{}, false
	}
	return p.entries[n], true
}

// SleepsOf reports whether a function may sleep, with the path down to
// the primitive.
func (p *Program) SleepsOf(sym Symbol) ([]dataflow.Note, bool) {
	n := p.bySym[sym]
	if n == nil {
		return nil, false
	}
	s, ok := p.sleeps[n]
	return s.path, ok
}

// CalleeDigest identifies the summaries of other units' functions that
// the summarise phase of a unit applies in this program (calleeSummary)
// of the functions its functions call by name. "" when there are none,
// as for facts made from the unit alone.
func (p *Program) CalleeDigest(unit string) string {
	uf := p.units[unit]
	if uf == nil {
		return ""
	}
	env := unitEnv{p, unit}
	used := map[string]*dataflow.Summary{}
	for i := range uf.Funcs {
		for _, c := range uf.Funcs[i].Calls {
			if c.Callee == "" || p.defs[unit][c.Callee] != nil {
				continue
			}
			if _, seen := used[c.Callee]; seen {
				continue
			}
			used[c.Callee] = env.Callee(c.Callee)
		}
	}
	// The summaries applied, and the functions summarised with nothing
	// to apply (calleeEnv), which are no unknown code: with none of the
	// first, the unit's facts are those made from the unit alone.
	var names, none []string
	for name, sum := range used {
		if calleeSummary(sum) != nil {
			names = append(names, name)
		} else if sum != nil {
			none = append(none, name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	sort.Strings(none)
	h := sha256.New()
	for _, name := range names {
		b, _ := json.Marshal(calleeSummary(used[name]))
		fmt.Fprintf(h, "%s\x00%s\x00", name, b)
	}
	fmt.Fprintf(h, "\x01%s", strings.Join(none, "\x00"))
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// Unsettled lists, in order, the units whose facts were made with other
// summaries of the functions they call in other units than the program
// now has, and were not accepted for it (UnitFacts.Accepted): summarised
// again with the program's (SummarizeIn), the calls they make after such
// a call, and their own summaries, may change. Only the units among are
// asked about.
func (p *Program) Unsettled(among map[string]bool) []string {
	var out []string
	for _, u := range p.sortedUnits() {
		if !among[u.Unit] {
			continue // a digest costs a walk of the unit's calls
		}
		if d := p.CalleeDigest(u.Unit); d != u.Callees && (u.Accepted == nil || d != *u.Accepted) {
			out = append(out, u.Unit)
		}
	}
	return out
}

// Accept marks the facts of the named units as accepted in this program
// as they are (UnitFacts.Accepted): a run stops settling after a bound
// on its rounds, and a later run over the same program must not take up
// the rounds it left. The facts are copied, not changed in place; the
// copies are returned in the order of units, for the caller to store.
func (p *Program) Accept(units []string) []*UnitFacts {
	var out []*UnitFacts
	for _, unit := range units {
		uf := p.units[unit]
		if uf == nil {
			continue
		}
		c := *uf
		d := p.CalleeDigest(unit)
		c.Accepted = &d
		p.units[unit] = &c
		out = append(out, &c)
	}
	return out
}

// Shed drops what only linking needs, once the program is final: the
// calls of every function, the graph's edges and the units' facts.
// Through the check phase a whole tree's program held them all, most of
// the live heap the collector marked again in each of its cycles. The
// shed program answers its Envs, EntryOf and SleepsOf as before, and
// nothing else; the facts it was linked from are left as they were.
func (p *Program) Shed() {
	for _, n := range p.funcs {
		f := *n.facts
		f.Calls, f.Sleeps, f.RTLocks, f.ParamRoots = nil, nil, nil, nil
		n.facts = &f
		n.in, n.out, n.roots = nil, nil, nil
	}
	// The members' bits stay: the check phase's branches ask (NeverSet);
	// and the fields one function implements (fieldSummary).
	p.units, p.set, p.callers, p.callees = nil, nil, nil, nil
	for k, ns := range p.implements {
		if len(ns) != 1 {
			delete(p.implements, k)
		}
	}
}

// calleeEnv is the program as the summarise phase of one unit sees it:
// what other units' functions do to their callers (calleeSummary), and
// nothing else, so that what it makes depends on CalleeDigest alone.
type calleeEnv struct{ env dataflow.Env }

func (e calleeEnv) Callee(name string) *dataflow.Summary {
	if _, field := dataflow.SplitFieldCallee(name); field {
		// What a struct field's function does is the link's to know
		// once every unit is summarised, not a question for the
		// rounds that settle the summaries.
		return nil
	}
	sum := e.env.Callee(name)
	if c := calleeSummary(sum); c != nil || sum == nil {
		return c
	}
	// Summarised, with nothing the phase applies: a call of it is no
	// unknown code that may release the caller's locks of what it is
	// passed. kernel/sched/core.c dequeue_task() passes rq to its sched
	// class only; taken for unknown, it dropped the p->pi_lock
	// __sched_setscheduler() holds from task_rq_lock(p, &rf).
	return &dataflow.Summary{Params: sum.Params}
}

// calleeSummary is what the summarise phase of another unit applies of a
// function's summary: its effects on the caller's context (locks, preempt
// count, the value it returns), nil when it has none. The objects the
// function passes to code no unit shows (Summary.Unseen) are left out:
// they only let a caller drop locks it holds through summaries, and they
// change from round to round while the program settles.
func calleeSummary(sum *dataflow.Summary) *dataflow.Summary {
	if sum == nil {
		return nil
	}
	c := *sum
	c.Unseen = nil
	if c.Empty() {
		return nil
	}
	return &c
}

func (calleeEnv) Entry(*cparse.Func) dataflow.Entry { return dataflow.Entry{} }

func (calleeEnv) Sleeps(*cparse.APIUse, *dataflow.State, []dataflow.MemberMask) (dataflow.Note, dataflow.Drops, bool) {
	return dataflow.Note{}, dataflow.Drops{}, false
}

func (calleeEnv) LocksOnRT(*cparse.APIUse, *dataflow.State) (dataflow.Note, dataflow.Drops, bool) {
	return dataflow.Note{}, dataflow.Drops{}, false
}

// NeverSet is false: what the program stores in members is the link's
// to apply (Call.SetBits), not a summary's.
func (calleeEnv) NeverSet(dataflow.MemberMask) bool { return false }
