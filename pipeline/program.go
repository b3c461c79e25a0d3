package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/sourcegraph/conc/iter"

	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/internal/stage"
	"github.com/kpreempt/kpreempt/interproc"
	"github.com/kpreempt/kpreempt/kbuild"
)

// Version is the tool's version as reports name it; the command sets it
// from its own.
var Version = "dev"

// toolID names the analysis that made a unit's facts in the facts keys:
// the version and the commit of a build from a clean checkout, else a
// digest of the running executable. A build with the same version string
// (every development build is "dev") and another kapi table or analysis
// makes other facts, and must not read these.
var toolID = sync.OnceValue(func() string {
	id := Version
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" && modified == "false" {
			return id + " " + rev
		}
	}
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				id += " " + hex.EncodeToString(h.Sum(nil)[:12])
			}
			f.Close()
		}
	}
	return id
})

// The summarise and link phases: collectFacts runs the summarise phase
// on the units; programs groups them into programs, linked: the units of a kernel tree form one program, with
// the facts its store holds of the tree's other units; outside a tree,
// the files of one directory do (a standalone file alone is a program of
// its own). Versions of one file (the patches of a series, a file before
// and after a change) never share a program: each is linked with the
// others in a program of its own. It returns each unit's environment,
// and the units whose summarise phase failed.
// collected is what the summarise phase found and made.
type collected struct {
	st      *interproc.Store
	records map[string]*interproc.Record
	facts   []driver.Facts
	// keys are the keys of the units read from disk in a tree with a
	// store, deps the IDs of the lists of files their preprocessing read
	// (interproc.DepsID), as they are: what the check phase's kept
	// results depend on besides the program.
	keys map[*kbuild.Unit]string
	deps map[*kbuild.Unit]string
	// summarised counts the units read for their facts; the others'
	// came from the store.
	summarised int
	// others, when loaded, are the stored facts of the tree's other
	// units, which a few changed units were summarised with (see
	// preSummary); complete says they are the whole program's.
	others   []*interproc.UnitFacts
	loaded   bool
	complete bool
	// replay, when set, are the units summarised with the replies kept
	// of their program (startReplay).
	replay *replaying
	// storeFailed says the store did not take facts the run made: it
	// holds another program than the run's.
	storeFailed atomic.Bool
}

// collectFacts is the summarise phase: each unit's facts, read from the
// store when its record is fresh, else made and stored.
func collectFacts(opt Options, t *Targets, units []*kbuild.Unit, dopt driver.Options, names *namer) *collected {
	byUnit := map[*kbuild.Unit]*Target{}
	for i := range t.Items {
		byUnit[t.Items[i].Unit] = &t.Items[i]
	}
	st := openStore(opt, t)
	var records map[string]*interproc.Record
	if st != nil {
		records, _ = st.Records()
	}
	// Units whose stored facts still describe them are not read again.
	facts := make([]driver.Facts, len(units))
	keys := make([]string, len(units))
	c := &collected{st: st, records: records, keys: map[*kbuild.Unit]string{}, deps: map[*kbuild.Unit]string{}}
	// Reading a record's list of files, checking each, and decoding the
	// facts is done by every job: a whole tree's are seconds of work.
	type stored struct {
		facts *interproc.UnitFacts
		fresh *interproc.Record
	}
	m := iter.Mapper[int, stored]{MaxGoroutines: opt.jobs()}
	idx := make([]int, len(units))
	for i := range idx {
		idx[i] = i
	}
	found := m.Map(idx, func(ip *int) stored {
		i := *ip
		u := units[i]
		if st == nil || byUnit[u].Content != nil || u.Overlay != nil {
			return stored{}
		}
		if keys[i] = diskKey(u); keys[i] == "" {
			return stored{}
		}
		r := records[names.name(u.File)]
		if r == nil || !st.Fresh(r, keys[i]) {
			return stored{}
		}
		if dopt.Discard {
			// Only filling the store: these are in it.
			return stored{fresh: r}
		}
		f, err := st.Load(r)
		if err != nil {
			return stored{}
		}
		return stored{facts: f, fresh: r}
	})
	var todo []*kbuild.Unit
	var todoIdx []int
	for i, u := range units {
		if s := found[i]; s.fresh != nil {
			facts[i] = driver.Facts{Unit: u, Facts: s.facts}
			if s.facts != nil {
				c.keys[u] = keys[i]
				c.deps[u] = s.fresh.Deps
			}
			if opt.Done != nil {
				opt.Done(false)
			}
			continue
		}
		todo = append(todo, u)
		todoIdx = append(todoIdx, i)
	}
	// The tree's own files go into the store as each is made; patched
	// copies and versions from git are not the tree's.
	keyOf := map[*kbuild.Unit]string{}
	for _, i := range todoIdx {
		if keys[i] != "" {
			keyOf[units[i]] = keys[i]
		}
	}
	var once sync.Once
	kept := newKeptFacts(st, func(u *kbuild.Unit) string { return keyOf[u] }, func(err error) {
		once.Do(func() {
			fmt.Fprintf(opt.log(), "kpreempt: facts store %s: %v\n", st.Dir(), err)
			c.storeFailed.Store(true)
		})
	})
	kept.storeOnly = dopt.Discard
	// The stored facts of the rest of the tree load, and are linked,
	// while the few units of a pre-commit run are read; with replies
	// kept from the program they came from, only if those are not
	// enough.
	linked := func() {}
	presummary := c.wantsPreSummary(t, todo, dopt)
	replay := c.wantsPreSummary(t, units, dopt)
	// Code being written (a patched copy, a version from git) is draft.
	draft := func(u *kbuild.Unit) bool { return byUnit[u].Content != nil || u.Overlay != nil }
	if presummary || replay {
		var prog *interproc.Program
		var started sync.Once
		var link atomic.Bool
		ready := make(chan struct{})
		start := func(dopt driver.Options) func() {
			return func() {
				link.Store(true)
				go func() {
					defer close(ready)
					prog = c.preSummary(opt, t, todo, dopt, names)
				}()
			}
		}(dopt)
		program := func() *interproc.Program {
			started.Do(start)
			<-ready
			return prog
		}
		// The replies are looked for while the units are parsed.
		looked := make(chan struct{})
		go func() {
			defer close(looked)
			if replay {
				c.replay = c.startReplay(t, units, draft, names, program)
			}
			if c.replay == nil && presummary {
				started.Do(start)
			}
		}()
		dopt.Program = func() interproc.Linked {
			if <-looked; c.replay != nil {
				return c.replay
			}
			if p := program(); p != nil {
				return p
			}
			return nil // an interface holding a nil program is not nil
		}
		linked = func() {
			if <-looked; link.Load() {
				<-ready
			}
		}
	}
	dopt.Summarized, dopt.Discard = kept.keep, true
	summarised := driver.Summarize(todo, dopt, names.name)
	linked() // the phase's facts are complete
	dopt.Program = nil
	decoded := kept.facts(opt.jobs())
	for j, f := range summarised {
		i := todoIdx[j]
		if f.Facts = decoded[f.Unit]; f.Facts == nil && f.Err == nil && !kept.storeOnly {
			f.Err = errors.New("its facts could not be read back")
		}
		facts[i] = f
		if d := kept.deps[f.Unit]; d != "" {
			c.keys[f.Unit] = keys[i]
			c.deps[f.Unit] = d
		}
	}
	c.facts = facts
	c.summarised = len(todo)
	return c
}

// maxPreSummary bounds how many changed units of a tree are summarised
// with the stored facts of its other units (preSummary): a pre-commit
// run, a patch; past it, the settling rounds do it.
const maxPreSummary = 16

// preSummary is the program a few changed units of a tree whose store
// holds the other units' facts are summarised in: what the functions
// they call do, from those facts and the units' own earlier ones
// (interproc.LinkEffects). Summarised alone, each would meet the other
// units' summaries only in the link, and be summarised again, and the
// program linked again (the settling round a pre-commit run spent half
// its time in). The facts it reads stay in c for the link. It runs
// where wantsPreSummary says, beside the units' parse, unless the units'
// kept replies stand for it (startReplay; then only when they do not
// hold an answer); nil when the store holds no other unit's facts.
func (c *collected) preSummary(opt Options, t *Targets, todo []*kbuild.Unit, dopt driver.Options, names *namer) *interproc.Program {
	var group []driver.Facts
	asked := map[string]bool{}
	var earlier []*interproc.UnitFacts
	for _, u := range todo {
		id := names.name(u.File)
		asked[id] = true
		group = append(group, driver.Facts{Unit: u, Facts: &interproc.UnitFacts{Unit: id}})
		if r := c.records[id]; r != nil {
			if uf, err := c.st.Load(r); err == nil {
				earlier = append(earlier, uf)
			}
		}
	}
	c.others, c.complete = storedFacts(opt, t, c.st, c.records, group, dopt, names)
	c.loaded = true
	if len(c.others) == 0 {
		return nil
	}
	var prog *interproc.Program
	stage.Do("link", func() {
		prog = interproc.LinkEffects(append(slices.Clip(c.others), earlier...), t.Root, c.complete, asked)
	})
	return prog
}

// wantsPreSummary reports whether the units to summarise are a few of a
// tree whose store holds the other units' facts (preSummary); of the
// units of a run, whether their kept replies may stand for the program
// (startReplay).
func (c *collected) wantsPreSummary(t *Targets, todo []*kbuild.Unit, dopt driver.Options) bool {
	if c.st == nil || t.Tree == nil || t.Whole || dopt.Discard || len(todo) == 0 || len(todo) > maxPreSummary {
		return false
	}
	for _, u := range todo {
		if u.Stubs {
			return false
		}
	}
	return true
}

// programs links the summarised units into their programs.
func programs(opt Options, t *Targets, col *collected, dopt driver.Options, names *namer) (map[*kbuild.Unit]dataflow.Env, map[*kbuild.Unit]error, settling) {
	st, records, facts := col.st, col.records, col.facts
	var settled settling
	failed := map[*kbuild.Unit]error{}
	groups := map[string][]driver.Facts{}
	var order []string
	for _, f := range facts {
		if f.Err != nil {
			failed[f.Unit] = f.Err
			continue
		}
		key := "tree"
		if f.Unit.Stubs {
			key = filepath.Dir(f.Unit.File)
		}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], f)
	}
	// From here on the groups hold the facts: the rounds replace most of
	// them, and the first ones must not stay reachable from the run
	// through the rounds and the check phase (on the whole tree they were
	// a second copy of the program's facts).
	col.facts = nil
	envs := map[*kbuild.Unit]dataflow.Env{}
	for _, key := range order {
		group := groups[key]
		delete(groups, key)
		var stored []*interproc.UnitFacts
		complete := key != "tree" || t.Whole
		switch {
		case key == "tree" && col.loaded:
			stored, complete = col.others, col.complete
		case key == "tree":
			stored, complete = storedFacts(opt, t, st, records, group, dopt, names)
		}
		// Rounds: each identity at most once per program.
		for len(group) > 0 {
			var round, rest []driver.Facts
			seen := map[string]bool{}
			for _, f := range group {
				if seen[f.Facts.Unit] {
					rest = append(rest, f)
					continue
				}
				seen[f.Facts.Unit] = true
				round = append(round, f)
			}
			units := make([]*interproc.UnitFacts, 0, len(round)+len(stored))
			own := make([]ownUnit, len(round))
			for i, f := range round {
				units = append(units, f.Facts)
				own[i] = ownUnit{f.Unit, f.Facts.Unit}
			}
			round = nil
			for _, f := range stored {
				if !seen[f.Unit] {
					units = append(units, f)
				}
			}
			prog, n := settle(t, st, units, own, complete, dopt, names)
			prog.Shed()
			settled.add(n)
			for _, o := range own {
				envs[o.unit] = prog.Env(o.id)
			}
			group = rest
		}
	}
	return envs, failed, settled
}

// settling is what the link's rounds did: how many units each summarised
// again, and how many were left unsettled when the rounds ran out.
type settling struct {
	rounds    []int
	unsettled int
}

func (s *settling) add(o settling) {
	for i, n := range o.rounds {
		if i < len(s.rounds) {
			s.rounds[i] += n
		} else {
			s.rounds = append(s.rounds, n)
		}
	}
	s.unsettled += o.unsettled
}

// total is how many summaries the rounds made.
func (s settling) total() int {
	n := 0
	for _, r := range s.rounds {
		n += r
	}
	return n
}

// maxProgramRounds bounds how many times a program's units are
// summarised again with their callees' summaries: a chain of lock helpers
// across units settles one unit per round. On the defconfig tree the
// rounds summarise 580, 212, 40, 4 and 1 units again, and then none is
// left unsettled; with two rounds, units kept facts made without their
// callees' summaries (fault.c's page_fault_oops() did not know that
// oops_begin() returns with preemption disabled), which the findings of
// their callees' callees showed. Each round reads the units
// it summarises back from the run's parsed copies, not from source; the
// bound is for summaries that would not settle.
const maxProgramRounds = 6

// ownUnit is one of a run's own units in its program: the unit, and its
// identity in the facts.
type ownUnit struct {
	unit *kbuild.Unit
	id   string
}

// settle links the units into their program, bottom-up across units: a
// unit of the run whose facts were made without the summaries its calls
// of other units' functions have in the program (a wrapper of another
// file's lock helper, a call made under a lock another file's function
// takes) is summarised again with them, and the program linked again,
// until no unit's callees change (interproc.Program.Unsettled). The
// tree's other units keep the facts the store holds: a run over the
// whole tree settles them all and stores them so, and a run over a few
// files does not read the rest of the tree again.
func settle(t *Targets, st *interproc.Store, units []*interproc.UnitFacts, own []ownUnit, complete bool, dopt driver.Options, names *namer) (*interproc.Program, settling) {
	var settled settling
	units = slices.Clone(units)
	content := map[*kbuild.Unit]bool{}
	for i := range t.Items {
		if t.Items[i].Content != nil {
			content[t.Items[i].Unit] = true
		}
	}
	// The tree's own file as it is on disk: what the store keeps.
	onDisk := func(u *kbuild.Unit) bool { return !content[u] && u.Overlay == nil }
	unitOf := map[string]*kbuild.Unit{}
	ownIDs := map[string]bool{} // only the run's own units are summarised again
	draft := map[string]bool{}
	for _, o := range own {
		unitOf[o.id] = o.unit
		ownIDs[o.id] = true
		if o.unit.Stubs || !onDisk(o.unit) {
			draft[o.id] = true
		}
	}
	var prog *interproc.Program
	link := func() {
		for _, uf := range units {
			uf.Draft = draft[uf.Unit]
		}
		// The run asks about its own units only: the rest of the program
		// is linked as far as their entries and callees need.
		prog = nil // the program before is garbage while this one is made
		stage.Do("link", func() { prog = interproc.LinkFor(units, t.Root, complete, ownIDs) })
	}
	link()
	index := map[string]int{}
	for i, u := range units {
		index[u.Unit] = i
	}
	failed := map[string]bool{}
	dopt.Done = nil
	for range maxProgramRounds {
		var todo []*kbuild.Unit
		for _, id := range prog.Unsettled(ownIDs) {
			if failed[id] {
				continue
			}
			if u := unitOf[id]; u != nil {
				todo = append(todo, u)
			}
		}
		if len(todo) == 0 {
			break
		}
		round := prog
		dopt.Program = func() interproc.Linked { return round }
		settled.rounds = append(settled.rounds, len(todo))
		kept := newKeptFacts(st, func(u *kbuild.Unit) string {
			if !onDisk(u) {
				return ""
			}
			return diskKey(u)
		}, nil)
		dopt.Summarized, dopt.Discard = kept.keep, true
		for _, f := range driver.Summarize(todo, dopt, names.name) {
			if f.Err != nil {
				failed[names.name(f.Unit.File)] = true
			}
		}
		dopt.Program = nil
		for u, uf := range kept.facts(dopt.Jobs) {
			if i, ok := index[names.name(u.File)]; ok {
				units[i] = uf
			}
		}
		link()
	}
	// Units still unsettled keep the facts they have in this program, and
	// the store says so: a run over the same program again must not take
	// up the rounds this one left (it would re-read them, and change the
	// findings of their callers, for nothing new in the tree).
	var left []string
	for _, id := range prog.Unsettled(ownIDs) {
		if u := unitOf[id]; u != nil && !failed[id] && onDisk(u) {
			left = append(left, id)
		}
	}
	for _, uf := range prog.Accept(left) {
		if st != nil {
			_ = st.Update(uf)
		}
	}
	settled.unsettled = len(left)
	return prog, settled
}

// storeFacts keeps a tree unit's facts, made from its file as it is on
// disk, in the store; a store that cannot take them is left as it is.
func storeFacts(st *interproc.Store, f driver.Facts) {
	if key := diskKey(f.Unit); key != "" {
		_ = st.Save(key, f.Unit.File, interproc.Deps(append([]string{f.Unit.File}, f.Includes...)), f.Facts)
	}
}

// diskKey is a tree unit's key in the store, made from its file as it is
// on disk; "" when the file cannot be read.
func diskKey(u *kbuild.Unit) string {
	src, err := readBounded(u.File)
	if err != nil {
		return ""
	}
	return interproc.UnitKey(toolID(), u, src)
}

// keptFacts are the facts a summarise phase makes, kept encoded until
// it ends, and each tree unit's stored as it is made. On the whole tree
// the first phase's facts, decoded, grew to most of the live heap while
// the units were read, all marked again in every collector cycle; a
// settling round's units are summarised in the program of the round
// before, which holds its own facts of every unit, and the round's own
// were a second copy. Encoded they are a few times smaller, and bytes
// the collector does not scan. A unit's facts that the store took are
// read back from it, not kept: encoded, the whole tree's were 160 MB of
// the live heap when its largest unit was parsed, near the end.
type keptFacts struct {
	st *interproc.Store
	// key is a unit's key in the store, "" for one the store does not
	// take (a patched copy, a version from git, a standalone file).
	key func(*kbuild.Unit) string
	// store only: the run keeps none (the summarize command).
	storeOnly bool
	failed    func(error) // a store that cannot take the facts

	mu      sync.Mutex
	encoded map[*kbuild.Unit][]byte
	stored  map[*kbuild.Unit]*interproc.Record    // facts the store took, read back from it
	decoded map[*kbuild.Unit]*interproc.UnitFacts // facts that would not encode
	deps    map[*kbuild.Unit]string               // the stored units' interproc.DepsID
}

func newKeptFacts(st *interproc.Store, key func(*kbuild.Unit) string, failed func(error)) *keptFacts {
	return &keptFacts{st: st, key: key, failed: failed, encoded: map[*kbuild.Unit][]byte{},
		stored: map[*kbuild.Unit]*interproc.Record{}, decoded: map[*kbuild.Unit]*interproc.UnitFacts{}, deps: map[*kbuild.Unit]string{}}
}

// keep takes one unit's facts as it is summarised (driver.Options.Summarized);
// safe for concurrent use.
func (k *keptFacts) keep(f driver.Facts) {
	if f.Err != nil {
		return
	}
	b, err := f.Facts.Encode()
	var rec *interproc.Record
	if k.st != nil && err == nil {
		if key := k.key(f.Unit); key != "" {
			deps := interproc.Deps(append([]string{f.Unit.File}, f.Includes...))
			var serr error
			if rec, serr = k.st.SaveEncoded(key, f.Unit.File, deps, f.Facts.Unit, b); serr != nil {
				if k.failed != nil {
					k.failed(serr)
				}
			} else {
				k.mu.Lock()
				k.deps[f.Unit] = interproc.DepsID(deps)
				k.mu.Unlock()
			}
		}
	}
	if k.storeOnly {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	switch {
	case err != nil:
		k.decoded[f.Unit] = f.Facts
	case rec != nil:
		k.stored[f.Unit] = rec
	default:
		k.encoded[f.Unit] = b
	}
}

// facts decodes the facts kept, jobs units at a time, and lets them go.
func (k *keptFacts) facts(jobs int) map[*kbuild.Unit]*interproc.UnitFacts {
	units := make([]*kbuild.Unit, 0, len(k.encoded)+len(k.stored))
	for u := range k.encoded {
		units = append(units, u)
	}
	for u := range k.stored {
		units = append(units, u)
	}
	if jobs < 1 {
		jobs = runtime.GOMAXPROCS(0)
	}
	m := iter.Mapper[*kbuild.Unit, *interproc.UnitFacts]{MaxGoroutines: jobs}
	decoded := m.Map(units, func(u **kbuild.Unit) *interproc.UnitFacts {
		var uf *interproc.UnitFacts
		var err error
		if r := k.stored[*u]; r != nil {
			uf, err = k.st.Load(r)
		} else {
			uf, err = interproc.Decode(k.encoded[*u])
		}
		if err != nil {
			// What Encode wrote Decode reads; a store whose object went
			// meanwhile leaves the unit without facts, which it reports.
			return nil
		}
		return uf
	})
	out := k.decoded
	for i, u := range units {
		if decoded[i] != nil {
			out[u] = decoded[i]
		}
	}
	k.encoded, k.stored, k.decoded = nil, nil, nil
	return out
}

// openStore opens the facts store of the targets' kernel tree, nil when
// there is none or the run does without.
func openStore(opt Options, t *Targets) *interproc.Store {
	if opt.NoFacts || t.Tree == nil {
		return nil
	}
	dir := opt.FactsDir
	if dir == "" {
		var err error
		if dir, err = interproc.DefaultStoreDir(t.Tree.Root); err != nil {
			return nil
		}
	}
	st, err := interproc.OpenStore(dir)
	if err != nil {
		fmt.Fprintf(opt.log(), "kpreempt: %v (checked without facts of other files)\n", err)
		return nil
	}
	return st
}

// storedFacts are the facts of the tree's other units that the store
// holds, and whether with the run's own units they cover the whole tree
// (then a function without callers has none). A unit whose file changed
// since its facts were made is read again, when there are few such
// units; a run that cannot see the whole tree says so once.
func storedFacts(opt Options, t *Targets, st *interproc.Store, records map[string]*interproc.Record, group []driver.Facts, dopt driver.Options, names *namer) ([]*interproc.UnitFacts, bool) {
	if t.Whole {
		return nil, true
	}
	if st == nil || t.Tree == nil {
		return nil, false
	}
	files, err := t.Tree.Files(nil)
	if err != nil {
		return nil, false
	}
	own := map[string]bool{}
	for _, f := range group {
		own[f.Facts.Unit] = true
	}
	var out []*interproc.UnitFacts
	var stale []*kbuild.Unit
	var load []*interproc.Record
	missing := 0
	for _, f := range files {
		id := names.name(f)
		if own[id] {
			continue
		}
		r := records[id]
		switch {
		case r == nil:
			missing++
		case r.SourceChanged():
			stale = append(stale, t.Tree.Unit(f))
		default:
			load = append(load, r)
		}
	}
	// Decoding a tree's facts is seconds of work: every job takes a share.
	m := iter.Mapper[*interproc.Record, *interproc.UnitFacts]{MaxGoroutines: opt.jobs()}
	for _, uf := range m.Map(load, func(r **interproc.Record) *interproc.UnitFacts {
		uf, err := st.Load(*r)
		if err != nil {
			return nil
		}
		return uf
	}) {
		if uf == nil {
			missing++
			continue
		}
		out = append(out, uf)
	}
	if len(stale) > maxRefresh {
		missing += len(stale)
	} else if len(stale) > 0 {
		dopt.Source, dopt.Done, dopt.Keep = nil, nil, nil
		for _, f := range driver.Summarize(stale, dopt, names.name) {
			if f.Err != nil {
				missing++
				continue
			}
			storeFacts(st, f)
			out = append(out, f.Facts)
		}
	}
	if missing > 0 && !opt.NoFactsWarning {
		fmt.Fprintf(opt.log(), "kpreempt: no facts for %d of the %d units of %s: callers and callees in them are not seen (run kpreempt summarize, or kpreempt check, on the whole tree to collect them)\n",
			missing, len(files), t.Tree.Root)
	}
	return out, missing == 0
}

// maxRefresh bounds how many changed units a run reads again for the
// facts of the rest of the tree (a pre-commit run over a tree where a
// branch switch changed thousands of files would otherwise read them
// all): past it, they count as missing.
const maxRefresh = 64
