package driver

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/cparse"
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
	var paths []string
	for _, d := range dirs {
		paths = append(paths, filepath.Join(tree.Root, d))
	}
	files, err := tree.Files(paths)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no files under %v", dirs)
	}
	units := make([]*kbuild.Unit, len(files))
	for i, f := range files {
		units[i] = tree.Unit(f)
	}
	results := Run(units, Options{})
	failed, crashed, findings := 0, 0, 0
	for _, r := range results {
		findings += len(r.Diags)
		if r.Err == nil {
			continue
		}
		failed++
		var pe *cparse.Error
		if errors.As(r.Err, &pe) && strings.HasPrefix(pe.Msg, "internal error") {
			crashed++
			t.Errorf("%s: %s", r.Unit.Display, pe.Msg)
		} else {
			t.Logf("%s: %v", r.Unit.Display, r.Err)
		}
	}
	rate := 100 * float64(len(files)-failed) / float64(len(files))
	t.Logf("%d files, %d analysed (%.1f%%), %d failed, %d crashed, %d findings", len(files), len(files)-failed, rate, failed, crashed, findings)
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
			r := CheckSource(u, body, rules.All())
			if r.Err != nil {
				t.Errorf("%s in %s: %v", src, tree.Root, r.Err)
				continue
			}
			var lines []string
			for _, d := range r.Diags {
				lines = append(lines, d.Rule+" "+d.Message+" @"+strconv.Itoa(d.Pos.Line))
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
