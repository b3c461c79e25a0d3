package pipeline

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/kapi"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
	"github.com/kpreempt/kpreempt/suppress"
)

// Report is a finished run: the findings and statistics, and the source
// files they point into (Result.Sources, for the formats that quote them).
type Report struct {
	*report.Result
	checked []suppress.File // the units' own files, whose comments are checked
}

// Check analyses the targets and returns the finished report: findings
// named relative to the root, reported once however many units include
// them, suppressions applied, fingerprints set, baseline findings
// removed. Files that could not be analysed are listed in the report and
// on Options.Log, and the run goes on without them.
func Check(opt Options, t *Targets) *Report {
	start := time.Now()
	r := analyse(opt, t)
	finish(opt, r)
	r.Stats.Seconds = float64(time.Since(start).Milliseconds()) / 1000
	return r
}

// analyse runs the rules over the targets: findings as the units report
// them, each once, before suppressions, fingerprints and baseline.
func analyse(opt Options, t *Targets) *Report {
	r := &Report{Result: report.New()}
	r.Root, r.Sources = t.Root, report.NewSources()
	model := opt.model(t.Tree)
	r.Model = string(model)
	log := opt.log()
	cwd, _ := os.Getwd()
	// On the log, files are named as the user would open them: the same
	// as text output names them.
	logf := func(name, msg string) {
		shown := report.QuotePath(report.ShownPath(t.Root, cwd, name))
		fmt.Fprintf(log, "kpreempt: %s%s\n", shown, strings.TrimPrefix(msg, name))
	}
	for _, f := range t.Failed {
		logf(f.File, f.Error)
		r.Stats.FailedFiles = append(r.Stats.FailedFiles, f)
	}
	units := make([]*kbuild.Unit, len(t.Items))
	byUnit := map[*kbuild.Unit]*Target{}
	for i := range t.Items {
		it := &t.Items[i]
		units[i] = it.Unit
		byUnit[it.Unit] = it
		if it.Content != nil {
			r.Sources.Set(it.key(), it.Content)
		}
	}
	var analysis []*rules.Rule
	for _, rule := range opt.rules() {
		if rule.Run != nil {
			analysis = append(analysis, rule)
		}
	}
	names := newNamer(t.Root)
	var done func(error)
	if opt.Done != nil {
		done = func(err error) { opt.Done(err != nil) }
	}
	dopt := driver.Options{
		Jobs: opt.Jobs, Rules: analysis, Done: done,
		Source: func(u *kbuild.Unit) []byte { return byUnit[u].Content },
	}
	// Summarise every unit, link the programs they form, then check each
	// unit in its program.
	// Each unit is parsed once: the later phases read it back.
	parsed := newParsedUnits(len(units), log)
	defer parsed.close()
	dopt.Keep, dopt.Parsed = parsed.put, parsed.get
	t0 := time.Now()
	col := collectFacts(opt, t, units, dopt, names)
	st := col.st
	t1 := time.Now()
	var envs map[*kbuild.Unit]dataflow.Env
	var failedEarly map[*kbuild.Unit]error
	var settled settling
	replayed := false
	if col.replay != nil {
		envs, replayed = col.replay.envs(t, col.facts, names, col.linkOwn(opt, t, dopt, names))
	}
	if !replayed {
		envs, failedEarly, settled = programs(opt, t, col, dopt, names)
	}
	t2 := time.Now()
	var checkUnits []*kbuild.Unit
	for _, u := range units {
		if failedEarly[u] == nil {
			checkUnits = append(checkUnits, u)
		}
	}
	// Units whose kept results still hold are not read again.
	cache := newCheckCache(st, analysis, col.keys, col.deps, names)
	if cache != nil && t.Tree != nil && !col.storeFailed.Load() {
		// The program as the store now holds it: the replies kept are
		// its. A replayed run changed only its own units' records.
		var m map[string]string
		if replayed {
			m = col.replay.manifestAfter(t, st, col.records, names)
		} else if recs, err := st.Records(); err == nil {
			m = programManifest(t, recs, names)
		}
		if cache.program = manifestDigest(t, m); cache.program != "" {
			saveManifest(st, cache.program, m)
		}
	}
	kept := map[*kbuild.Unit]driver.Result{}
	var todo []*kbuild.Unit
	for _, u := range checkUnits {
		if res, ok := cache.lookup(u, envs[u]); ok {
			kept[u] = res
			if done != nil {
				done(nil)
			}
			continue
		}
		todo = append(todo, u)
	}
	dopt.Env = func(u *kbuild.Unit) dataflow.Env { return cache.env(u, envs[u]) }
	checkedUnits := driver.Run(todo, dopt)
	for _, res := range checkedUnits {
		cache.save(res, envs[res.Unit])
	}
	if st != nil && t.Whole {
		// Every unit's record is current: the facts they replaced go.
		_, _ = st.Prune(t0)
	}
	r.Stats.Phases = &report.Phases{Summarize: seconds(t1.Sub(t0)), Link: seconds(t2.Sub(t1)), Check: seconds(time.Since(t2)),
		FactsReused: len(units) - col.summarised, ChecksReused: len(kept), Resummarized: settled.total(),
		Rounds: settled.rounds, Unsettled: settled.unsettled}
	if replayed && col.replay.replayed() {
		r.Stats.Phases.Replayed = len(col.replay.byID)
	}
	results := make([]driver.Result, 0, len(units))
	for _, u := range units {
		if err := failedEarly[u]; err != nil {
			results = append(results, driver.Result{Unit: u, Err: err})
			continue
		}
		if res, ok := kept[u]; ok {
			results = append(results, res)
			continue
		}
		results = append(results, checkedUnits[0])
		checkedUnits = checkedUnits[1:]
	}
	var checkedFiles []suppress.File
	seen := map[string]bool{}
	for _, res := range results {
		it := byUnit[res.Unit]
		main := names.name(res.Unit.File)
		if res.Err != nil {
			msg := firstLine(res.Err.Error())
			var pe *cparse.Error
			if errors.As(res.Err, &pe) {
				msg = firstLine(pe.Msg)
			}
			// "file:line:col: what" names the file by identity; other
			// messages get the name in front.
			if rest, ok := strings.CutPrefix(msg, res.Unit.File+":"); ok {
				msg = main + ":" + rest
			} else {
				msg = main + ": " + msg
			}
			msg = t.Tree.ExplainMissing(res.Unit.File, msg)
			logf(main, msg)
			r.Stats.FailedFiles = append(r.Stats.FailedFiles, report.FailedFile{File: main, Error: msg})
			continue
		}
		r.Stats.Files++
		r.Stats.Functions += res.Functions
		checkedFiles = append(checkedFiles, suppress.File{Path: it.key(), Display: main})
		// A unit no PREEMPT_RT kernel builds (i915: depends on
		// !PREEMPT_RT) has no finding of those kernels alone; the
		// Makefiles are read when such a finding asks.
		neverRT := sync.OnceValue(func() bool {
			return t.Tree != nil && t.Tree.Excludes(res.Unit.File, strings.TrimPrefix(kapi.RTConfig, "CONFIG_"))
		})
		for _, f := range findings(res.Diags, res.Unit.File, it.key(), names) {
			if !model.Shows(rules.Model(f.Model)) || rules.Model(f.Model) == rules.RTModel && neverRT() {
				continue
			}
			// A static inline function of a header is analysed in every
			// unit that includes it: its findings count once.
			k := fmt.Sprintf("%s\x00%d\x00%d\x00%s\x00%s", f.Path, f.Line, f.Column, f.Rule, f.Message)
			if !seen[k] {
				seen[k] = true
				r.Findings = append(r.Findings, f)
			}
		}
	}
	r.checked = checkedFiles
	return r
}

// findings converts a unit's diagnostics: files named by identity, and
// positions in the unit's own file read from its content's key.
func findings(diags []rules.Diagnostic, file, key string, names *namer) []report.Finding {
	path := func(p string) string {
		if p == file {
			return key
		}
		return p
	}
	out := make([]report.Finding, 0, len(diags))
	for _, d := range diags {
		f := report.Finding{
			Rule: d.Rule, Severity: d.Severity, File: names.name(d.Pos.File), Line: d.Pos.Line, Column: d.Pos.Col,
			Function: d.Function, Message: d.Message, Model: string(d.Model), Trace: []report.Step{}, Path: path(d.Pos.File),
		}
		for _, n := range d.Trace {
			f.Trace = append(f.Trace, report.Step{File: names.name(n.Pos.File), Line: n.Pos.Line, Column: n.Pos.Col, Note: n.Text, Path: path(n.Pos.File), Depth: n.Depth})
		}
		out = append(out, f)
	}
	return out
}

// finish applies suppressions, fingerprints and the baseline.
func finish(opt Options, r *Report) {
	ran := opt.rules()
	reportComments := false
	for _, rule := range ran {
		reportComments = reportComments || rule == rules.Suppression
	}
	suppress.Apply(r.Result, r.checked, r.Sources, suppress.Options{Ran: ran, Report: reportComments})
	r.Fingerprint(r.Sources)
	if opt.Baseline != nil {
		opt.Baseline.Filter(r.Result)
	}
}

func (t *Target) key() string {
	if t.Key != "" {
		return t.Key
	}
	return t.Unit.File
}

// namer names files by identity, resolving each directory once; the
// summarise phase's workers share it.
type namer struct {
	root string
	mu   sync.Mutex
	memo map[string]string
}

func newNamer(root string) *namer { return &namer{root: root, memo: map[string]string{}} }

func (n *namer) name(path string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if s, ok := n.memo[path]; ok {
		return s
	}
	s := identity(n.root, path)
	n.memo[path] = s
	return s
}

// ExitCode is the run's exit status: 2 when more files could not be
// analysed than allowed (after the report is written whole), else 1 with
// findings, else 0.
func (r *Report) ExitCode(allowedFailures int) int {
	switch {
	case len(r.Stats.FailedFiles) > allowedFailures:
		return 2
	case len(r.Findings) > 0:
		return 1
	}
	return 0
}

// Summarize runs the summarise phase alone: every target's facts go into
// the tree's store (a shard of a CI matrix collects its share, kbuild
// adds each file it compiles). It returns how many units were summarised
// and those that could not be.
func Summarize(opt Options, t *Targets) (int, []report.FailedFile) {
	if t.Tree == nil {
		return 0, []report.FailedFile{{Error: "kpreempt summarize works in a kernel tree: facts are kept per tree"}}
	}
	names := newNamer(t.Root)
	units := make([]*kbuild.Unit, len(t.Items))
	for i := range t.Items {
		units[i] = t.Items[i].Unit
	}
	var done func(error)
	if opt.Done != nil {
		done = func(err error) { opt.Done(err != nil) }
	}
	opt.NoFactsWarning = true
	// The facts go to the store; none is kept in memory.
	dopt := driver.Options{Jobs: opt.Jobs, Done: done, Source: func(u *kbuild.Unit) []byte { return nil }, Discard: true}
	facts := collectFacts(opt, t, units, dopt, names).facts
	failed := append([]report.FailedFile(nil), t.Failed...)
	for _, f := range facts {
		if f.Err != nil {
			name := names.name(f.Unit.File)
			failed = append(failed, report.FailedFile{File: name, Error: t.Tree.ExplainMissing(f.Unit.File, name+": "+firstLine(f.Err.Error()))})
		}
	}
	return len(units) - (len(failed) - len(t.Failed)), failed
}

func seconds(d time.Duration) float64 { return float64(d.Milliseconds()) / 1000 }
