package pipeline

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/changes"
	"github.com/kpreempt/kpreempt/internal/wanttest"
	"github.com/kpreempt/kpreempt/kbuild"
)

// realBug is a patch of testdata/realbugs: a fixed kernel bug put back.
type realBug struct {
	name     string
	rule     string
	function string
	program  []string // tree paths (files, directories) whose units complete the program
	set      *changes.Set
}

func loadRealBugs(t *testing.T) []realBug {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "realbugs", "*.patch"))
	if len(paths) == 0 {
		t.Fatal("no patches in testdata/realbugs")
	}
	sort.Strings(paths)
	var out []realBug
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b := realBug{name: strings.TrimSuffix(filepath.Base(p), ".patch")}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "diff --git ") {
				break
			}
			key, val, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			val = strings.TrimSpace(val)
			switch key {
			case "Rule":
				b.rule = val
			case "Function":
				b.function = val
			case "Program":
				b.program = append(b.program, strings.Fields(val)...)
			}
		}
		if b.rule == "" || b.function == "" {
			t.Fatalf("%s: no Rule: or Function: line", p)
		}
		if b.set, err = changes.Parse(p, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// TestRealBugs puts real, fixed kernel bugs back into the fixture tree,
// in memory, one at a time (testdata/realbugs): each must be reported at
// the line its want comment marks (or by a finding whose path goes
// through it: a sleep is reported at the call that holds the lock, with
// the path down to the sleeping line), under its rule, and the function
// as the tree has it must be clean. The program each is checked in is the
// patched file with the units its Program: lines name (the callers and
// callees the bug's context comes from), not the whole tree. The test
// logs every result; it fails when a bug the corpus README records as
// caught is missed (the result column of its table), or when an
// unpatched function has a finding. Recall against the corpus is in the
// log (the goal is 80 %). On a fixture that built only part of the tree
// (CI's), a patched file outside it whose generated headers are missing
// is logged as not checkable, and counted apart.
func TestRealBugs(t *testing.T) {
	tree := kernelTree(t, "KPREEMPT_KERNEL")
	bugs := loadRealBugs(t)
	recorded := recordedCatches(t)
	caught, checked, skipped := 0, 0, 0
	var lines []string
	only := os.Getenv("KPREEMPT_REALBUGS") // a prefix, to check some of them
	for _, b := range bugs {
		if only != "" && !strings.HasPrefix(b.name, only) {
			continue
		}
		checked++
		got, msg := checkRealBug(t, tree, b)
		if got {
			caught++
		}
		id, _, _ := strings.Cut(b.name, "-")
		switch {
		case strings.HasPrefix(msg, notCheckable):
			checked--
			skipped++
		case recorded[id] && !got:
			t.Errorf("%s: recorded as caught in testdata/realbugs/README.md, now %s", b.name, msg)
		case !recorded[id] && got:
			t.Logf("%s: caught now; record it in testdata/realbugs/README.md", b.name)
		}
		lines = append(lines, fmt.Sprintf("%-48s %-18s %s", b.name, b.rule, msg))
	}
	t.Logf("real bugs caught: %d of %d (goal: 80 %%); not checkable in this fixture: %d\n%s", caught, checked, skipped, strings.Join(lines, "\n"))
}

// notCheckable starts the result of a patch whose file the fixture
// cannot read for want of a build.
const notCheckable = "not checkable in this fixture"

// built reports whether the fixture's compile_commands.json has the file
// (else its flags are derived, and headers its directory generates may
// be missing).
func built(tree *kbuild.Tree, rel string) bool {
	if tree.DB == nil {
		return false
	}
	_, ok := tree.DB.Units[filepath.Join(tree.Root, filepath.FromSlash(rel))]
	return ok
}

// recordedCatches reads the corpus README's table: the bugs whose result
// column says they are caught, by number.
func recordedCatches(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "realbugs", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) < 3 || len(cells[0]) != 3 || strings.Trim(cells[0], "0123456789") != "" {
			continue
		}
		out[cells[0]] = strings.HasPrefix(cells[len(cells)-1], "caught")
	}
	if len(out) == 0 {
		t.Fatal("testdata/realbugs/README.md has no results table")
	}
	return out
}

// checkRealBug checks one patch; it reports whether the bug was caught
// and a line saying what happened. An unpatched function with a finding
// fails the test.
func checkRealBug(t *testing.T, tree *kbuild.Tree, b realBug) (bool, string) {
	var targets, before Targets
	targets.Root, targets.Tree = tree.Root, tree
	before.Root, before.Tree = tree.Root, tree
	type want struct {
		file string
		w    []wanttest.Want
	}
	var wants []want
	patched := map[string]bool{}
	// A patched header, or a patched .c file the build never compiles on
	// its own (kernel/locking/rtmutex.c, which rtmutex_api.c includes),
	// is read in its patched form by the units that include it.
	overlay := kbuild.Overlay{}
	var units []Target
	for _, chain := range b.set.Files() {
		f := chain[0]
		isC := strings.HasSuffix(f.Name, ".c")
		if !isC && !strings.HasSuffix(f.Name, ".h") {
			continue
		}
		abs := filepath.Join(tree.Root, filepath.FromSlash(f.Name))
		old, err := os.ReadFile(abs)
		if err != nil {
			return false, fmt.Sprintf("not in the tree: %v", err)
		}
		now, err := f.Apply(old)
		if err != nil {
			return false, fmt.Sprintf("does not apply: %v", err)
		}
		ws, err := wanttest.Parse(string(now))
		if err != nil {
			t.Errorf("%s: %v", b.name, err)
			return false, "bad want comment"
		}
		wants = append(wants, want{f.Name, ws})
		patched[abs] = true
		if !isC || !built(tree, f.Name) {
			overlay[abs] = now
		}
		if isC {
			units = append(units, Target{Unit: tree.Unit(abs), Content: now, Key: abs + "@patched"})
			before.Items = append(before.Items, Target{Unit: tree.Unit(abs), Content: old, Key: abs + "@before"})
		}
	}
	if len(wants) == 0 {
		return false, "no C file patched"
	}
	for _, u := range units {
		if len(overlay) > 0 {
			u.Unit.Overlay = overlay
		}
		targets.Items = append(targets.Items, u)
	}
	var paths []string
	for _, p := range b.program {
		paths = append(paths, filepath.Join(tree.Root, filepath.FromSlash(p)))
	}
	if len(paths) > 0 {
		files, err := tree.Files(paths)
		if err != nil {
			t.Errorf("%s: Program: %v", b.name, err)
		}
		for _, f := range files {
			if !patched[f] {
				u := tree.Unit(f)
				if len(overlay) > 0 {
					u.Overlay = overlay
				}
				targets.Items = append(targets.Items, Target{Unit: u})
				before.Items = append(before.Items, Target{Unit: tree.Unit(f)})
			}
		}
	}
	opt := Options{NoFacts: true, NoFactsWarning: true, Rules: nil}
	rep := Check(opt, &targets)
	for _, f := range rep.Stats.FailedFiles {
		for _, w := range wants {
			if f.File != w.file {
				continue
			}
			if !built(tree, w.file) && strings.Contains(f.Error, "No such file") {
				// A fixture that built only part of the tree
				// (CI's: kernel/ mm/ lib/) lacks the headers other
				// directories generate; the full fixture builds them.
				return false, notCheckable + ": " + f.Error
			}
			return false, "failed: " + f.Error
		}
	}
	caught := true
	var got []string
	for _, w := range wants {
		// A finding at the line, or one whose path goes through it (a
		// sleep reported at the caller that holds the lock, with the
		// path down to the line the bug put in).
		var fs []wanttest.Finding
		for _, x := range rep.Findings {
			if x.Rule != b.rule {
				continue
			}
			if x.File == w.file {
				fs = append(fs, wanttest.Finding{Line: x.Line, Message: x.Message})
			}
			for _, st := range x.Trace {
				if st.File == w.file && st.Line != x.Line {
					fs = append(fs, wanttest.Finding{Line: st.Line, Message: x.Message})
				}
			}
		}
		for _, problem := range wanttest.Check(w.w, fs) {
			if strings.Contains(problem, "no finding matches") {
				caught = false
				got = append(got, strings.TrimSpace(problem))
			}
		}
	}
	if os.Getenv("KPREEMPT_REALBUGS_DEBUG") != "" {
		for _, x := range rep.Findings {
			t.Logf("DEBUG %s:%d %s %s [%s] %v", x.File, x.Line, x.Function, x.Message, x.Rule, x.Trace)
		}
	}
	// The function as the tree has it is clean.
	clean := Check(opt, &before)
	for _, x := range clean.Findings {
		if x.Function == b.function && x.Rule == b.rule {
			t.Errorf("%s: the unpatched %s() has a finding: %s:%d: %s", b.name, b.function, x.File, x.Line, x.Message)
		}
	}
	if caught {
		return true, "caught"
	}
	for _, x := range rep.Findings {
		if x.Function == b.function {
			t.Logf("%s: %s:%d: %s [%s]", b.name, x.File, x.Line, x.Message, x.Rule)
		}
	}
	return false, "missed: " + strings.Join(got, "; ")
}
