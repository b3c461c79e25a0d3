package pipeline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/kbuild"
)

// findingsOf renders a report's findings and failures, traces included,
// in a form two runs can be compared by.
func findingsOf(r *Report) []string {
	var out []string
	for _, f := range r.Findings {
		s := fmt.Sprintf("%s:%d:%d: %s [%s] in %s", f.File, f.Line, f.Column, f.Message, f.Rule, f.Function)
		for _, t := range f.Trace {
			s += fmt.Sprintf("\n\t%s:%d:%d: %s", t.File, t.Line, t.Column, t.Note)
		}
		out = append(out, s)
	}
	for _, f := range r.Stats.FailedFiles {
		out = append(out, "failed: "+f.File+": "+f.Error)
	}
	sort.Strings(out)
	return out
}

// wholeAndReduced checks targets twice, once with the whole units handed
// to the parser and once with the reduced ones, and reports every
// finding one run has and the other has not.
func wholeAndReduced(t *testing.T, opt Options, targets func() *Targets) (int, int) {
	t.Helper()
	defer func(old bool) { cparse.WholeUnits = old }(cparse.WholeUnits)
	cparse.WholeUnits = true
	whole := findingsOf(Check(opt, targets()))
	cparse.WholeUnits = false
	reduced := findingsOf(Check(opt, targets()))
	in := map[string]int{}
	for _, f := range whole {
		in[f]++
	}
	for _, f := range reduced {
		in[f]--
	}
	keys := make([]string, 0, len(in))
	for f, n := range in {
		if n != 0 {
			keys = append(keys, f)
		}
	}
	sort.Strings(keys)
	for _, f := range keys {
		if in[f] > 0 {
			t.Errorf("only with whole units: %s", f)
		} else {
			t.Errorf("only with reduced units: %s", f)
		}
	}
	return len(whole), len(reduced)
}

// The parser reads units without the header inline functions nothing
// uses; every finding of the bundled examples is the same as with the
// whole units.
func TestReducedUnitsSameFindings(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "testdata", "csrc"))
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		n, _ := wholeAndReduced(t, Options{}, func() *Targets {
			targets, err := Discover("", []string{dir}, root)
			if err != nil {
				t.Fatal(err)
			}
			return targets
		})
		if n == 0 {
			t.Errorf("%s: no findings to compare", e.Name())
		}
	}
}

// evenUnits are n units of the fixture (the number in the environment
// variable env, if set) spread evenly over compile_commands.json.
func evenUnits(t *testing.T, env string, n int) (*kbuild.Tree, *Targets, []Target) {
	t.Helper()
	tree := kernelTree(t, "KPREEMPT_KERNEL")
	if s := os.Getenv(env); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			t.Fatalf("%s=%q", env, s)
		}
	}
	all, err := Discover(tree.Root, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Items) == 0 {
		t.Fatal("no units in compile_commands.json")
	}
	var pick []Target
	for i := 0; i < n && i*len(all.Items)/n < len(all.Items); i++ {
		pick = append(pick, all.Items[i*len(all.Items)/n])
	}
	return tree, all, pick
}

// The same on the fixture: KPREEMPT_REDUCE_FILES (default 200) units spread
// evenly over compile_commands.json, each unit on its own (no facts of the
// others), the whole and the reduced unit give the same findings.
func TestKernelReducedUnits(t *testing.T) {
	tree, all, pick := evenUnits(t, "KPREEMPT_REDUCE_FILES", 200)
	targets := func() *Targets {
		t := *all
		t.Items = append([]Target(nil), pick...)
		return &t
	}
	whole, reduced := wholeAndReduced(t, Options{NoFacts: true, NoFactsWarning: true}, targets)
	var names []string
	for _, p := range pick {
		names = append(names, strings.TrimPrefix(p.Unit.File, tree.Root+"/"))
	}
	t.Logf("%d units (%s ... %s): %d findings and failures whole, %d reduced", len(pick), names[0], names[len(names)-1], whole, reduced)
}

// What the units of the fixture tell the rest of the program is the same
// too: of KPREEMPT_REDUCE_FACTS_FILES (default 40) units spread evenly
// over compile_commands.json, each unit's facts (what its functions do, whom they call, what
// they store where), summarised from the whole and from the reduced unit,
// are equal. The findings of a unit checked on its own do not show every
// fact another unit reads.
func TestKernelReducedFacts(t *testing.T) {
	tree, _, pick := evenUnits(t, "KPREEMPT_REDUCE_FACTS_FILES", 40)
	var units []*kbuild.Unit
	for _, p := range pick {
		units = append(units, p.Unit)
	}
	name := func(path string) string { return strings.TrimPrefix(path, tree.Root+"/") }
	summarise := func(whole bool) map[string]string {
		defer func(old bool) { cparse.WholeUnits = old }(cparse.WholeUnits)
		cparse.WholeUnits = whole
		out := map[string]string{}
		for _, f := range driver.Summarize(units, driver.Options{}, name) {
			var text string
			if f.Err != nil {
				text = "failed: " + f.Err.Error()
			} else {
				b, err := json.MarshalIndent(f.Facts, "", " ")
				if err != nil {
					t.Fatal(err)
				}
				text = string(b)
			}
			out[name(f.Unit.File)] = text
		}
		return out
	}
	whole, reduced := summarise(true), summarise(false)
	differ := 0
	for _, u := range units {
		n := name(u.File)
		w, r := whole[n], reduced[n]
		if w == r {
			continue
		}
		differ++
		wl, rl := strings.Split(w, "\n"), strings.Split(r, "\n")
		i := 0
		for i < len(wl) && i < len(rl) && wl[i] == rl[i] {
			i++
		}
		line := func(ls []string) string {
			if i < len(ls) {
				return strings.TrimSpace(ls[i])
			}
			return "(end)"
		}
		t.Errorf("%s: the facts differ from line %d: whole %q, reduced %q", n, i+1, line(wl), line(rl))
	}
	t.Logf("%d units: %d with other facts when reduced", len(units), differ)
}

// A run over more units than it keeps in memory keeps them parsed on disk
// for its later phases: the findings of the bundled examples are the same
// as when they are kept in memory, the files are read back, and nothing
// is left behind; where no directory can be made, the run parses again,
// says so once, and finds the same.
func TestParsedOnDiskSameFindings(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "testdata", "csrc"))
	targets := func() *Targets {
		targets, err := Discover("", []string{root}, root)
		if err != nil {
			t.Fatal(err)
		}
		return targets
	}
	inMemory := findingsOf(Check(Options{}, targets()))
	if len(inMemory) == 0 {
		t.Fatal("no findings to compare")
	}
	defer func(old int) { keepParsed = old }(keepParsed)
	keepParsed = 0
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	before := readBack.Load()
	onDisk := findingsOf(Check(Options{}, targets()))
	if !slices.Equal(inMemory, onDisk) {
		t.Errorf("kept on disk, the findings differ:\n%s\nkept in memory:\n%s", strings.Join(onDisk, "\n"), strings.Join(inMemory, "\n"))
	}
	if readBack.Load() == before {
		t.Error("no parsed unit was read back from disk")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left behind in TMPDIR: %v", left)
	}
	t.Setenv("TMPDIR", filepath.Join(tmp, "missing"))
	var log strings.Builder
	again := findingsOf(Check(Options{Log: &log}, targets()))
	if !slices.Equal(inMemory, again) {
		t.Errorf("parsed again, the findings differ")
	}
	if n := strings.Count(log.String(), "cannot keep parsed units"); n != 1 {
		t.Errorf("said %d times that parsed units cannot be kept:\n%s", n, log.String())
	}
}
