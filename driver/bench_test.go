package driver

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/rules"
)

// BenchmarkCheckTestdata checks every file of testdata/csrc (standalone
// units against the stub headers) per iteration.
func BenchmarkCheckTestdata(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "csrc", "*", "*.c"))
	if len(files) == 0 {
		b.Fatal("no testdata")
	}
	units := make([]*kbuild.Unit, len(files))
	for i, f := range files {
		units[i] = kbuild.Standalone(f)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, r := range Run(units, Options{Jobs: 1, Rules: rules.All()}) {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(len(units)), "files/op")
}

// BenchmarkCheckKernelFile checks kernel/sched/core.c of the tree named
// by KPREEMPT_KERNEL per iteration (the headers are cached after the
// first).
func BenchmarkCheckKernelFile(b *testing.B) {
	root := os.Getenv("KPREEMPT_KERNEL")
	if root == "" {
		b.Skip("KPREEMPT_KERNEL is not set")
	}
	tree, err := kbuild.FindTree(root)
	if err != nil || tree == nil {
		b.Fatalf("%s: %v", root, err)
	}
	u := tree.Unit(filepath.Join(tree.Root, "kernel", "sched", "core.c"))
	b.ReportAllocs()
	for range b.N {
		if r := Check(u, rules.All()); r.Err != nil {
			b.Fatal(r.Err)
		}
	}
}
