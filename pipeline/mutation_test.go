package pipeline

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/internal/mutation"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/report"
)

// TestMutationRecall breaks, one at a time, a protection in functions of
// the fixture tree that use the primitives correctly
// (internal/mutation's operators), and requires kpreempt to report each
// break at its line under its rule (or the operator's Alt, the rule a
// defect is reported under where the context makes it more specific),
// while the unmutated function has no finding of that rule. A mutant
// whose site is code the configuration never runs (a branch on a
// constant false: a feature configured out) is not counted. The mutants are chosen from every unit of the
// tree's compile_commands.json with a seeded generator
// (KPREEMPT_MUTATION_SEED, default 1; KPREEMPT_MUTANTS, default 320, is
// how many), at most one per file and operator, spread evenly over the
// operators. Each file is checked on its own (its functions' callers in
// the same file give them their context; no other unit's facts), with up
// to two units that call the function when the operator needs its entry
// context.
//
// The test logs recall per operator and every miss; it fails when an
// operator's recall falls below the floor testdata/mutation/README.md
// records.
func TestMutationRecall(t *testing.T) {
	tree := kernelTree(t, "KPREEMPT_KERNEL")
	if tree.DB == nil {
		t.Skip("the fixture has no compile_commands.json (scripts/kernel-fixture.sh --full)")
	}
	seed := envInt(t, "KPREEMPT_MUTATION_SEED", 1)
	total := envInt(t, "KPREEMPT_MUTANTS", 320)
	chosen := chooseMutants(t, tree, uint64(seed), total)
	callers := callerUnits(t, tree, chosen)
	floors := recordedFloors(t)

	type result struct {
		m      fileMutant
		status string // caught, missed, excluded
		detail string
	}
	byFile := map[string][]fileMutant{}
	var files []string
	for _, m := range chosen {
		if byFile[m.file] == nil {
			files = append(files, m.file)
		}
		byFile[m.file] = append(byFile[m.file], m)
	}
	sort.Strings(files)
	results := make([][]result, len(files))
	var wg sync.WaitGroup
	work := make(chan int)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				f := files[i]
				type checked struct {
					findings []report.Finding
					failed   string
				}
				origs := map[string]checked{} // the unmutated file, by program
				dead := deadLines(tree, f)
				for _, m := range byFile[f] {
					r := result{m: m}
					if dead[m.Site] {
						r.status, r.detail = "excluded", "the site is code this configuration never runs"
						results[i] = append(results[i], r)
						continue
					}
					with := callers[m.file+":"+m.Name]
					key := strings.Join(with, " ")
					c, ok := origs[key]
					if !ok {
						c.findings, c.failed = checkOne(tree, f, nil, with...)
						origs[key] = c
					}
					orig, failed := c.findings, c.failed
					switch {
					case failed != "":
						r.status, r.detail = "excluded", "the file is not analysed: "+failed
					case hasFinding(orig, m.Rule, m.Func, nil):
						r.status, r.detail = "excluded", "the unmutated function has a "+m.Rule+" finding"
					default:
						got, failed := checkOne(tree, f, m.Src, with...)
						switch {
						case failed != "":
							r.status, r.detail = "missed", "the mutant is not analysed: "+failed
						case hasFinding(got, m.Rule, m.MutFunc, m.Want):
							r.status = "caught"
						case mutation.ByName(m.Op).Alt != "" && hasFinding(got, mutation.ByName(m.Op).Alt, m.MutFunc, m.Want):
							r.status = "caught"
						default:
							r.status, r.detail = "missed", describe(got, m.MutFunc)
						}
					}
					results[i] = append(results[i], r)
				}
			}
		}()
	}
	for i := range files {
		work <- i
	}
	close(work)
	wg.Wait()

	caught, counted := map[string]int{}, map[string]int{}
	var lines []string
	allCaught, allCounted, excluded := 0, 0, 0
	for _, rs := range results {
		for _, r := range rs {
			m := r.m
			if r.status == "excluded" {
				excluded++
				lines = append(lines, fmt.Sprintf("excluded %-22s %s:%d: %s", m.Op, tree.Rel(m.file), m.Site, r.detail))
				continue
			}
			counted[m.Op]++
			allCounted++
			if r.status == "caught" {
				caught[m.Op]++
				allCaught++
				continue
			}
			lines = append(lines, fmt.Sprintf("missed %-24s %s:%d (want %s at %v): %s", m.Op, tree.Rel(m.file), m.Site, m.Rule, m.Want, r.detail))
		}
	}
	var table []string
	for _, op := range mutation.Operators {
		n, c := counted[op.Name], caught[op.Name]
		table = append(table, fmt.Sprintf("%-24s %3d of %3d  %s", op.Name, c, n, percent(c, n)))
		if floor, ok := floors[op.Name]; ok && n > 0 && 100*c < floor*n {
			t.Errorf("%s: recall %s, below the %d %% testdata/mutation/README.md records", op.Name, percent(c, n), floor)
		}
	}
	t.Logf("mutation recall (seed %d): %d of %d %s; %d mutants excluded (unmutated function not clean, file not analysed, or site never run in this configuration)\n%s\n%s",
		seed, allCaught, allCounted, percent(allCaught, allCounted), excluded, strings.Join(table, "\n"), strings.Join(lines, "\n"))
}

// fileMutant is a mutant of one file of the tree.
type fileMutant struct {
	mutation.Mutant
	file string
}

// chooseMutants finds every mutant of every unit of the tree and picks
// total of them with a generator seeded by seed: at most one per file and
// operator, the operators taking turns until each has run out.
func chooseMutants(t *testing.T, tree *kbuild.Tree, seed uint64, total int) []fileMutant {
	t.Helper()
	byOp := map[string][]fileMutant{}
	for _, f := range tree.DB.Files {
		rel := tree.Rel(f)
		if strings.HasPrefix(rel, ".") || !strings.HasSuffix(f, ".c") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		seen := map[string]bool{}
		for _, m := range mutation.Find(src) {
			if !seen[m.Op] {
				seen[m.Op] = true
				byOp[m.Op] = append(byOp[m.Op], fileMutant{m, f})
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	for _, op := range mutation.Operators {
		c := byOp[op.Name]
		rng.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
	}
	var out []fileMutant
	for len(out) < total {
		progress := false
		for _, op := range mutation.Operators {
			if c := byOp[op.Name]; len(c) > 0 && len(out) < total {
				out = append(out, c[0])
				byOp[op.Name] = c[1:]
				progress = true
			}
		}
		if !progress {
			break
		}
	}
	return out
}

// checkOne checks a file of the tree, with content in place of the
// file's when not nil, in the program of the file and the units with.
// failed says why the file could not be analysed.
func checkOne(tree *kbuild.Tree, file string, content []byte, with ...string) ([]report.Finding, string) {
	targets := Targets{Root: tree.Root, Tree: tree}
	key := ""
	if content != nil {
		key = file + "@mutant"
	}
	targets.Items = append(targets.Items, Target{Unit: tree.Unit(file), Content: content, Key: key})
	for _, w := range with {
		targets.Items = append(targets.Items, Target{Unit: tree.Unit(w)})
	}
	rep := Check(Options{NoFacts: true, NoFactsWarning: true, Jobs: 1}, &targets)
	rel := tree.Rel(file)
	for _, f := range rep.Stats.FailedFiles {
		if f.File == rel {
			return nil, f.Error
		}
	}
	var out []report.Finding
	for _, f := range rep.Findings {
		if f.File == rel {
			out = append(out, f)
		}
	}
	return out, ""
}

// deadLines are the lines of a unit's main file whose every event lies
// in a block no path reaches in the configuration (a test of a constant
// false, as ehci_is_TDI() is without CONFIG_USB_EHCI_ROOT_HUB_TT): a
// mutant there breaks nothing this kernel runs.
func deadLines(tree *kbuild.Tree, file string) map[int]bool {
	cu, err := cparse.Parse(tree.Unit(file))
	if err != nil {
		return nil
	}
	du := dataflow.AnalyzeUnit(cu)
	reached, seen := map[int]bool{}, map[int]bool{}
	for _, fr := range du.Funcs {
		for _, b := range fr.Graph.Blocks {
			for _, e := range b.Events {
				if e.Pos.File != cu.File {
					continue
				}
				seen[e.Pos.Line] = true
				if fr.In[b.Index].Reached {
					reached[e.Pos.Line] = true
				}
			}
		}
	}
	dead := map[int]bool{}
	for l := range seen {
		if !reached[l] {
			dead[l] = true
		}
	}
	return dead
}

// maxCallerUnits bounds the units added to a mutant's program for the
// callers of its function.
const maxCallerUnits = 2

// callerUnits finds, for each chosen mutant whose operator needs the
// entry context, up to maxCallerUnits other units of the tree that call
// the function (the first by path), keyed by file and function name. A
// static function's are the units that call the functions of its file
// with external linkage that reach it (mutation.ExternalCallers), as a
// run over the whole tree sees them.
func callerUnits(t *testing.T, tree *kbuild.Tree, chosen []fileMutant) map[string][]string {
	t.Helper()
	names := map[string][]fileMutant{}
	for _, m := range chosen {
		op := mutation.ByName(m.Op)
		if op == nil || !op.Callers || m.Name == "" {
			continue
		}
		if !m.Static {
			names[m.Name] = append(names[m.Name], m)
			continue
		}
		src, err := os.ReadFile(m.file)
		if err != nil {
			continue
		}
		for _, n := range mutation.ExternalCallers(src, m.Name) {
			names[n] = append(names[n], m)
		}
	}
	out := map[string][]string{}
	if len(names) == 0 {
		return out
	}
	var alt []string
	for n := range names {
		alt = append(alt, regexp.QuoteMeta(n))
	}
	sort.Strings(alt)
	call := regexp.MustCompile(`\b(` + strings.Join(alt, "|") + `)\s*\(`)
	files := append([]string(nil), tree.DB.Files...)
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		seen := map[string]bool{}
		for _, mm := range call.FindAllSubmatch(src, -1) {
			n := string(mm[1])
			if seen[n] {
				continue
			}
			seen[n] = true
			for _, m := range names[n] {
				k := m.file + ":" + m.Name
				if f != m.file && len(out[k]) < maxCallerUnits && !slices.Contains(out[k], f) {
					out[k] = append(out[k], f)
				}
			}
		}
	}
	return out
}

// hasFinding reports whether a finding of rule is on one of the lines
// want, or anywhere in the function's lines when want is nil.
func hasFinding(fs []report.Finding, rule string, fn [2]int, want []int) bool {
	for _, f := range fs {
		if f.Rule != rule || f.Line < fn[0] || f.Line > fn[1] {
			continue
		}
		if want == nil {
			return true
		}
		for _, w := range want {
			if f.Line == w {
				return true
			}
		}
	}
	return false
}

// describe lists the findings in a function's lines, for a miss.
func describe(fs []report.Finding, fn [2]int) string {
	var out []string
	for _, f := range fs {
		if f.Line >= fn[0] && f.Line <= fn[1] {
			out = append(out, fmt.Sprintf("%d %s: %s", f.Line, f.Rule, f.Message))
		}
	}
	if len(out) == 0 {
		return "no finding in the function"
	}
	return strings.Join(out, "; ")
}

func percent(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f %%", 100*float64(n)/float64(of))
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q: want a number", name, v)
	}
	return n
}

// recordedFloors reads testdata/mutation/README.md's floors table (the
// table of two columns, operator and floor): the lowest recall (percent)
// each operator may have.
func recordedFloors(t *testing.T) map[string]int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "mutation", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) != 2 || mutation.ByName(strings.Trim(cells[0], "` ")) == nil {
			continue // not a row of the floors' table
		}
		op := strings.Trim(cells[0], "` ")
		floor, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(cells[len(cells)-1]), " %"))
		if err == nil {
			out[op] = floor
		}
	}
	return out
}
