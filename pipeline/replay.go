package pipeline

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/interproc"
	"github.com/kpreempt/kpreempt/kbuild"
)

// A pre-commit run checks one or a few changed files of a tree whose
// store holds the facts of all the others. Linking them is most of its
// time (decoding a whole tree's facts, then two links), yet an edit
// rarely changes what a function does to its callers' context or what
// it calls: most move code and change nothing the program is made of.
// So each check of a tree unit in its program keeps the program's
// answers to the unit's queries (interproc.Replies) with the digest of
// the program they came from (manifestDigest; the store keeps the
// manifest, which facts each unit had, under it). A later run whose
// program is that one but for edits that moved code (its own units',
// and other units' since: the manifest tells which) summarises its
// units with the replies (interproc.Replay), and when their new facts
// are the old ones with code moved (interproc.Moved), the program is
// the old one with positions moved: the units are checked with the
// replies, moved, and the program is not linked. Anything else, and
// anything the replies do not hold, links the program as before.

// keptReplies are a unit's replies as the store keeps them.
type keptReplies struct {
	Version int `json:"version"`
	// Build is the toolID of the build whose link answered: another
	// build's link may answer otherwise from the same facts (a change
	// to the link, or to kapi, changes no unit's facts).
	Build   string          `json:"build"`
	Program string          `json:"program"` // the manifestDigest they came from
	Replies json.RawMessage `json:"replies"`
}

// repliesVersion names keptReplies' format (with interproc.Version:
// replies from facts of another version come from another program); 2:
// entries say whether a framework releases the function's locks
// (dataflow.Entry.HandsOver), and the replies name the build that made
// them; 3: and whether only where it returned 0
// (dataflow.Entry.HandsOverOnZero).
const repliesVersion = 3

// loadReplies reads a unit's kept replies (checkCache.keepReplies).
func loadReplies(st *interproc.Store, id string) (keptReplies, bool) {
	var kept keptReplies
	return kept, loadCompressed(st, "replies", id, &kept)
}

// saveCompressed keeps v, as gzipped JSON, in the store's blob of a kind
// for key: kept answers and manifests name the same few files and
// functions over and over. false when the store did not take it.
func saveCompressed(st *interproc.Store, kind, key string, v any) bool {
	b, err := json.Marshal(v)
	if err != nil {
		return false
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestSpeed)
	if _, err := w.Write(b); err != nil || w.Close() != nil {
		return false
	}
	return st.SaveBlob(kind, key, z.Bytes()) == nil
}

// loadCompressed reads into v what saveCompressed kept.
func loadCompressed(st *interproc.Store, kind, key string, v any) bool {
	z, err := st.LoadBlob(kind, key)
	if err != nil {
		return false
	}
	r, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return false
	}
	b, err := io.ReadAll(r)
	return err == nil && json.Unmarshal(b, v) == nil
}

// programManifest is the program a tree's store makes: every file of
// the tree by identity with the facts object of its record, "-" without
// one (a run links no facts for it).
func programManifest(t *Targets, records map[string]*interproc.Record, names *namer) map[string]string {
	files, err := t.Tree.Files(nil)
	if err != nil {
		return nil
	}
	m := make(map[string]string, len(files))
	for _, f := range files {
		id := names.name(f)
		m[id] = "-"
		if r := records[id]; r != nil {
			m[id] = r.Object
		}
	}
	return m
}

// manifestDigest identifies a program (programManifest).
func manifestDigest(t *Targets, m map[string]string) string {
	if m == nil {
		return ""
	}
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	h := sha256.New()
	h.Write([]byte(t.Root + "\x00"))
	for _, id := range ids {
		h.Write([]byte(id + "\x00" + m[id] + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// maxManifests bounds the programs whose manifests a store keeps: a
// unit's replies from an older one link once.
const maxManifests = 32

// saveManifest keeps a program's manifest under its digest, for a later
// run to see which units changed since (startReplay), and lets the
// oldest go past maxManifests.
func saveManifest(st *interproc.Store, digest string, m map[string]string) {
	if _, err := st.LoadBlob("programs", digest); err == nil {
		return
	}
	if saveCompressed(st, "programs", digest, m) {
		_ = st.PruneBlobs("programs", maxManifests)
	}
}

// loadManifest reads a manifest saveManifest kept; nil when there is
// none.
func loadManifest(st *interproc.Store, digest string) map[string]string {
	var m map[string]string
	if !loadCompressed(st, "programs", digest, &m) {
		return nil
	}
	return m
}

// replaying are the units of a run answered from their kept replies.
type replaying struct {
	byID   map[string]*replayedUnit
	link   func() *interproc.Program // the program the summarise phase would have had (preSummary)
	draft  func(*kbuild.Unit) bool   // a unit is code being written
	linked atomic.Bool               // set once the summarise phase's program was asked for
	// checks are the check phase's programs (envs).
	checks []*interproc.Replayed
	// program is the digest of the program the replies came from;
	// moves, how the code of the tree's other units moved since.
	program string
	moves   interproc.Moves
}

// asked reports whether the summarise phase linked its program.
func (rp *replaying) asked() bool { return rp.linked.Load() }

// replayed reports whether no phase linked a program.
func (rp *replaying) replayed() bool {
	if rp.asked() {
		return false
	}
	for _, p := range rp.checks {
		if p.Linked() {
			return false
		}
	}
	return true
}

type replayedUnit struct {
	unit    *kbuild.Unit
	before  *interproc.UnitFacts // its facts in the program the replies came from
	replies *interproc.Replies
	prog    *interproc.Replayed // the summarise phase's program
}

// startReplay finds the kept replies of the run's units when their
// program is the one those came from, or differs from it only in units
// whose edits moved code (their facts the same but for positions,
// interproc.Moved): nil when one of the units has none, the units' came
// from different programs, a unit of the rest of the tree changed
// otherwise, or changed since its facts were made (the run reads it
// again, and links). The units to summarise are summarised with them; a
// unit whose facts the store held has the same facts as then. A draft
// unit (code being written, a version of a tree's unit) is answered as
// the tree's unit was when the program enters none of its functions
// otherwise for being a draft (Replies.Uncalled).
func (c *collected) startReplay(t *Targets, units []*kbuild.Unit, draft func(*kbuild.Unit) bool, names *namer, link func() *interproc.Program) *replaying {
	own := map[string]bool{}
	for _, u := range units {
		id := names.name(u.File)
		if own[id] {
			return nil // versions of one file: each is a program of its own
		}
		own[id] = true
	}
	for id, r := range c.records {
		if !own[id] && r.SourceChanged() {
			return nil
		}
	}
	now := programManifest(t, c.records, names)
	digest := manifestDigest(t, now)
	if digest == "" {
		return nil
	}
	rp := &replaying{byID: map[string]*replayedUnit{}, link: link, draft: draft, moves: interproc.Moves{}}
	var then map[string]string
	for _, u := range units {
		id := names.name(u.File)
		kept, ok := loadReplies(c.st, id)
		if !ok || kept.Version != repliesVersion || kept.Build != toolID() || then != nil && kept.Program != rp.program {
			return nil
		}
		if then == nil {
			rp.program = kept.Program
			if then = now; kept.Program != digest {
				if then = loadManifest(c.st, kept.Program); then == nil {
					return nil
				}
			}
		}
		replies := &interproc.Replies{}
		if json.Unmarshal(kept.Replies, replies) != nil || draft(u) && len(replies.Uncalled) > 0 {
			return nil
		}
		// The unit's facts in that program.
		before, err := c.st.Load(&interproc.Record{Object: then[id]})
		if err != nil {
			return nil
		}
		// The digest the unit's calls had in that program: its facts'
		// unless the run that made them stopped settling.
		calleeDigest := before.Callees
		if before.Accepted != nil {
			calleeDigest = *before.Accepted
		}
		ru := &replayedUnit{unit: u, before: before, replies: replies}
		ru.prog = interproc.Replay(id, replies, calleeDigest, func() dataflow.Env {
			rp.linked.Store(true)
			if p := rp.link(); p != nil {
				return p.Env(id)
			}
			return interproc.Link(nil, t.Root, false).Env(id)
		})
		rp.byID[id] = ru
	}
	// The rest of the tree as it is now: units changed since only by
	// moving code move the replies' positions in their files too.
	var changed []string
	for id, obj := range now {
		if !own[id] && then[id] != obj {
			changed = append(changed, id)
		}
	}
	for id := range then {
		if _, ok := now[id]; !ok {
			return nil
		}
	}
	if len(changed) > maxPreSummary {
		return nil
	}
	for _, id := range changed {
		before, err := c.st.Load(&interproc.Record{Object: then[id]})
		if err != nil {
			return nil
		}
		after, err := c.st.Load(&interproc.Record{Object: now[id]})
		if err != nil {
			return nil
		}
		m, ok := interproc.Moved(before, after)
		if !ok || !rp.moves.Add(m) {
			return nil
		}
	}
	return rp
}

// Env and CalleeDigest make the replayed units one program for the
// summarise phase (interproc.Linked).
func (rp *replaying) Env(unit string) dataflow.Env {
	if ru := rp.byID[unit]; ru != nil {
		return ru.prog.Env(unit)
	}
	return nil
}

func (rp *replaying) CalleeDigest(unit string) string {
	if ru := rp.byID[unit]; ru != nil {
		return ru.prog.CalleeDigest(unit)
	}
	return ""
}

// envs are the units' programs for the check phase, when the facts the
// summarise phase made are the old ones with code moved: the replies,
// moved, with the program as it is now linked only for what they do
// not hold (link). ok is false otherwise.
func (rp *replaying) envs(t *Targets, facts []driver.Facts, names *namer, link func(id string) dataflow.Env) (map[*kbuild.Unit]dataflow.Env, bool) {
	moves := rp.moves
	for _, f := range facts {
		ru := rp.byID[names.name(f.Unit.File)]
		if f.Err != nil || f.Facts == nil || ru == nil {
			return nil, false
		}
		m, ok := interproc.Moved(ru.before, f.Facts)
		if !ok || !moves.Add(m) {
			return nil, false
		}
	}
	abs := func(file string) string {
		if filepath.IsAbs(file) || t.Root == "" {
			return file
		}
		return filepath.Join(t.Root, filepath.FromSlash(file))
	}
	envs := map[*kbuild.Unit]dataflow.Env{}
	for id, ru := range rp.byID {
		if !ru.replies.Move(moves, abs) {
			return nil, false
		}
		p := interproc.Replay(id, ru.replies, ru.prog.CalleeDigest(id), func() dataflow.Env { return link(id) })
		rp.checks = append(rp.checks, p)
		envs[ru.unit] = p.Env(id)
	}
	return envs, true
}

// linkOwn links the run's own units, as they are now, with the stored
// facts of the rest of the tree, once, when a unit asks its replayed
// program something its replies do not hold: the units' facts are the
// old ones with code moved, settled as those were.
func (c *collected) linkOwn(opt Options, t *Targets, dopt driver.Options, names *namer) func(id string) dataflow.Env {
	prog := sync.OnceValue(func() *interproc.Program {
		var group []driver.Facts
		own := map[string]bool{}
		for _, f := range c.facts {
			if f.Facts != nil {
				group = append(group, f)
				own[f.Facts.Unit] = true
			}
		}
		if !c.loaded {
			c.others, c.complete = storedFacts(opt, t, c.st, c.records, group, dopt, names)
			c.loaded = true
		}
		units := make([]*interproc.UnitFacts, 0, len(group)+len(c.others))
		for _, f := range group {
			f.Facts.Draft = c.replay.draft(f.Unit)
			units = append(units, f.Facts)
		}
		for _, uf := range c.others {
			if !own[uf.Unit] {
				units = append(units, uf)
			}
		}
		return interproc.LinkFor(units, t.Root, c.complete, own)
	})
	return func(id string) dataflow.Env { return prog().Env(id) }
}

// manifestAfter is the programManifest of the store after a replayed
// run: the records it started from, with its own units' as it made them.
func (rp *replaying) manifestAfter(t *Targets, st *interproc.Store, records map[string]*interproc.Record, names *namer) map[string]string {
	now := make(map[string]*interproc.Record, len(records))
	for id, r := range records {
		now[id] = r
	}
	for id := range rp.byID {
		now[id] = st.Record(id)
	}
	return programManifest(t, now, names)
}
