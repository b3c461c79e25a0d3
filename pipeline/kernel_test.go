package pipeline

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
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
	t.Logf("%d files, %d analysed (%.1f%%), %d failed, %d crashed, %d findings", files, files-failed, rate, failed, crashed, len(rep.Findings))
	if rate < 99 {
		t.Errorf("parse-and-analyse rate %.1f%% is below 99%%", rate)
	}
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
