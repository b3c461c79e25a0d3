package interproc

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sync"
	"sync/atomic"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
)

// Replies are the answers a linked program gave one unit's queries: the
// summaries of its callees, what each function a called name may reach
// does about sleeping, the entry contexts of its functions. A store
// keeps them beside the unit's check results; a later run over the unit
// in the same program, its code moved by an edit but its facts
// otherwise the same, answers from them (Replay) instead of loading and
// linking the rest of the tree, a pre-commit run's largest cost.
//
// Encoded as JSON with sorted keys: equal replies encode equally, and
// their digest (Digest) is what a kept check result is valid for.
type Replies struct {
	Callees map[string]*dataflow.Summary `json:"callees,omitempty"`
	Sleeps  map[string][]Reachable       `json:"sleeps,omitempty"`
	Entries map[string]*dataflow.Entry   `json:"entries,omitempty"` // nil: not one of the program's
	// Members are Env.NeverSet's answers, by memberKey.
	Members map[string]bool `json:"members,omitempty"`
	// Uncalled are the unit's functions whose entry the program would
	// make otherwise were the unit code being written (UnitFacts.Draft):
	// replies with none answer for the unit's draft too.
	Uncalled []string `json:"uncalled,omitempty"`
}

// Reachable is what the program knows of one function a called name may
// reach: whether a call sleeps through it (Env.Sleeps), or takes a lock
// there that sleeps on PREEMPT_RT (Env.LocksOnRT).
type Reachable struct {
	Sym      Symbol       `json:"sym"`
	Params   []string     `json:"params,omitempty"`
	GFPFlags int          `json:"gfp_flags,omitempty"`
	Sleep    *sleepAnswer `json:"sleep,omitempty"`
	GFPSleep *sleepAnswer `json:"gfp_sleep,omitempty"`
	RTLock   *sleepAnswer `json:"rt_lock,omitempty"`
}

// sleepAnswer is the exported form of a sleep path.
type sleepAnswer struct {
	Path  []dataflow.Note `json:"path"`
	Drops dataflow.Drops  `json:"drops,omitzero"`
	Fault bool            `json:"fault,omitempty"`
	Task  bool            `json:"task,omitempty"`
	When  []ParamClass    `json:"when,omitempty"`
	Param int             `json:"param,omitempty"` // the GFP flags' parameter, for an allocation's path
	Bits  []MemberMask    `json:"bits,omitempty"`
}

func newSleepAnswer(sp sleepPath, param int) *sleepAnswer {
	return &sleepAnswer{Path: sp.path, Drops: sp.drops, Fault: sp.fault, Task: sp.task, When: sp.when, Param: param, Bits: sp.bits}
}

func (a *sleepAnswer) sleepPath() (sleepPath, bool) {
	if a == nil {
		return sleepPath{}, false
	}
	return sleepPath{path: a.Path, drops: a.Drops, fault: a.Fault, task: a.Task, when: a.When, bits: a.Bits}, true
}

// replier is an Env that can say what it answers to queries.
type replier interface {
	replies(q Queries) *Replies
}

// RepliesOf are env's answers to the queries; ok is false when env is
// not a program's (a unit on its own).
func RepliesOf(env dataflow.Env, q Queries) (r *Replies, ok bool) {
	e, ok := env.(replier)
	if !ok {
		return nil, false
	}
	return e.replies(q), true
}

func (e unitEnv) replies(q Queries) *Replies {
	r := &Replies{Uncalled: e.p.uncalled[e.unit]}
	for _, name := range q.Callees {
		if r.Callees == nil {
			r.Callees = map[string]*dataflow.Summary{}
		}
		r.Callees[name] = e.Callee(name)
	}
	for _, name := range q.Sleeps {
		if r.Sleeps == nil {
			r.Sleeps = map[string][]Reachable{}
		}
		ns := []Reachable{}
		for _, n := range e.p.resolve(e.unit, name) {
			a := Reachable{Sym: n.sym, Params: n.facts.Params, GFPFlags: n.facts.GFPFlags}
			if sp, ok := e.p.sleeps[n]; ok {
				a.Sleep = newSleepAnswer(sp, 0)
			}
			if gs, ok := e.p.gfp[n]; ok {
				a.GFPSleep = newSleepAnswer(gs.sleepPath, gs.param)
			}
			if sp, ok := e.p.rtLocks[n]; ok {
				a.RTLock = newSleepAnswer(sp, 0)
			}
			ns = append(ns, a)
		}
		r.Sleeps[name] = ns
	}
	for _, m := range q.Members {
		if r.Members == nil {
			r.Members = map[string]bool{}
		}
		r.Members[memberKey(m)] = e.p.neverSet([]MemberMask{m})
	}
	for _, name := range q.Entries {
		if r.Entries == nil {
			r.Entries = map[string]*dataflow.Entry{}
		}
		var entry *dataflow.Entry
		if n := e.p.defs[e.unit][name]; n != nil {
			en := e.p.entries[n]
			entry = &en
		}
		r.Entries[name] = entry
	}
	return r
}

// Encode writes the replies as JSON, with their digest: equal replies,
// equal digests.
func (r *Replies) Encode() (data []byte, digest string) {
	b, err := json.Marshal(r)
	if err != nil {
		// Not expected of plain data; the digest then never matches a
		// stored one, and the unit is checked again.
		return nil, "unencodable: " + err.Error()
	}
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:16])
}

// Replay is a program that answers one unit from the replies an earlier
// run kept of its program (calleeDigest is the unit's
// UnitFacts.Callees in that program), and links the program only when
// asked something they do not hold (link: the program as it is now,
// asked once). Replayed and linked answers agree where the run has made
// sure the program is the one the replies came from, its units' code
// moved by their edits (Moved, Replies.Move).
func Replay(unit string, r *Replies, calleeDigest string, link func() dataflow.Env) *Replayed {
	return &Replayed{unit: unit, r: r, calleeDigest: calleeDigest, link: sync.OnceValue(link)}
}

// Replayed is a replayed program (Replay), for one unit.
type Replayed struct {
	unit         string
	r            *Replies
	calleeDigest string
	link         func() dataflow.Env
	linked       atomic.Bool
}

// Env is the replayed program as its unit sees it; nil for another
// unit.
func (p *Replayed) Env(unit string) dataflow.Env {
	if unit != p.unit {
		return nil
	}
	return replayEnv{p}
}

// CalleeDigest is the unit's in the program the replies came from.
func (p *Replayed) CalleeDigest(string) string { return p.calleeDigest }

// Linked reports whether the program had to be linked: the unit asked
// something its replies did not hold.
func (p *Replayed) Linked() bool { return p.linked.Load() }

func (p *Replayed) linkedEnv() dataflow.Env {
	p.linked.Store(true)
	return p.link()
}

type replayEnv struct{ p *Replayed }

func (e replayEnv) Callee(name string) *dataflow.Summary {
	if s, ok := e.p.r.Callees[name]; ok {
		return s
	}
	return e.p.linkedEnv().Callee(name)
}

func (e replayEnv) Entry(f *cparse.Func) dataflow.Entry {
	if en, ok := e.p.r.Entries[f.Name]; ok {
		if en == nil {
			return dataflow.Entry{}
		}
		return *en
	}
	return e.p.linkedEnv().Entry(f)
}

func (e replayEnv) Sleeps(call *cparse.APIUse, before *dataflow.State, clear []dataflow.MemberMask) (dataflow.Note, dataflow.Drops, bool) {
	ns, ok := e.p.r.Sleeps[call.Name]
	if !ok {
		return e.p.linkedEnv().Sleeps(call, before, clear)
	}
	for i := range ns {
		n := &ns[i]
		s, sok := n.Sleep.sleepPath()
		var g gfpSleep
		gp, gok := n.GFPSleep.sleepPath()
		if gok {
			g = gfpSleep{param: n.GFPSleep.Param, sleepPath: gp}
		}
		f := &FuncFacts{Params: n.Params, GFPFlags: n.GFPFlags}
		if note, drops, sleeps := sleepsThrough(call, before, clear, f, s, sok, g, gok); sleeps {
			return note, drops, true
		}
	}
	return dataflow.Note{}, dataflow.Drops{}, false
}

func (e replayEnv) LocksOnRT(call *cparse.APIUse, before *dataflow.State) (dataflow.Note, dataflow.Drops, bool) {
	ns, ok := e.p.r.Sleeps[call.Name]
	if !ok {
		return e.p.linkedEnv().LocksOnRT(call, before)
	}
	for _, n := range ns {
		if s, ok := n.RTLock.sleepPath(); ok && allows(s.when, &Call{Args: call.Args, Values: call.Values}) && membersAllow(s.when, call.Args, before) {
			return witness(s.path).note(), callerDrops(n.Params, s.drops, call.Args), true
		}
	}
	return dataflow.Note{}, dataflow.Drops{}, false
}

func (e replayEnv) NeverSet(m dataflow.MemberMask) bool {
	if never, ok := e.p.r.Members[memberKey(memberMaskOf(m))]; ok {
		return never
	}
	return e.p.linkedEnv().NeverSet(m)
}

// replies answers from the replies, and what they do not hold from the
// program linked.
func (e replayEnv) replies(q Queries) *Replies {
	r := &Replies{Uncalled: e.p.r.Uncalled}
	var missing Queries
	missing.Callees = held(q.Callees, e.p.r.Callees, &r.Callees)
	missing.Sleeps = held(q.Sleeps, e.p.r.Sleeps, &r.Sleeps)
	missing.Entries = held(q.Entries, e.p.r.Entries, &r.Entries)
	for _, m := range q.Members {
		never, ok := e.p.r.Members[memberKey(m)]
		if !ok {
			missing.Members = append(missing.Members, m)
			continue
		}
		if r.Members == nil {
			r.Members = map[string]bool{}
		}
		r.Members[memberKey(m)] = never
	}
	if len(missing.Callees)+len(missing.Sleeps)+len(missing.Entries)+len(missing.Members) == 0 {
		return r
	}
	linked, ok := RepliesOf(e.p.linkedEnv(), missing)
	if !ok {
		return r
	}
	merge(&r.Callees, linked.Callees)
	merge(&r.Sleeps, linked.Sleeps)
	merge(&r.Entries, linked.Entries)
	merge(&r.Members, linked.Members)
	return r
}

// held puts the answers from holds to the names into out, and returns
// the names it has none for.
func held[V any](names []string, from map[string]V, out *map[string]V) (missing []string) {
	for _, name := range names {
		v, ok := from[name]
		if !ok {
			missing = append(missing, name)
			continue
		}
		if *out == nil {
			*out = map[string]V{}
		}
		(*out)[name] = v
	}
	return missing
}

func merge[V any](dst *map[string]V, src map[string]V) {
	for k, v := range src {
		if *dst == nil {
			*dst = map[string]V{}
		}
		(*dst)[k] = v
	}
}
