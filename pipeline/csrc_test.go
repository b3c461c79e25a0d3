package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/internal/wanttest"
)

// TestCSource runs every rule over testdata/csrc through the whole
// pipeline (suppression comments included) and compares the findings
// with the files' want comments. Each directory is checked as one run,
// as kpreempt check DIR checks it: its files form one program (the
// cases of testdata/csrc/interproc/ call across files).
func TestCSource(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "testdata", "csrc"))
	dirs := map[string][]string{}
	headers := map[string][]string{} // their want comments are checked too
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || d.IsDir():
		case strings.HasSuffix(p, ".c"):
			dirs[filepath.Dir(p)] = append(dirs[filepath.Dir(p)], p)
		case strings.HasSuffix(p, ".h"):
			headers[filepath.Dir(p)] = append(headers[filepath.Dir(p)], p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatalf("no C files under %s", root)
	}
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, dir := range names {
		name, _ := filepath.Rel(root, dir)
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			targets, err := Discover("", []string{dir}, dir)
			if err != nil {
				t.Fatal(err)
			}
			rep := Check(Options{}, targets)
			if len(rep.Stats.FailedFiles) > 0 {
				t.Fatal(rep.Stats.FailedFiles[0].Error)
			}
			got := map[string][]wanttest.Finding{}
			for _, x := range rep.Findings {
				got[x.File] = append(got[x.File], wanttest.Finding{Line: x.Line, Message: x.Message})
			}
			for _, f := range append(dirs[dir], headers[dir]...) {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				wants, err := wanttest.Parse(string(src))
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				base := filepath.Base(f)
				for _, p := range wanttest.Check(wants, got[base]) {
					t.Errorf("%s:%s", f, p)
				}
				delete(got, base)
			}
			for file, fs := range got {
				for _, x := range fs {
					t.Errorf("finding outside the checked files: %s:%d: %s", file, x.Line, x.Message)
				}
			}
		})
	}
}
