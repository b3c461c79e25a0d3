package interproc

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"sort"
	"sync"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
)

// Queries are the questions one unit's check phase asked its program
// (dataflow.Env), by the names it asked about: with the unit's source and
// headers unchanged, the check's findings change only when the program's
// answers to them do (Answers). A run that kept them with the findings
// checks an unchanged unit again only when a unit it depends on changed
// what it tells this one.
//
// Encoded as JSON; names are sorted, so equal queries encode equally.
type Queries struct {
	Callees []string `json:"callees,omitempty"` // Env.Callee
	Sleeps  []string `json:"sleeps,omitempty"`  // Env.Sleeps
	Entries []string `json:"entries,omitempty"` // Env.Entry, by the function's name
}

// Recorder is an Env that notes the names it is asked about.
type Recorder struct {
	env                      dataflow.Env
	mu                       sync.Mutex
	callees, sleeps, entries map[string]bool
}

// NewRecorder wraps env.
func NewRecorder(env dataflow.Env) *Recorder {
	return &Recorder{env: env, callees: map[string]bool{}, sleeps: map[string]bool{}, entries: map[string]bool{}}
}

func (r *Recorder) note(set map[string]bool, name string) {
	r.mu.Lock()
	set[name] = true
	r.mu.Unlock()
}

// Callee records name and asks the wrapped Env.
func (r *Recorder) Callee(name string) *dataflow.Summary {
	r.note(r.callees, name)
	return r.env.Callee(name)
}

// Entry records the function's name and asks the wrapped Env.
func (r *Recorder) Entry(f *cparse.Func) dataflow.Entry {
	r.note(r.entries, f.Name)
	return r.env.Entry(f)
}

// Sleeps records name and asks the wrapped Env.
func (r *Recorder) Sleeps(call *cparse.APIUse, before *dataflow.State) (dataflow.Note, dataflow.Drops, bool) {
	r.note(r.sleeps, call.Name)
	return r.env.Sleeps(call, before)
}

// LocksOnRT records name (with the sleeps: Answers covers both) and asks
// the wrapped Env.
func (r *Recorder) LocksOnRT(call *cparse.APIUse) (dataflow.Note, bool) {
	r.note(r.sleeps, call.Name)
	return r.env.LocksOnRT(call)
}

// Queries are the names asked about so far.
func (r *Recorder) Queries() Queries {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Queries{Callees: sortedKeys(r.callees), Sleeps: sortedKeys(r.sleeps), Entries: sortedKeys(r.entries)}
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Answers is a digest of everything the program holds that decides its
// answers to the queries of the unit whose Env env is: the summaries of
// the callees, the sleep paths of each function a name resolves to
// (whatever the arguments and state a call passes), the entry contexts.
// ok is false when env is not a program's (a unit on its own).
func Answers(env dataflow.Env, q Queries) (digest string, ok bool) {
	e, ok := env.(unitEnv)
	if !ok {
		return "", false
	}
	h := sha256.New()
	for _, name := range q.Callees {
		writeAnswer(h, "callee", name, e.Callee(name))
	}
	for _, name := range q.Sleeps {
		for _, n := range e.p.resolve(e.unit, name) {
			var s, g, rt *sleepAnswer
			if sp, ok := e.p.sleeps[n]; ok {
				s = newSleepAnswer(sp, 0)
			}
			if gs, ok := e.p.gfp[n]; ok {
				g = newSleepAnswer(gs.sleepPath, gs.param)
			}
			if sp, ok := e.p.rtLocks[n]; ok {
				rt = newSleepAnswer(sp, 0)
			}
			writeAnswer(h, "sleeps", name, struct {
				Sym      Symbol
				Params   []string
				Sleep    *sleepAnswer
				GFPSleep *sleepAnswer
				RTLock   *sleepAnswer
			}{n.sym, n.facts.Params, s, g, rt})
		}
	}
	for _, name := range q.Entries {
		var entry *dataflow.Entry
		if n := e.p.defs[e.unit][name]; n != nil {
			en := e.p.entries[n]
			entry = &en
		}
		writeAnswer(h, "entry", name, entry)
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), true
}

// sleepAnswer is the exported form of a sleep path, for Answers.
type sleepAnswer struct {
	Path  []dataflow.Note
	Drops dataflow.Drops
	Fault bool
	Task  bool
	When  []ParamClass
	Param int // the GFP flags' parameter, for an allocation's path
}

func newSleepAnswer(sp sleepPath, param int) *sleepAnswer {
	return &sleepAnswer{Path: sp.path, Drops: sp.drops, Fault: sp.fault, Task: sp.task, When: sp.when, Param: param}
}

func writeAnswer(h hash.Hash, kind, name string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Not expected of plain data; the digest then never matches a
		// stored one, and the unit is checked again.
		b = []byte(err.Error())
	}
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00", kind, name, len(b))
	h.Write(b)
}
