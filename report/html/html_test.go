package html

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/kpreempt/kpreempt/pipeline"
	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/report/maintainers"
	"github.com/kpreempt/kpreempt/suppress"
)

// check runs kpreempt over dir, naming files relative to srcroot.
func check(t *testing.T, dir, srcroot string) *report.Result {
	t.Helper()
	dir, _ = filepath.Abs(dir)
	srcroot, _ = filepath.Abs(srcroot)
	targets, err := pipeline.Discover("", []string{dir}, srcroot)
	if err != nil {
		t.Fatal(err)
	}
	rep := pipeline.Check(pipeline.Options{}, targets)
	if len(rep.Stats.FailedFiles) > 0 {
		t.Fatal(rep.Stats.FailedFiles[0].Error)
	}
	if len(rep.Findings) == 0 {
		t.Fatalf("no findings in %s", dir)
	}
	return rep.Result
}

var fixture = filepath.Join("..", "..", "testdata", "html", "tree")

// render renders a report and checks every page; it returns the files and
// the parsed pages.
func render(t *testing.T, r *report.Result, opt Options) (map[string][]byte, map[string]*xhtml.Node) {
	t.Helper()
	files, err := Files(r, opt)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Files(r, opt)
	if err != nil || !reflect.DeepEqual(files, again) {
		t.Errorf("two renderings of one report differ (%v)", err)
	}
	docs := map[string]*xhtml.Node{}
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			docs[name] = checkHTML(t, name, data, files)
		}
	}
	for _, must := range []string{"index.html", "index.js", "style.css", Marker} {
		if files[must] == nil {
			t.Errorf("the site has no %s", must)
		}
	}
	return files, docs
}

// rows are the findings' rows of the index, in order.
func rows(t *testing.T, index *xhtml.Node) []*xhtml.Node {
	t.Helper()
	for _, table := range elements(index, "table", "") {
		if attr(table, "id") == "findings" {
			return elements(elements(table, "tbody", "")[0], "tr", "")
		}
	}
	t.Fatal("no table#findings in the index")
	return nil
}

// checkPages checks each finding's page: the path lists the trace's
// steps and the finding in order, each step shown in the source is
// marked there with its number, and the finding's own line is marked
// as the end of the path.
func checkPages(t *testing.T, r *report.Result, docs map[string]*xhtml.Node, index *xhtml.Node) {
	t.Helper()
	rs := rows(t, index)
	if len(rs) != len(r.Findings) {
		t.Fatalf("index has %d rows, the report %d findings", len(rs), len(r.Findings))
	}
	for i, f := range r.Findings {
		links := elements(rs[i], "a", "")
		if len(links) == 0 {
			t.Fatalf("row %d has no link", i+1)
		}
		name := attr(links[0], "href")
		doc := docs[name]
		if doc == nil {
			t.Fatalf("row %d links to %s, not a page of the site", i+1, name)
		}
		var steps []*xhtml.Node
		for _, ol := range elements(doc, "ol", "") {
			if attr(ol, "id") == "path" {
				steps = elements(ol, "li", "")
			}
		}
		if len(steps) != len(f.Trace)+1 {
			t.Errorf("%s: %d steps, want the %d notes and the finding", name, len(steps), len(f.Trace))
			continue
		}
		badges := map[string]bool{}
		for _, b := range elements(doc, "a", "badge") {
			badges[attr(b, "data-step")] = true
		}
		for j, li := range steps {
			n := strconv.Itoa(j + 1)
			if attr(li, "data-step") != n {
				t.Errorf("%s: step %d is numbered %q", name, j+1, attr(li, "data-step"))
			}
			want := f.Message
			file, line := f.File, f.Line
			if j < len(f.Trace) {
				want, file, line = f.Trace[j].Note, f.Trace[j].File, f.Trace[j].Line
			}
			if got := text(li); !strings.Contains(got, want) || !strings.Contains(got, file+":"+strconv.Itoa(line)) {
				t.Errorf("%s: step %d reads %q, want %s:%d %q", name, j+1, got, file, line, want)
			}
			if !badges[n] {
				t.Errorf("%s: step %d is not marked in the source", name, j+1)
			}
		}
		final := elements(doc, "tr", "final")
		if len(final) != 1 || !strings.HasPrefix(text(final[0]), strconv.Itoa(f.Line)) {
			t.Errorf("%s: the finding's line %d is not marked once as the path's end", name, f.Line)
		}
	}
}

func TestSiteOfExamples(t *testing.T) {
	r := check(t, filepath.Join("..", "..", "testdata", "csrc"), filepath.Join("..", ".."))
	_, docs := render(t, r, Options{Generator: "kpreempt test"})
	if len(docs) != len(r.Findings)+1 {
		t.Errorf("%d pages for %d findings", len(docs), len(r.Findings))
	}
	index := docs["index.html"]
	checkPages(t, r, docs, index)
	if !strings.Contains(text(index), "No MAINTAINERS file") {
		t.Error("the index does not say that, without MAINTAINERS, findings are grouped by directory")
	}
	// A call chain across functions shows each function's source.
	frames := 0
	for _, d := range docs {
		frames = max(frames, len(elements(d, "section", "frame")))
	}
	if frames < 3 {
		t.Errorf("no page shows a chain of three functions or more (at most %d)", frames)
	}
}

func TestSiteOfTree(t *testing.T) {
	r := check(t, fixture, fixture)
	mf, err := maintainers.Load(filepath.Join(fixture, "MAINTAINERS"))
	if err != nil {
		t.Fatal(err)
	}
	known := func(f report.Finding) bool { return f.Rule == "lock-owner" }
	_, docs := render(t, r, Options{Maintainers: mf, MaintainersPath: "MAINTAINERS", Known: known, Generator: "kpreempt test"})
	index := docs["index.html"]
	checkPages(t, r, docs, index)
	people := map[string]bool{}
	for i, row := range rows(t, index) {
		f := r.Findings[i]
		var entries, ms []string
		if err := json.Unmarshal([]byte(attr(row, "data-entries")), &entries); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(attr(row, "data-maintainers")), &ms); err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, e := range mf.Sections(f.File) {
			want = append(want, e.Name)
			for _, m := range e.Maintainers {
				people[m] = true
			}
		}
		if !reflect.DeepEqual(entries, want) || len(ms) == 0 {
			t.Errorf("%s: entries %q maintainers %q, want entries %q", f.File, entries, ms, want)
		}
		status := "new"
		if known(f) {
			status = "known"
		}
		if attr(row, "data-status") != status {
			t.Errorf("%s: status %q, want %q", f.File, attr(row, "data-status"), status)
		}
	}
	var options []string
	for _, sel := range elements(index, "select", "") {
		if attr(sel, "id") == "f-maintainer" {
			for _, o := range elements(sel, "option", "") {
				if v := attr(o, "value"); v != "" {
					options = append(options, v)
				}
			}
		}
	}
	if len(options) != len(people) {
		t.Errorf("maintainer filter offers %q, want the %d maintainers of the findings", options, len(people))
	}

	// Markup in the source is text: no element comes of it, and the
	// text reads as written.
	escaped := 0
	for name, doc := range docs {
		if n := len(elements(doc, "img", "")); n > 0 {
			t.Errorf("%s: %d <img> elements", name, n)
		}
		scripts := elements(doc, "script", "")
		if name == "index.html" && (len(scripts) != 1 || attr(scripts[0], "src") != "index.js") ||
			name != "index.html" && len(scripts) > 0 {
			t.Errorf("%s: unexpected <script> elements", name)
		}
		if strings.Contains(text(doc), `"</script><img src=x onerror=alert(3)>"`) {
			escaped++
		}
	}
	if escaped == 0 {
		t.Error("no page shows escape.c's string as text")
	}

	// The suppression comment the page offers is one kpreempt honours.
	for name, doc := range docs {
		for _, c := range elements(doc, "code", "") {
			if attr(c, "id") != "suppress-comment" {
				continue
			}
			cs := suppress.Parse([]byte(text(c) + "\n"))
			if len(cs) != 1 || cs[0].Problem != "" || len(cs[0].Rules) != 1 {
				t.Errorf("%s: suggested comment %q does not parse as a suppression: %+v", name, text(c), cs)
			}
		}
	}
}

func TestExtents(t *testing.T) {
	src := `#include <x.h>
#define BRACE {
static const char *s = "{ not a brace";
static char c = '{';

/* { in a comment */
struct ops { int (*f)(void); };

static int one(int a)
{
	if (a) {	// {
		return 1;
	}
	return 0;
}

#ifdef CONFIG_X
static void two(int a) {
#else
static void two(void) {
#endif
	one(2);
}

static const struct ops ops = {
	.f = NULL,
};
`
	got := extents([]byte(src))
	want := []extent{
		{Start: 7, Open: 7, End: 7, Doc: 6},
		{Start: 9, Open: 10, End: 15, Name: "one", Doc: 9},
		// Both headers: the first branch's opening brace is undone at #else.
		{Start: 18, Open: 20, End: 23, Name: "two", Doc: 18},
		{Start: 25, Open: 25, End: 27, Name: "ops", Doc: 25},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("extents:\n got %+v\nwant %+v", got, want)
	}
	if e, ok := find(got, 12); !ok || e.Name != "one" {
		t.Errorf("line 12 is in %+v %v", e, ok)
	}
	if _, ok := find(got, 17); ok {
		t.Error("line 17 is in no function")
	}
}

func TestDest(t *testing.T) {
	r := check(t, fixture, fixture)
	dir := t.TempDir()
	out := filepath.Join(dir, "site")
	write := func() error {
		d, err := Create(out)
		if err != nil {
			return err
		}
		return d.Write(r, Options{})
	}
	if err := write(); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "findings", "stale.html")
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := write(); err != nil {
		t.Fatalf("replacing a site: %v", err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a file of the replaced site is left")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("beside the site: %v", entries)
	}

	// A directory that is not a site is not touched.
	other := filepath.Join(dir, "other")
	os.Mkdir(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := Create(other); err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("non-empty directory: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "mine" {
		t.Error("the directory was changed")
	}
	if _, err := Create(filepath.Join(other, "notes.txt")); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("a file: %v", err)
	}
	if _, err := Create(filepath.Join(dir, "no", "such")); err == nil {
		t.Error("a directory in a missing one")
	}
	if _, err := Create(""); err == nil {
		t.Error("no name")
	}
	// An empty directory is filled; an abandoned one leaves nothing.
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	d, err := Create(empty)
	if err != nil {
		t.Fatal(err)
	}
	d.Abandon()
	entries, _ = os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("after Abandon: %v", entries)
	}
	if d, err = Create(empty); err != nil {
		t.Fatal(err)
	}
	if err := d.Write(r, Options{}); err != nil {
		t.Fatal(err)
	}
	index, _ := os.ReadFile(filepath.Join(empty, "index.html"))
	if !bytes.Contains(index, []byte("kpreempt report")) {
		t.Error("the empty directory did not receive the site")
	}
}
