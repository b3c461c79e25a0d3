package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/rules"
)

// kernelTree returns the configured kernel tree named by KPREEMPT_KERNEL
// (scripts/kernel-fixture.sh prints it), or skips.
func kernelTree(t *testing.T, env string) *kbuild.Tree {
	t.Helper()
	root := os.Getenv(env)
	if root == "" {
		t.Skipf("%s is not set: no kernel tree to test against (scripts/kernel-fixture.sh prepares one)", env)
	}
	tree, err := kbuild.FindTree(root)
	if err != nil {
		t.Fatalf("%s=%s: %v", env, root, err)
	}
	if tree == nil {
		t.Fatalf("%s=%s is not a Linux source tree", env, root)
	}
	return tree
}

// TestKernelTree checks real kernel directories: at least 99% of the files
// must parse and be analysed, and none may crash the analysis.
func TestKernelTree(t *testing.T) {
	tree := kernelTree(t, "KPREEMPT_KERNEL")
	dirs := []string{"kernel/sched", "mm", "lib"}
	if d := os.Getenv("KPREEMPT_KERNEL_DIRS"); d != "" {
		dirs = strings.Fields(d)
	}
	checkTreeDirs(t, tree, dirs)
}

// TestKernelTreeOtherArchs checks the arm64 and powerpc trees of the
// fixture (cross-compiled; scripts/kernel-fixture.sh), and its Linux 6.1
// tree, as TestKernelTree does the x86 6.12 one: every file their build
// compiled under the directories it built, analysed with the target
// compiler's predefined macros.
func TestKernelTreeOtherArchs(t *testing.T) {
	for _, c := range []struct {
		name, env, arch, compiler string
		dirs                      []string
		model                     rules.Model // what the tree's .config makes the default
	}{
		{"arm64", "KPREEMPT_KERNEL_ARM64", "arm64", "aarch64-linux-gnu-gcc", []string{"arch/arm64/kernel", "arch/arm64/crypto", "arch/arm64/mm", "kernel/sched", "kernel/irq"}, rules.BothModels},
		{"powerpc", "KPREEMPT_KERNEL_POWERPC", "powerpc", "powerpc64le-linux-gnu-gcc", []string{"arch/powerpc/kernel", "arch/powerpc/crypto", "arch/powerpc/mm", "kernel/sched", "kernel/irq"}, rules.Classic},
		{"6.1", "KPREEMPT_KERNEL_6_1", "x86", "gcc", []string{"kernel/sched", "kernel/irq", "kernel/time", "kernel/locking", "net/core"}, rules.Classic},
		{"rt", "KPREEMPT_KERNEL_RT", "x86", "gcc", []string{"kernel/locking", "kernel/sched", "kernel/irq"}, rules.RTModel},
	} {
		t.Run(c.name, func(t *testing.T) {
			tree := kernelTree(t, c.env)
			if tree.Arch != c.arch {
				t.Fatalf("%s: the tree's architecture is %q, want %q", tree.Root, tree.Arch, c.arch)
			}
			if tree.DB == nil {
				t.Fatalf("%s has no compile_commands.json", tree.Root)
			}
			u := tree.Unit(filepath.Join(tree.Root, "kernel/sched/core.c"))
			if filepath.Base(u.Compiler) != c.compiler {
				t.Errorf("kernel/sched/core.c is compiled with %q, want %s", u.Compiler, c.compiler)
			}
			// Files of the directories the fixture built: those with a
			// compile_commands.json entry.
			var files []string
			for _, d := range c.dirs {
				m, _ := filepath.Glob(filepath.Join(tree.Root, d, "*.c"))
				for _, f := range m {
					if _, ok := tree.DB.Units[f]; ok {
						files = append(files, f)
					}
				}
			}
			rep := checkTreeDirs(t, tree, files)
			if rep.Model != string(c.model) {
				t.Errorf("checked for %q, want %q", rep.Model, c.model)
			}
			for _, f := range rep.Findings {
				if !c.model.Shows(rules.Model(f.Model)) {
					t.Errorf("%s:%d: a finding for %s in a run for %s", f.File, f.Line, f.Model, c.model)
				}
			}
		})
	}
}

// TestKernelConfigs checks trees configured as developers configure
// them outside defconfig (allmodconfig, Debian's distribution config;
// scripts/kernel-fixture.sh --configs), prepared and not built: no
// compile_commands.json, so each file is read with the command a dry run
// of kbuild gives it. The files are a sample, spread evenly, of what the
// .config compiles in directories whose Makefiles add flags and include
// directories through variables (amdgpu with its display core and
// amdkfd, i915, sound's HD-audio, btrfs, the Intel Ethernet drivers).
func TestKernelConfigs(t *testing.T) {
	dirs := []string{"drivers/gpu/drm/amd/amdgpu", "drivers/gpu/drm/i915", "sound/pci/hda", "fs/btrfs",
		"drivers/net/ethernet/intel/ice", "net/netfilter"}
	per := 4
	if n, err := strconv.Atoi(os.Getenv("KPREEMPT_CONFIG_SAMPLE")); err == nil && n > 0 {
		per = n
	}
	for _, c := range []struct{ name, env string }{{"allmodconfig", "KPREEMPT_KERNEL_ALLMOD"}, {"debian", "KPREEMPT_KERNEL_DEBIAN"}} {
		t.Run(c.name, func(t *testing.T) {
			tree := kernelTree(t, c.env)
			if tree.DB != nil {
				t.Fatalf("%s has a compile_commands.json: the test is of trees without one", tree.Root)
			}
			var files []string
			for _, d := range dirs {
				compiled, err := tree.Compiled(d)
				if err != nil {
					t.Fatal(err)
				}
				if len(compiled) == 0 {
					t.Errorf("%s: the .config compiles nothing in %s", tree.Root, d)
					continue
				}
				for i := range min(per, len(compiled)) {
					files = append(files, filepath.Join(tree.Root, compiled[i*len(compiled)/min(per, len(compiled))]))
				}
			}
			checkTreeDirs(t, tree, files)
		})
	}
}

// TestModelsInTrees checks the PREEMPT_RT testdata as files of each
// fixture tree: findings that hold on PREEMPT_RT only land in the runs
// for a tree that is or may be RT, and none other; those that hold on
// every kernel land in all.
func TestModelsInTrees(t *testing.T) {
	dir, _ := filepath.Abs(filepath.Join("..", "testdata", "csrc", "rt"))
	files, _ := filepath.Glob(filepath.Join(dir, "*.c"))
	var perModel map[string]int
	for _, c := range []struct {
		env   string
		model rules.Model
	}{
		{"KPREEMPT_KERNEL", rules.BothModels},
		{"KPREEMPT_KERNEL_RT", rules.RTModel},
		{"KPREEMPT_KERNEL_POWERPC", rules.Classic},
	} {
		tree := kernelTree(t, c.env)
		targets := &Targets{Root: dir, Tree: tree}
		for _, f := range files {
			targets.Items = append(targets.Items, Target{Unit: kbuild.Standalone(f)})
		}
		rep := Check(Options{NoFacts: true}, targets)
		got := map[string]int{}
		for _, f := range rep.Findings {
			got[f.Model]++
		}
		t.Logf("%s (%s): checked for %s: %v", c.env, tree.Root, rep.Model, got)
		if rep.Model != string(c.model) {
			t.Errorf("%s: checked for %q, want %q", c.env, rep.Model, c.model)
		}
		switch c.model {
		case rules.BothModels:
			perModel = got
			if got["rt"] == 0 || got["both"] == 0 || got["classic"] == 0 {
				t.Errorf("%s: %v, want findings of each model", c.env, got)
			}
		case rules.RTModel:
			if got["rt"] != perModel["rt"] || got["both"] != perModel["both"] || got["classic"] != 0 {
				t.Errorf("%s: %v, want %v without classic-only findings", c.env, got, perModel)
			}
		case rules.Classic:
			if got["rt"] != 0 || got["both"] != perModel["both"] || got["classic"] != perModel["classic"] {
				t.Errorf("%s: %v, want %v without RT-only findings", c.env, got, perModel)
			}
		}
	}
}

// checkTreeDirs checks files or directories of a tree: at least 99% of
// the files must parse and be analysed, and none may crash the analysis.
func checkTreeDirs(t *testing.T, tree *kbuild.Tree, dirs []string) *Report {
	t.Helper()
	targets, err := Discover(tree.Root, dirs, "")
	if err != nil {
		t.Fatal(err)
	}
	files := len(targets.Items)
	if files == 0 {
		t.Fatalf("no files under %v", dirs)
	}
	rep := Check(Options{FactsDir: t.TempDir()}, targets)
	crashed := 0
	for _, f := range rep.Stats.FailedFiles {
		if strings.Contains(f.Error, "internal error") {
			crashed++
			t.Errorf("%s", f.Error)
		} else {
			t.Logf("%s", f.Error)
		}
	}
	failed := len(rep.Stats.FailedFiles)
	rate := 100 * float64(files-failed) / float64(files)
	perRule := map[string]int{}
	for _, f := range rep.Findings {
		perRule[f.Rule]++
	}
	t.Logf("%d files, %d analysed (%.1f%%), %d failed, %d crashed, %d findings %v", files, files-failed, rate, failed, crashed, len(rep.Findings), perRule)
	if rate < 99 {
		t.Errorf("parse-and-analyse rate %.1f%% is below 99%%", rate)
	}
	return rep
}

// TestConfigIndependence checks that a file gives the same findings in a
// default tree and in one configured with PREEMPT_NONE, where
// preempt_disable() expands to barrier().
func TestConfigIndependence(t *testing.T) {
	def := kernelTree(t, "KPREEMPT_KERNEL")
	none := kernelTree(t, "KPREEMPT_KERNEL_NONE")
	matches, _ := filepath.Glob(filepath.Join("..", "testdata", "csrc", "*", "*.c"))
	if len(matches) == 0 {
		t.Fatal("no testdata")
	}
	total := 0
	defer func() {
		if total == 0 && !t.Failed() {
			t.Error("no findings in either tree: the comparison shows nothing")
		}
		t.Logf("%d files, %d findings, identical in both configurations", len(matches), total)
	}()
	for _, src := range matches {
		body, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		var got [2]string
		for i, tree := range []*kbuild.Tree{def, none} {
			// The file is checked as if it were kernel/<name> of each tree,
			// without writing it there.
			u := tree.Unit(filepath.Join(tree.Root, "kernel", "kpreempt-test-"+filepath.Base(src)))
			// Its own "..." headers stay next to it in testdata.
			dir, _ := filepath.Abs(filepath.Dir(src))
			u.QuoteDirs = append(append([]string(nil), u.QuoteDirs...), dir)
			rep := Check(Options{NoFacts: true}, &Targets{Root: tree.Root, Items: []Target{{Unit: u, Content: body}}, Tree: tree})
			if len(rep.Stats.FailedFiles) > 0 {
				t.Errorf("%s in %s: %v", src, tree.Root, rep.Stats.FailedFiles[0].Error)
				continue
			}
			var lines []string
			for _, f := range rep.Findings {
				lines = append(lines, f.Rule+" "+f.Message+" @"+strconv.Itoa(f.Line))
			}
			got[i] = strings.Join(lines, "\n")
			if i == 0 {
				total += len(lines)
			}
		}
		if got[0] != got[1] {
			t.Errorf("%s: findings differ between configurations:\ndefault:\n%s\nPREEMPT_NONE:\n%s", src, got[0], got[1])
		}
	}
}

// TestDocExamplesInTree places the examples of preempt-locking.rst
// (testdata/csrc/doc) in the fixture tree as new files of kernel/, next
// to the facts of every unit of the tree: their functions have no caller
// in the program, so they are entered preemptible and reported exactly as
// when the file is checked on its own.
func TestDocExamplesInTree(t *testing.T) {
	tree := kernelTree(t, "KPREEMPT_KERNEL")
	whole, err := Discover(tree.Root, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	// The tree's facts, in its store (kept between runs; only units whose
	// facts are stale are read again).
	done, failed := Summarize(Options{}, whole)
	t.Logf("facts of %d units of the tree, %d failed", done, len(failed))
	matches, _ := filepath.Glob(filepath.Join("..", "testdata", "csrc", "doc", "*.c"))
	if len(matches) == 0 {
		t.Fatal("no testdata/csrc/doc")
	}
	for _, src := range matches {
		body, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		standalone, err := Discover("", []string{src}, filepath.Dir(src))
		if err != nil {
			t.Fatal(err)
		}
		alone := Check(Options{}, standalone)
		path := filepath.Join(tree.Root, "kernel", "kpreempt-doc-"+filepath.Base(src))
		in := Check(Options{NoFactsWarning: true}, &Targets{Root: tree.Root, Tree: tree,
			Items: []Target{{Unit: tree.Unit(path), Content: body, Key: path}}})
		if len(in.Stats.FailedFiles) > 0 {
			t.Errorf("%s in the tree: %s", src, in.Stats.FailedFiles[0].Error)
			continue
		}
		var a, b []string
		for _, f := range alone.Findings {
			a = append(a, fmt.Sprintf("%d %s %s", f.Line, f.Rule, f.Message))
		}
		for _, f := range in.Findings {
			if f.File == filepath.ToSlash(filepath.Join("kernel", "kpreempt-doc-"+filepath.Base(src))) {
				b = append(b, fmt.Sprintf("%d %s %s", f.Line, f.Rule, f.Message))
			}
		}
		if strings.Join(a, "\n") != strings.Join(b, "\n") || len(a) == 0 && strings.Contains(string(body), "want") {
			t.Errorf("%s: standalone and in the tree differ:\nstandalone:\n%s\nin the tree:\n%s", filepath.Base(src), strings.Join(a, "\n"), strings.Join(b, "\n"))
		}
	}
}
