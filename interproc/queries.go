package interproc

import (
	"fmt"
	"slices"
	"strings"
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
	Callees []string     `json:"callees,omitempty"` // Env.Callee
	Sleeps  []string     `json:"sleeps,omitempty"`  // Env.Sleeps
	Entries []string     `json:"entries,omitempty"` // Env.Entry, by the function's name
	Members []MemberMask `json:"members,omitempty"` // Env.NeverSet (since facts version 60)
}

// memberKey names a member's bits in Replies.
func memberKey(m MemberMask) string {
	k := fmt.Sprintf("%s.%s&%#x", m.Tag, m.Field, m.Mask)
	if m.Pointer {
		k += "*"
	}
	return k
}

func memberMaskOf(m dataflow.MemberMask) MemberMask {
	return MemberMask{Tag: m.Tag, Field: m.Field, Mask: m.Mask, Pointer: m.Pointer}
}

// Recorder is an Env that notes the names it is asked about.
type Recorder struct {
	env                      dataflow.Env
	mu                       sync.Mutex
	callees, sleeps, entries map[string]bool
	members                  map[MemberMask]bool
}

// NewRecorder wraps env.
func NewRecorder(env dataflow.Env) *Recorder {
	return &Recorder{env: env, callees: map[string]bool{}, sleeps: map[string]bool{}, entries: map[string]bool{}, members: map[MemberMask]bool{}}
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
func (r *Recorder) Sleeps(call *cparse.APIUse, before *dataflow.State, clear []dataflow.MemberMask) (dataflow.Note, dataflow.Drops, bool) {
	r.note(r.sleeps, call.Name)
	return r.env.Sleeps(call, before, clear)
}

// LocksOnRT records name (with the sleeps: Answers covers both) and asks
// the wrapped Env.
func (r *Recorder) LocksOnRT(call *cparse.APIUse, before *dataflow.State) (dataflow.Note, dataflow.Drops, bool) {
	r.note(r.sleeps, call.Name)
	return r.env.LocksOnRT(call, before)
}

// NeverSet records the member and asks the wrapped Env.
func (r *Recorder) NeverSet(m dataflow.MemberMask) bool {
	r.mu.Lock()
	r.members[memberMaskOf(m)] = true
	r.mu.Unlock()
	return r.env.NeverSet(m)
}

// Queries are the names asked about so far.
func (r *Recorder) Queries() Queries {
	r.mu.Lock()
	defer r.mu.Unlock()
	return Queries{Callees: sortedKeys(r.callees), Sleeps: sortedKeys(r.sleeps), Entries: sortedKeys(r.entries), Members: sortedMembers(r.members)}
}

func sortedMembers(m map[MemberMask]bool) []MemberMask {
	return sortedBy(m, func(a, b MemberMask) int { return strings.Compare(memberKey(a), memberKey(b)) })
}

func sortedKeys(m map[string]bool) []string { return sortedBy(m, strings.Compare) }

// sortedBy are the keys of m in the order compare gives, nil for none.
func sortedBy[K comparable](m map[K]bool, compare func(a, b K) int) []K {
	if len(m) == 0 {
		return nil
	}
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, compare)
	return out
}

// Answers is a digest of everything the program holds that decides its
// answers to the queries of the unit whose Env env is: the summaries of
// the callees, the sleep paths of each function a name resolves to
// (whatever the arguments and state a call passes), the entry contexts
// (RepliesOf). ok is false when env is not a program's (a unit on its
// own).
func Answers(env dataflow.Env, q Queries) (digest string, ok bool) {
	r, ok := RepliesOf(env, q)
	if !ok {
		return "", false
	}
	_, digest = r.Encode()
	return digest, true
}
