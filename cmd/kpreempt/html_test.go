package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/internal/wanttest"
	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/report/maintainers"
)

// htmlTree is the fixture tree of the HTML report: a MAINTAINERS file and
// C files with want comments under its entries.
func htmlTree(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "html", "tree"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// jsonReport runs check --format json on paths and returns the report
// and where it is saved.
func jsonReport(t *testing.T, args ...string) (*report.Result, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.json")
	if code, _, errs := kpreempt(t, append([]string{"check", "--format", "json", "-o", out}, args...)...); code != 1 {
		t.Fatalf("check %v: exit %d, want 1 (findings): %s", args, code, errs)
	}
	var r report.Result
	if err := json.Unmarshal(mustRead(t, out), &r); err != nil {
		t.Fatal(err)
	}
	return &r, out
}

// siteFiles reads a site's files, by name relative to its top.
func siteFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(mustRead(t, p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func oneLine(t *testing.T, what string, code int, errs string) {
	t.Helper()
	if code != 2 || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "kpreempt: ") {
		t.Errorf("%s: exit %d, stderr %q; want exit 2 and one line", what, code, errs)
	}
}

func TestHTMLAndDigest(t *testing.T) {
	tree := htmlTree(t)
	r, saved := jsonReport(t, "--srcroot", tree, tree)

	// The fixture's findings are its want comments.
	byFile := map[string][]wanttest.Finding{}
	for _, f := range r.Findings {
		byFile[f.File] = append(byFile[f.File], wanttest.Finding{Line: f.Line, Message: f.Message})
	}
	err := filepath.WalkDir(tree, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".c") {
			return err
		}
		rel, _ := filepath.Rel(tree, p)
		wants, err := wanttest.Parse(string(mustRead(t, p)))
		if err != nil {
			return err
		}
		for _, problem := range wanttest.Check(wants, byFile[filepath.ToSlash(rel)]) {
			t.Errorf("%s: %s", rel, problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	code, out, errs := kpreempt(t, "check", "--format", "html", "-o", site, "--srcroot", tree, tree)
	if code != 1 || out != "" {
		t.Fatalf("check --format html: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	files := siteFiles(t, site)
	pages := 0
	for name := range files {
		if strings.HasPrefix(name, "findings/") {
			pages++
		}
	}
	if pages != len(r.Findings) || !strings.Contains(files["index.html"], "TOY SCHEDULER") {
		t.Errorf("%d pages for %d findings; index grouped by MAINTAINERS: %v", pages, len(r.Findings), strings.Contains(files["index.html"], "TOY SCHEDULER"))
	}

	// The site of the saved report is the same, byte for byte.
	again := filepath.Join(dir, "again")
	if code, _, errs := kpreempt(t, "report", "html", saved, "--root", tree, "-o", again); code != 0 || errs != "" {
		t.Fatalf("report html: exit %d: %s", code, errs)
	}
	if got := siteFiles(t, again); len(got) != len(files) {
		t.Errorf("report html wrote %d files, check --format html %d", len(got), len(files))
	} else {
		for name, data := range files {
			if got[name] != data {
				t.Errorf("%s differs between check --format html and report html of its JSON", name)
			}
		}
	}
	// From SARIF (which records the root), the same pages.
	sarif := filepath.Join(dir, "out.sarif")
	if code, _, _ := kpreempt(t, "check", "--format", "sarif", "-o", sarif, "--srcroot", tree, tree); code != 1 {
		t.Fatalf("sarif: exit %d", code)
	}
	fromSARIF := filepath.Join(dir, "sarif-site")
	if code, _, errs := kpreempt(t, "report", "html", sarif, "-o", fromSARIF); code != 0 || errs != "" {
		t.Fatalf("report html of SARIF: exit %d: %s", code, errs)
	}
	for name, data := range siteFiles(t, fromSARIF) {
		if strings.HasPrefix(name, "findings/") && data != files[name] {
			t.Errorf("%s differs between the sites of the JSON and the SARIF report", name)
		}
	}

	// A site replaces a site; anything else is refused before the run.
	if code, _, errs := kpreempt(t, "check", "--format", "html", "-o", site, "--srcroot", tree, tree); code != 1 {
		t.Errorf("rewriting a site: exit %d %s", code, errs)
	}
	code, _, errs = kpreempt(t, "check", "--format", "html", "-o", tree, tree)
	oneLine(t, "a non-empty directory", code, errs)
	if !strings.Contains(errs, "not empty") {
		t.Errorf("refusing a non-empty directory: %q", errs)
	}
	code, _, errs = kpreempt(t, "check", "--format", "html", tree)
	oneLine(t, "html without -o", code, errs)
	code, _, errs = kpreempt(t, "check", "--format", "htm", tree)
	oneLine(t, "an unknown format", code, errs)
	if !strings.Contains(errs, "digest") || !strings.Contains(errs, "html") {
		t.Errorf("unknown format does not list html and digest: %q", errs)
	}
	code, _, errs = kpreempt(t, "report", "html", filepath.Join(tree, "MAINTAINERS"), "-o", filepath.Join(dir, "x"))
	oneLine(t, "report of a non-report", code, errs)
	code, _, errs = kpreempt(t, "report", "html")
	oneLine(t, "report without a file", code, errs)
	code, _, errs = kpreempt(t, "report", "digest", saved, "--maintainers", filepath.Join(tree, "kernel", "toy", "sched.c"))
	oneLine(t, "a C file as MAINTAINERS", code, errs)
	if entries, _ := os.ReadDir(dir); len(entries) != 4 {
		t.Errorf("left beside the sites: %v", entries)
	}

	// The digest: one section per entry, with its addresses.
	code, digest, errs := kpreempt(t, "report", "digest", saved, "--root", tree)
	if code != 0 || errs != "" {
		t.Fatalf("report digest: exit %d: %s", code, errs)
	}
	mf, err := maintainers.Load(filepath.Join(tree, "MAINTAINERS"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		for _, e := range mf.Sections(f.File) {
			section := e.Name + "\n" + strings.Repeat("=", len(e.Name)) + "\n"
			if !strings.Contains(digest, section) || !strings.Contains(digest, "To: "+strings.Join(e.Maintainers, ", ")+"\n") {
				t.Errorf("digest has no section %q with its maintainers:\n%s", e.Name, digest)
			}
		}
	}
	if code, direct, _ := kpreempt(t, "check", "--format", "digest", "--srcroot", tree, tree); code != 1 || direct != digest {
		t.Errorf("check --format digest (exit %d) differs from report digest:\n%s", code, direct)
	}
	// Without MAINTAINERS: by top-level directory, and said.
	code, digest, _ = kpreempt(t, "report", "digest", saved, "--root", dir)
	if code != 0 || !strings.Contains(digest, "by top-level directory") || !strings.Contains(digest, "\nkernel/\n") {
		t.Errorf("digest without MAINTAINERS (exit %d):\n%s", code, digest)
	}
}

func TestHTMLBaseline(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	base := filepath.Join(dir, "base.json")
	if code, _, _ := kpreempt(t, "check", "--format", "json", "-o", base, bad); code != 1 {
		t.Fatalf("exit %d", code)
	}
	site := filepath.Join(dir, "site")
	if code, _, errs := kpreempt(t, "check", "--format", "html", "--baseline", base, "-o", site, bad); code != 0 {
		t.Errorf("nothing new: exit %d %s", code, errs)
	}
	if index := string(mustRead(t, filepath.Join(site, "index.html"))); !strings.Contains(index, `data-status="known"`) || strings.Contains(index, `data-status="new"`) {
		t.Error("the baseline's finding is not marked known")
	}
	write(t, dir, "racy.c", racy+"\nint more(void)\n{\n\treturn smp_processor_id();\n}\n")
	if code, _, errs := kpreempt(t, "check", "--format", "html", "--baseline", base, "-o", site, bad); code != 1 {
		t.Errorf("a new finding: exit %d %s", code, errs)
	}
	index := string(mustRead(t, filepath.Join(site, "index.html")))
	if strings.Count(index, `data-status="known"`) != 1 || strings.Count(index, `data-status="new"`) != 1 {
		t.Error("want one known and one new finding on the index")
	}
	code, digest, _ := kpreempt(t, "check", "--format", "digest", "--baseline", base, bad)
	if code != 1 || !strings.Contains(digest, "(1 new, 1 known)") || strings.Count(digest, "(new)\n") != 1 {
		t.Errorf("digest with a baseline (exit %d):\n%s", code, digest)
	}
	// Other formats still leave the baseline's findings out.
	if code, out, _ := kpreempt(t, "report", "text", base, "--baseline", base, "--root", dir); code != 0 || out != "" {
		t.Errorf("report text --baseline itself: exit %d %q", code, out)
	}
}
