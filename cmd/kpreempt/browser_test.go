package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/report/maintainers"
)

// browser is a headless Chromium tab that fails the test on any
// JavaScript exception or dialog of the pages it opens.
type browser struct {
	t         *testing.T
	ctx       context.Context
	mu        sync.Mutex
	incidents []string
	artifacts string
}

// newBrowser starts Debian's chromium (KPREEMPT_CHROMIUM names another
// binary). It skips when there is none, unless KPREEMPT_REQUIRE_BROWSER
// is set (CI installs it).
func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := os.Getenv("KPREEMPT_CHROMIUM")
	if exe == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				exe = p
				break
			}
		}
	}
	if exe == "" {
		if os.Getenv("KPREEMPT_REQUIRE_BROWSER") != "" {
			t.Fatal("no chromium to test the HTML report in (scripts/install-test-deps.sh installs it)")
		}
		t.Skip("no chromium: the HTML report is not tested in a browser (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &browser{t: t}
	ctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			b.incidents = append(b.incidents, "JavaScript exception: "+e.ExceptionDetails.Text)
		case *page.EventJavascriptDialogOpening:
			b.incidents = append(b.incidents, "a dialog opened: "+e.Message)
		}
	}))
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	b.ctx = ctx
	b.artifacts = os.Getenv("KPREEMPT_ARTIFACTS")
	if b.artifacts == "" {
		b.artifacts = t.TempDir()
	} else if err := os.MkdirAll(b.artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	return b
}

// open loads a file of a site, with a fragment if any (already encoded).
func (b *browser) open(file, fragment string) {
	b.t.Helper()
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
	if fragment != "" {
		u += "#" + fragment
	}
	if err := chromedp.Do(b.ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		b.t.Fatalf("opening %s: %v", u, err)
	}
	b.check()
}

// fragmentValue encodes a filter's value as the index's script decodes it.
func fragmentValue(v string) string {
	return strings.ReplaceAll(url.QueryEscape(v), "+", "%20")
}

func (b *browser) check() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, i := range b.incidents {
		b.t.Error(i)
	}
	b.incidents = nil
}

func eval[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	b.check()
	return v
}

// waitFor waits until a JavaScript condition holds.
func waitFor(b *browser, cond string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		b.t.Fatalf("waiting for %s: %v", cond, err)
	}
	b.check()
}

// do runs actions such as clicks and key strokes.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	b.check()
}

// screenshot keeps the viewport as name.png among the artifacts.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	p := filepath.Join(b.artifacts, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", p)
	fmt.Printf("kpreempt HTML report screenshot: %s\n", p)
}

// visibleRows are the data-n of the index's rows a user sees, in order.
func visibleRows(b *browser) []int {
	return eval[[]int](b, `Array.from(document.querySelectorAll('#findings tbody tr')).filter(r => !r.hidden && r.offsetParent !== null).map(r => Number(r.dataset.n))`)
}

// chooseFilter picks a value of one of the index's drop-down filters,
// as a user does: focus, then a change event.
func chooseFilter(b *browser, id, value string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const s = document.getElementById(%q); s.focus(); s.value = %q; if (s.value !== %q) return false; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`, id, value, value)
	if !eval[bool](b, js) {
		b.t.Fatalf("%s has no option %q", id, value)
	}
}

func count(fs []report.Finding, keep func(report.Finding) bool) int {
	n := 0
	for _, f := range fs {
		if keep(f) {
			n++
		}
	}
	return n
}

// checkFindingPage checks a finding's page as the browser shows it: the
// path's steps numbered in order with the trace's notes, every step
// marked in the source, the finding's line as the path's end.
func checkFindingPage(b *browser, f report.Finding) {
	b.t.Helper()
	steps := eval[[]string](b, `Array.from(document.querySelectorAll('#path li')).map(li => li.dataset.step + ' ' + li.textContent)`)
	if len(steps) != len(f.Trace)+1 {
		b.t.Fatalf("%s:%d: %d steps on the page, want %d", f.File, f.Line, len(steps), len(f.Trace)+1)
	}
	for i, s := range steps {
		note, file, line := f.Message, f.File, f.Line
		if i < len(f.Trace) {
			note, file, line = f.Trace[i].Note, f.Trace[i].File, f.Trace[i].Line
		}
		want := fmt.Sprintf("%d %d %s:%d %s", i+1, i+1, file, line, note)
		if strings.Join(strings.Fields(s), " ") != want {
			b.t.Errorf("step %d reads %q, want %q", i+1, s, want)
		}
	}
	marked := eval[[]string](b, `Array.from(document.querySelectorAll('table.src a.badge')).map(a => a.dataset.step + ':' + a.closest('tr').querySelector('td.ln').textContent)`)
	sort.Strings(marked)
	var want []string
	for i := range steps {
		line := f.Line
		if i < len(f.Trace) {
			line = f.Trace[i].Line
		}
		want = append(want, fmt.Sprintf("%d:%d", i+1, line))
	}
	sort.Strings(want)
	if strings.Join(marked, " ") != strings.Join(want, " ") {
		b.t.Errorf("%s:%d: steps marked in the source at %v, want %v", f.File, f.Line, marked, want)
	}
	// A step's link leads to its line.
	if eval[bool](b, `document.querySelector('#step-1 a') !== null`) {
		b.do("following step 1", chromedp.Click(chromedp.CSS("#step-1 a")))
		waitFor(b, `location.hash.startsWith('#f1-L')`)
	}
}

// pageOf is the page of the index's row for finding i.
func pageOf(b *browser, site string, i int) string {
	href := eval[string](b, fmt.Sprintf(`document.querySelector('#r%d td.loc a').getAttribute('href')`, i+1))
	return filepath.Join(site, filepath.FromSlash(href))
}

// TestHTMLInBrowser opens the sites of the bundled examples and of the
// fixture tree in headless Chromium and checks what it renders: one row
// per finding, the filters (a click on a rule's count, a maintainer
// chosen, a directory typed), sorting, each path's steps in order over
// the source, and markup in the source shown as text.
func TestHTMLInBrowser(t *testing.T) {
	b := newBrowser(t)
	dir := t.TempDir()

	// The bundled examples, with check --format html.
	examples, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "csrc"))
	r, _ := jsonReport(t, examples)
	site := filepath.Join(dir, "examples")
	if code, _, errs := kpreempt(t, "check", "--format", "html", "-o", site, examples); code != 1 {
		t.Fatalf("check --format html: exit %d: %s", code, errs)
	}
	index := filepath.Join(site, "index.html")
	b.open(index, "")
	if got := visibleRows(b); len(got) != len(r.Findings) {
		t.Fatalf("%d rows, %d findings", len(got), len(r.Findings))
	}
	byRule := map[string]int{}
	for _, f := range r.Findings {
		byRule[f.Rule]++
	}
	for rule, n := range byRule {
		// The click changes the address's fragment, which sets the filter.
		// The link is brought to mid-screen first: at the top edge, where
		// a plain scroll leaves it, the sticky heading covers it.
		link := fmt.Sprintf(`#by-rule a[href="#rule=%s"]`, rule)
		eval[bool](b, fmt.Sprintf(`(document.querySelector(%q).scrollIntoView({block: "center"}), true)`, link))
		b.do("clicking the count of "+rule, chromedp.Click(chromedp.CSS(link)))
		waitFor(b, fmt.Sprintf(`document.getElementById('f-rule').value === %q`, rule))
		if got := visibleRows(b); len(got) != n {
			t.Errorf("rule %s: %d rows, want %d", rule, len(got), n)
		}
	}
	b.do("show all", chromedp.Click(chromedp.ID("f-reset")))
	if got := visibleRows(b); len(got) != len(r.Findings) {
		t.Errorf("after Show all: %d rows", len(got))
	}
	// Sorting: # twice is descending.
	b.do("sorting", chromedp.Click(chromedp.CSS(`#findings th:first-child`)), chromedp.Click(chromedp.CSS(`#findings th:first-child`)))
	if got := visibleRows(b); len(got) == 0 || got[0] != len(r.Findings) || got[len(got)-1] != 1 {
		t.Errorf("sorted by # descending: %v", got[:min(5, len(got))])
	}
	// The longest path among the examples.
	longest := 0
	for i, f := range r.Findings {
		if len(f.Trace) > len(r.Findings[longest].Trace) {
			longest = i
		}
	}
	b.open(pageOf(b, site, longest), "")
	checkFindingPage(b, r.Findings[longest])
	b.screenshot("kpreempt-html-examples-finding")

	// The fixture tree from its saved report, grouped by its MAINTAINERS.
	tree := htmlTree(t)
	r, saved := jsonReport(t, "--srcroot", tree, tree)
	site = filepath.Join(dir, "tree")
	if code, _, errs := kpreempt(t, "report", "html", saved, "--root", tree, "-o", site); code != 0 {
		t.Fatalf("report html: exit %d: %s", code, errs)
	}
	mf, err := maintainers.Load(filepath.Join(tree, "MAINTAINERS"))
	if err != nil {
		t.Fatal(err)
	}
	checkMaintainerFilters(b, site, r, mf, "kpreempt-html-tree-index")
	b.open(filepath.Join(site, "index.html"), "")
	b.do("typing a directory", chromedp.SendKeys(chromedp.ID("f-dir"), "kernel/toy"))
	if got, want := len(visibleRows(b)), count(r.Findings, func(f report.Finding) bool { return strings.HasPrefix(f.File, "kernel/toy/") }); got != want || want == 0 {
		t.Errorf("directory kernel/toy: %d rows, want %d", got, want)
	}
	for i, f := range r.Findings {
		b.open(filepath.Join(site, "index.html"), "")
		b.open(pageOf(b, site, i), "")
		checkFindingPage(b, f)
		if !strings.HasSuffix(f.File, "escape.c") {
			continue
		}
		// Markup in comments and strings is text: no element, no script
		// run, and the line reads as written.
		if n := eval[int](b, `document.querySelectorAll('img, script, b').length`); n != 0 {
			t.Errorf("escape.c's page has %d elements made of its source", n)
		}
		code := eval[string](b, `Array.from(document.querySelectorAll('td.code')).map(td => td.textContent).join('\n')`)
		for _, s := range []string{`"</script><img src=x onerror=alert(3)>"`, `</script><script>alert(1)</script>`, `<img src=x onerror="alert(2)">`, `<!-- not a comment --> ]]> <b>bold?</b>`} {
			if !strings.Contains(code, s) {
				t.Errorf("escape.c's source does not read %q:\n%s", s, code)
			}
		}
		b.screenshot("kpreempt-html-escape")
	}
}

// checkMaintainerFilters opens a site's index and checks each
// maintainer's and each entry's filter against the report and the
// MAINTAINERS file; it keeps a screenshot filtered by the maintainer
// with the most findings.
func checkMaintainerFilters(b *browser, site string, r *report.Result, mf *maintainers.File, shot string) {
	b.t.Helper()
	b.open(filepath.Join(site, "index.html"), "")
	if got := visibleRows(b); len(got) != len(r.Findings) {
		b.t.Fatalf("%d rows, %d findings", len(got), len(r.Findings))
	}
	people := map[string]int{}
	entries := map[string]int{}
	for _, f := range r.Findings {
		seen := map[string]bool{}
		for _, e := range mf.Sections(f.File) {
			entries[e.Name]++
			for _, m := range e.Maintainers {
				if !seen[m] {
					seen[m] = true
					people[m]++
				}
			}
		}
	}
	if len(people) == 0 {
		b.t.Fatal("no maintainer has findings")
	}
	top := ""
	for m, n := range people {
		chooseFilter(b, "f-maintainer", m)
		if got := visibleRows(b); len(got) != n {
			b.t.Errorf("maintainer %s: %d rows, want %d", m, len(got), n)
		}
		if top == "" || n > people[top] || n == people[top] && m < top {
			top = m
		}
	}
	chooseFilter(b, "f-maintainer", "")
	for e, n := range entries {
		// A filtered view is a link.
		b.open(filepath.Join(site, "index.html"), "entry="+fragmentValue(e))
		if got := visibleRows(b); len(got) != n {
			b.t.Errorf("entry %s: %d rows, want %d", e, len(got), n)
		}
	}
	b.open(filepath.Join(site, "index.html"), "")
	chooseFilter(b, "f-maintainer", top)
	b.do("scrolling to the findings", chromedp.ScrollIntoView(chromedp.CSS("section.list h2")))
	b.screenshot(shot)
}

// TestHTMLKernelInBrowser makes the site of a few units of the kernel
// fixture (KPREEMPT_KERNEL) and checks it in the browser: grouped by the
// tree's MAINTAINERS, filtered by each maintainer and each entry, each
// path shown in the source.
func TestHTMLKernelInBrowser(t *testing.T) {
	tree := os.Getenv("KPREEMPT_KERNEL")
	if tree == "" {
		t.Skip("KPREEMPT_KERNEL is not set: no kernel fixture (scripts/kernel-fixture.sh prints it)")
	}
	b := newBrowser(t)
	t.Setenv("KPREEMPT_CACHE", t.TempDir()) // the tree's facts store, for this test only
	// Units of several MAINTAINERS entries (the scheduler, the block
	// layer and its cgroup controller, perf and x86), with findings of
	// their own.
	files := []string{"kernel/sched/core.c", "kernel/sched/build_utility.c", "block/blk-cgroup.c", "arch/x86/events/intel/core.c"}
	r, _ := jsonReport(t, append([]string{"-C", tree}, files...)...)
	site := filepath.Join(t.TempDir(), "site")
	if code, _, errs := kpreempt(t, append([]string{"check", "--format", "html", "-o", site, "-C", tree}, files...)...); code != 1 {
		t.Fatalf("check --format html: exit %d: %s", code, errs)
	}
	checkKernelSite(b, tree, site, r, "kpreempt-html-kernel")
}

// checkKernelSite checks a site of the kernel fixture: the filters by
// every maintainer and entry, and every finding's page with its source.
func checkKernelSite(b *browser, tree, site string, r *report.Result, shot string) {
	b.t.Helper()
	mf, err := maintainers.Load(filepath.Join(tree, "MAINTAINERS"))
	if err != nil {
		b.t.Fatal(err)
	}
	checkMaintainerFilters(b, site, r, mf, shot+"-index")
	for i, f := range r.Findings {
		b.open(filepath.Join(site, "index.html"), "")
		b.open(pageOf(b, site, i), "")
		checkFindingPage(b, f)
		if frames := eval[int](b, `document.querySelectorAll('section.frame table.src').length`); frames == 0 {
			b.t.Errorf("%s:%d: no source shown", f.File, f.Line)
		}
	}
	b.screenshot(shot + "-finding")
}

// TestHTMLSavedReportInBrowser renders a saved report of the kernel
// fixture, KPREEMPT_HTML_REPORT (the JSON of a whole-tree check), with
// kpreempt report html and checks its site as TestHTMLKernelInBrowser
// does.
func TestHTMLSavedReportInBrowser(t *testing.T) {
	saved, tree := os.Getenv("KPREEMPT_HTML_REPORT"), os.Getenv("KPREEMPT_KERNEL")
	if saved == "" || tree == "" {
		t.Skip("KPREEMPT_HTML_REPORT (a JSON report of the kernel fixture) and KPREEMPT_KERNEL are not both set")
	}
	b := newBrowser(t)
	var r report.Result
	if err := json.Unmarshal(mustRead(t, saved), &r); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "site")
	if code, _, errs := kpreempt(t, "report", "html", saved, "--root", tree, "-o", site); code != 0 || errs != "" {
		t.Fatalf("report html: exit %d: %s", code, errs)
	}
	checkKernelSite(b, tree, site, &r, "kpreempt-html-saved")
}
