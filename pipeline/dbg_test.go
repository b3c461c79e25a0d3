package pipeline

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDbgContent(t *testing.T) {
	tree := kernelTree(t, "KPREEMPT_KERNEL")
	f := filepath.Join(tree.Root, os.Getenv("DBG_FILE"))
	src, _ := os.ReadFile(os.Getenv("DBG_SRC"))
	got, failed := checkOne(tree, f, src)
	t.Logf("failed %q", failed)
	for _, x := range got {
		t.Logf("  %d %s %s %s", x.Line, x.Rule, x.Function, x.Message)
	}
}
