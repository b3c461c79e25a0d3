package driver

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/internal/wanttest"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/rules"
)

// TestCSource runs every rule over testdata/csrc and compares the findings
// with the files' want comments.
func TestCSource(t *testing.T) {
	debugPanics = true
	root := filepath.Join("..", "testdata", "csrc")
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".c") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no C files under %s", root)
	}
	for _, f := range files {
		name, _ := filepath.Rel(root, f)
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			wants, err := wanttest.Parse(string(src))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			res := Check(kbuild.Standalone(f), rules.All())
			if res.Err != nil {
				t.Fatalf("%v", res.Err)
			}
			var got []wanttest.Finding
			for _, d := range res.Diags {
				if d.Pos.File != f {
					t.Errorf("finding outside the file: %s: %s", d.Pos, d.Message)
					continue
				}
				got = append(got, wanttest.Finding{Line: d.Pos.Line, Message: d.Message})
			}
			for _, p := range wanttest.Check(wants, got) {
				t.Errorf("%s:%s", f, p)
			}
		})
	}
}
