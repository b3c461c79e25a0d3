package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/internal/wanttest"
)

// TestCSource runs every rule over testdata/csrc through the whole
// pipeline (suppression comments included) and compares the findings
// with the files' want comments.
func TestCSource(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "testdata", "csrc"))
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
			targets, err := Discover("", []string{f}, filepath.Dir(f))
			if err != nil {
				t.Fatal(err)
			}
			rep := Check(Options{}, targets)
			if len(rep.Stats.FailedFiles) > 0 {
				t.Fatal(rep.Stats.FailedFiles[0].Error)
			}
			var got []wanttest.Finding
			for _, x := range rep.Findings {
				if x.File != filepath.Base(f) {
					t.Errorf("finding outside the file: %s:%d: %s", x.File, x.Line, x.Message)
					continue
				}
				got = append(got, wanttest.Finding{Line: x.Line, Message: x.Message})
			}
			for _, p := range wanttest.Check(wants, got) {
				t.Errorf("%s:%s", f, p)
			}
		})
	}
}
