package pipeline

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/interproc"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/rules"
)

// checkEntry is a unit's check phase as a run made it, kept in the facts
// store beside the unit's facts, so that a later run over an unchanged
// unit in an unchanged program takes its findings without reading it
// again. It is valid while the unit's key (tool, flags, source) and the
// files its preprocessing read are the same, the same rules run, and the
// program answers the unit's queries as it did (interproc.Answers):
// editing one file rechecks it and the units whose entry contexts,
// callees' summaries or sleep paths it changed, and nothing else.
type checkEntry struct {
	Version int               `json:"version"`
	Rules   string            `json:"rules"`
	Key     string            `json:"key"`
	Deps    string            `json:"deps"` // interproc.DepsID of the files read
	Queries interproc.Queries `json:"queries"`
	Answers string            `json:"answers"` // interproc.Replies.Encode's digest
	// Program is the manifestDigest the unit's kept replies came from
	// (keptReplies), "" when none were kept.
	Program   string             `json:"program,omitempty"`
	Functions int                `json:"functions"`
	Diags     []rules.Diagnostic `json:"diags"`
}

// checkEntryVersion names checkEntry's format.
const checkEntryVersion = 3 // 2: diagnostics carry their model; 3: answers digest the replies

// checkCache finds and keeps the check phase's results of a run's tree
// units in the store.
type checkCache struct {
	st    *interproc.Store
	rules string
	keys  map[*kbuild.Unit]string // units from disk: their key
	deps  map[*kbuild.Unit]string // and the files they read, fresh
	names *namer
	// program is the manifestDigest of the run's program, "" when the
	// replies are not to be kept (a run whose facts the store did not
	// all take).
	program string

	mu        sync.Mutex
	recorders map[*kbuild.Unit]*interproc.Recorder
}

// newCheckCache is nil without a store.
func newCheckCache(st *interproc.Store, rs []*rules.Rule, keys map[*kbuild.Unit]string, deps map[*kbuild.Unit]string, names *namer) *checkCache {
	if st == nil {
		return nil
	}
	ids := make([]string, 0, len(rs)+1)
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	// The reduced and the whole unit give the same findings (the
	// differential tests say so); the cache does not take that on trust.
	if cparse.WholeUnits {
		ids = append(ids, "whole-units")
	}
	return &checkCache{st: st, rules: strings.Join(ids, ","), keys: keys, deps: deps, names: names, recorders: map[*kbuild.Unit]*interproc.Recorder{}}
}

// lookup returns the unit's stored result when it is still valid in env.
func (c *checkCache) lookup(u *kbuild.Unit, env dataflow.Env) (driver.Result, bool) {
	if c == nil || c.keys[u] == "" || env == nil {
		return driver.Result{}, false
	}
	key := c.keys[u]
	b, err := c.st.LoadBlob("checks", c.names.name(u.File))
	if err != nil {
		return driver.Result{}, false
	}
	var e checkEntry
	// The files the unit read are as they were when the entry was made:
	// its list then is the list of the files as they are now.
	if json.Unmarshal(b, &e) != nil || e.Version != checkEntryVersion || e.Rules != c.rules || e.Key != key || e.Deps != c.deps[u] {
		return driver.Result{}, false
	}
	r, ok := interproc.RepliesOf(env, e.Queries)
	if !ok {
		return driver.Result{}, false
	}
	replies, answers := r.Encode()
	if answers != e.Answers {
		return driver.Result{}, false
	}
	if c.program != "" && e.Program != c.program && c.keepReplies(u, replies) {
		// The same answers from another program: they are kept for it.
		e.Program = c.program
		if b, err := json.Marshal(e); err == nil {
			_ = c.st.SaveBlob("checks", c.names.name(u.File), b)
		}
	}
	return driver.Result{Unit: u, Diags: e.Diags, Functions: e.Functions}, true
}

// env is the unit's Env for its check phase: one that records the
// queries when the result can be kept.
func (c *checkCache) env(u *kbuild.Unit, env dataflow.Env) dataflow.Env {
	if c == nil || c.keys[u] == "" || env == nil {
		return env
	}
	rec := interproc.NewRecorder(env)
	c.mu.Lock()
	c.recorders[u] = rec
	c.mu.Unlock()
	return rec
}

// save keeps a unit's result; a store that cannot take it is left as it
// is.
func (c *checkCache) save(res driver.Result, env dataflow.Env) {
	if c == nil || res.Err != nil {
		return
	}
	c.mu.Lock()
	rec := c.recorders[res.Unit]
	c.mu.Unlock()
	if rec == nil {
		return
	}
	q := rec.Queries()
	r, ok := interproc.RepliesOf(env, q)
	if !ok {
		return
	}
	replies, answers := r.Encode()
	e := checkEntry{
		Version: checkEntryVersion, Rules: c.rules, Key: c.keys[res.Unit],
		Deps:    c.deps[res.Unit],
		Queries: q, Answers: answers, Functions: res.Functions, Diags: res.Diags,
	}
	if c.program != "" && c.keepReplies(res.Unit, replies) {
		e.Program = c.program
	}
	if e.Diags == nil {
		e.Diags = []rules.Diagnostic{}
	}
	if b, err := json.Marshal(e); err == nil {
		_ = c.st.SaveBlob("checks", c.names.name(res.Unit.File), b)
	}
}

// keepReplies keeps a unit's replies for the run's program (keptReplies,
// compressed); false when the store did not take them.
func (c *checkCache) keepReplies(u *kbuild.Unit, replies []byte) bool {
	return replies != nil && saveCompressed(c.st, "replies", c.names.name(u.File), keptReplies{Version: repliesVersion, Build: toolID(), Program: c.program, Replies: replies})
}
