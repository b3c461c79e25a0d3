package interproc

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kbuild"
)

// program parses files (name to source), summarises them and links them
// into one program; complete says whether they are the whole program.
func program(t *testing.T, files map[string]string, complete bool) *Program {
	t.Helper()
	return programIn(t, t.TempDir(), files, complete)
}

// programIn is program with the files in dir.
func programIn(t *testing.T, dir string, files map[string]string, complete bool) *Program {
	t.Helper()
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var paths []string
	for _, n := range names {
		path := filepath.Join(dir, n)
		if err := os.WriteFile(path, []byte(files[n]), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	return Link(summarizeFiles(t, dir, paths), dir, complete)
}

// summarizeFiles parses and summarises the files, named relative to dir,
// as the run does files outside a tree.
func summarizeFiles(t *testing.T, dir string, paths []string) []*UnitFacts {
	t.Helper()
	var facts []*UnitFacts
	for _, path := range paths {
		u, err := cparse.Parse(kbuild.Standalone(path))
		if err != nil {
			t.Fatal(err)
		}
		uf := Summarize(u, func(p string) string { r, _ := filepath.Rel(dir, p); return filepath.ToSlash(r) })
		uf.Draft = true // files outside a tree, as the run marks them
		facts = append(facts, uf)
	}
	return facts
}

func entry(t *testing.T, p *Program, sym Symbol) dataflow.Entry {
	t.Helper()
	e, ok := p.EntryOf(sym)
	if !ok {
		t.Fatalf("no function %s", sym)
	}
	return e
}

// text is a note with the steps before it, one per line.
func text(n dataflow.Note) string {
	var lines []string
	for _, s := range n.Steps() {
		lines = append(lines, s.Text)
	}
	return strings.Join(lines, "\n")
}

const head = "#include <linux/preempt.h>\n#include <linux/spinlock.h>\n#include <linux/delay.h>\n#include <linux/slab.h>\n#include <linux/smp.h>\n"

// A static helper whose every caller disables preemption is entered
// atomic, also through a function between them; a helper with one
// preemptible caller is entered preemptible, and the note names that
// caller.
func TestEntryFromCallers(t *testing.T) {
	p := program(t, map[string]string{"a.c": head + `
static void leaf(void) { }
static void mid(void) { leaf(); }
static void helper(void) { }
static void other(void) { }
void f(void) { preempt_disable(); helper(); mid(); preempt_enable(); other(); }
void g(void) { preempt_disable(); helper(); other(); preempt_enable(); }
`}, true)
	for _, name := range []string{"helper", "mid", "leaf"} {
		if e := entry(t, p, Symbol{name, "a.c"}); e.Kind != dataflow.EntryAtomic {
			t.Errorf("%s: entry %v, want atomic", name, e.Kind)
		}
	}
	// preempt_enable() in f() proves nothing of other()'s entry on its
	// own (f()'s caller may hold a lock); f() itself is entered
	// preemptible, so other() is too.
	e := entry(t, p, Symbol{"other", "a.c"})
	if e.Kind != dataflow.EntryPreemptible || text(e.Why) != "f() is entered with preemption enabled (no caller in the program)\nf() calls other()" {
		t.Errorf("other: %v %q", e.Kind, text(e.Why))
	}
	if e := entry(t, p, Symbol{Name: "f"}); e.Kind != dataflow.EntryPreemptible || !strings.Contains(e.Why.Text, "no caller") {
		t.Errorf("f has no caller: %v %q", e.Kind, e.Why.Text)
	}
}

// In the tree's own units (not Draft), a function nothing calls is called
// from assembly or from code the configuration leaves out: its entry is
// unknown, and so is that of the functions it calls on its own context.
// A static one is dead code, wherever it is.
func TestEntryOfUncalledTreeFunction(t *testing.T) {
	files := map[string]string{"a.c": head + `
static void leaf(void) { }
void from_asm(void) { leaf(); }
static void unused(void) { }
`}
	p := program(t, files, true)
	if e := entry(t, p, Symbol{Name: "from_asm"}); e.Kind != dataflow.EntryPreemptible {
		t.Errorf("draft: from_asm %v, want preemptible", e.Kind)
	}
	if e := entry(t, p, Symbol{"unused", "a.c"}); e.Kind != dataflow.EntryUnknown {
		t.Errorf("draft: unused %v, want unknown", e.Kind)
	}
	for _, uf := range p.sortedUnits() {
		uf.Draft = false
	}
	tree := Link(p.sortedUnits(), p.Root, true)
	for _, name := range []Symbol{{Name: "from_asm"}, {"leaf", "a.c"}, {"unused", "a.c"}} {
		if e := entry(t, tree, name); e.Kind != dataflow.EntryUnknown {
			t.Errorf("tree: %s %v, want unknown", name, e.Kind)
		}
	}
}

// Across files: an exported helper called only under a spinlock in
// another file is atomic; a preemptible caller two calls up is named in
// the chain. Without the whole program, a function with no caller seen
// is unknown, not preemptible.
func TestEntryAcrossFiles(t *testing.T) {
	files := map[string]string{
		"lib.c": head + "void lib_count(void) { }\nvoid lib_mid(void) { lib_count(); }\nvoid lib_alone(void) { }\n",
		"user.c": head + `
static DEFINE_SPINLOCK(l);
void lib_count(void);
void lib_mid(void);
void user_locked(void) { spin_lock(&l); lib_count(); spin_unlock(&l); }
void user_open(void) { lib_mid(); }
`,
	}
	p := program(t, files, true)
	if e := entry(t, p, Symbol{Name: "lib_mid"}); e.Kind != dataflow.EntryPreemptible {
		t.Errorf("lib_mid: %v", e.Kind)
	}
	e := entry(t, p, Symbol{Name: "lib_count"})
	if e.Kind != dataflow.EntryPreemptible || !strings.Contains(text(e.Why), "user_open() calls lib_mid()") ||
		!strings.Contains(text(e.Why), "lib_mid() calls lib_count()") {
		t.Errorf("lib_count: %v\n%s", e.Kind, text(e.Why))
	}
	partial := program(t, files, false)
	if e := entry(t, partial, Symbol{Name: "lib_alone"}); e.Kind != dataflow.EntryUnknown {
		t.Errorf("without the whole program, a function without callers: %v", e.Kind)
	}
	if e := entry(t, partial, Symbol{Name: "user_open"}); e.Kind != dataflow.EntryUnknown {
		t.Errorf("user_open: %v", e.Kind)
	}
}

// Registration APIs are roots: a timer callback is entered atomic, a
// threaded handler's thread function preemptible; a function whose
// address escapes is unknown unless it sleeps before disabling
// preemption.
func TestEntryFromRoots(t *testing.T) {
	p := program(t, map[string]string{"drv.c": head + `
struct timer_list { int x; };
void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags);
int request_threaded_irq(unsigned int irq, int (*h)(int, void *), int (*fn)(int, void *), unsigned long f, const char *n, void *d);
void keep(void *p);
static struct timer_list tl;
static void tick(struct timer_list *t) { }
static int hard(int irq, void *d) { return 0; }
static int thread(int irq, void *d) { return 0; }
static void kept(void) { }
static void kept_sleeper(void) { msleep(1); }
struct task_struct;
struct task_struct *kthread_run(int (*fn)(void *), void *data, const char *name);
static struct task_struct *spawn(int (*fn)(void *), void *data) { return kthread_run(fn, data, "x"); }
static struct task_struct *spawn_again(int (*f)(void *)) { return spawn(f, 0); }
static int worker(void *d) { return 0; }
void probe(void)
{
	spawn_again(worker);
	timer_setup(&tl, tick, 0);
	request_threaded_irq(1, hard, thread, 0, "x", 0);
	keep(kept);
	keep(kept_sleeper);
}
`}, true)
	if e := entry(t, p, Symbol{"tick", "drv.c"}); e.Kind != dataflow.EntryAtomic || !e.Root || !strings.Contains(e.Why.Text, "softirq") {
		t.Errorf("timer callback: %+v", e)
	}
	if e := entry(t, p, Symbol{"hard", "drv.c"}); e.Kind != dataflow.EntryAtomic || !e.IRQOff {
		t.Errorf("hard handler: %+v", e)
	}
	if e := entry(t, p, Symbol{"thread", "drv.c"}); e.Kind != dataflow.EntryPreemptible {
		t.Errorf("thread_fn: %+v", e)
	}
	if e := entry(t, p, Symbol{"kept", "drv.c"}); e.Kind != dataflow.EntryUnknown {
		t.Errorf("escaping function: %+v", e)
	}
	if e := entry(t, p, Symbol{"kept_sleeper", "drv.c"}); e.Kind != dataflow.EntryPreemptible || !strings.Contains(e.Why.Text, "may sleep") || e.Stable {
		t.Errorf("escaping function that sleeps: %+v", e)
	}
	// Registered through two wrappers of kthread_run().
	if e := entry(t, p, Symbol{"worker", "drv.c"}); e.Kind != dataflow.EntryPreemptible || !strings.Contains(e.Why.Text, "registers worker() with kthread_run()") {
		t.Errorf("thread function behind wrappers: %+v", e)
	}
}

// Sleeping is found two calls down in another file, with the path; a
// helper sleeps or not with the GFP flags its caller passes.
func TestSleepsAcrossFiles(t *testing.T) {
	p := program(t, map[string]string{
		"lib.c": head + `
void lib_wait(void) { msleep(10); }
void lib_step(void) { lib_wait(); }
void *lib_alloc(gfp_t gfp) { return kmalloc(64, gfp); }
void lib_pinned(void) { preempt_disable(); lib_wait(); preempt_enable(); }
`,
		"user.c": head + `
void lib_step(void);
void *lib_alloc(gfp_t gfp);
void *user_alloc(void) { return lib_alloc(GFP_KERNEL); }
void *user_atomic(void) { return lib_alloc(GFP_ATOMIC); }
void *user_pass(gfp_t g) { return lib_alloc(g); }
void *user_pass_kernel(void) { return user_pass(GFP_KERNEL); }
void user_calls(void) { lib_step(); }
`}, true)
	path, ok := p.SleepsOf(Symbol{Name: "user_calls"})
	var steps []string
	for _, n := range path {
		steps = append(steps, n.Text)
	}
	if !ok || strings.Join(steps, "; ") != "user_calls() calls lib_step(); lib_step() calls lib_wait(); msleep() may sleep" {
		t.Errorf("user_calls: %v %q", ok, steps)
	}
	for name, want := range map[string]bool{"user_alloc": true, "user_atomic": false, "user_pass": false, "user_pass_kernel": true, "lib_pinned": false} {
		if _, got := p.SleepsOf(Symbol{Name: name}); got != want {
			t.Errorf("%s sleeps: %v, want %v", name, got, want)
		}
	}
}

func TestFactsEncoding(t *testing.T) {
	p := program(t, map[string]string{"a.c": head + "void f(void) { msleep(1); }\n"}, true)
	u := p.units["a.c"]
	a, err := u.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(a)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := back.Encode()
	if string(a) != string(b) {
		t.Errorf("facts do not encode the same after a round trip:\n%s\n%s", a, b)
	}
	other := binary.AppendUvarint([]byte(factsMagic), Version+1)
	other = append(other, a[len(binary.AppendUvarint([]byte(factsMagic), Version)):]...)
	if _, err := Decode(other); err == nil || !strings.Contains(err.Error(), "version") {
		t.Errorf("facts of another version: %v, want an error naming the version", err)
	}
	if _, err := Decode([]byte(`{"version":56}`)); err == nil {
		t.Error("JSON read as facts")
	}
}

// Facts made one unit at a time are completed at link time: a release of
// a global lock two named calls down, across units (rtnl_unlock() calls
// netdev_run_todo(), which calls __rtnl_unlock()), is a release of every
// function on the way: on every way out when each makes its call on every
// path, on some ways out when one makes it under a test.
func TestReleasesComposedAcrossUnits(t *testing.T) {
	p := program(t, map[string]string{
		"lock.c": head + "DEFINE_SPINLOCK(big_lock);\nvoid big_unlock_inner(void) { spin_unlock(&big_lock); }\n",
		"todo.c": head + "void big_unlock_inner(void);\nvoid run_todo(void) { big_unlock_inner(); }\nvoid run_some(int x) { if (x) big_unlock_inner(); }\n",
		"api.c":  head + "void run_todo(void);\nvoid run_some(int x);\nvoid big_unlock(void) { run_todo(); }\nvoid big_unlock_some(int x) { run_some(x); }\n",
	}, true)
	for _, c := range []struct {
		unit, fn string
		every    bool
	}{{"todo.c", "run_todo", true}, {"api.c", "big_unlock", true}, {"todo.c", "run_some", false}, {"api.c", "big_unlock_some", false}} {
		s := p.Env(c.unit).Callee(c.fn)
		if s == nil || slices.Contains(s.Releases, "big_lock") != c.every || slices.Contains(s.MayReleases, "big_lock") == c.every {
			t.Errorf("%s: summary %+v, want big_lock released on every way out: %v, on some: %v", c.fn, s, c.every, !c.every)
		}
	}
}

// On PREEMPT_RT, an entry is atomic only when every way in is atomic
// there too: callers holding a raw spinlock, an interrupt handler that
// forced threading leaves in hard interrupt context. Callers holding a
// spinlock_t, a softirq or a force-threaded handler do not make it so.
func TestRTEntries(t *testing.T) {
	p := program(t, map[string]string{"drv.c": head + `
#include <linux/interrupt.h>
struct timer_list { int x; };
void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *), unsigned int flags);
static DEFINE_RAW_SPINLOCK(raw);
static DEFINE_SPINLOCK(plain);
static struct timer_list tl;
static void under_raw(void) { }
static void under_plain(void) { }
static void under_both(void) { }
static void tick(struct timer_list *t) { }
static irqreturn_t hard(int irq, void *d) { return IRQ_HANDLED; }
static irqreturn_t forced(int irq, void *d) { return IRQ_HANDLED; }
static void asserts(void) { }
void a(void) { raw_spin_lock(&raw); under_raw(); under_both(); raw_spin_unlock(&raw); }
void b(void) { spin_lock(&plain); under_plain(); under_both(); spin_unlock(&plain); }
void c(void) { unsigned long f; spin_lock_irqsave(&plain, f); asserts(); spin_unlock_irqrestore(&plain, f); }
void d(void) { local_irq_disable(); asserts(); local_irq_enable(); }
int probe(void)
{
	timer_setup(&tl, tick, 0);
	request_irq(1, forced, IRQF_SHARED, "x", 0);
	int err = request_irq(2, hard, IRQF_NO_THREAD, "y", 0);
	return err ? err : request_irq(3, hard, IRQF_ONESHOT | IRQF_SHARED, "z", 0);
}
`}, true)
	for _, c := range []struct {
		fn        string
		rawAtomic bool
		why       string
	}{
		{"under_raw", true, "where the context is atomic on PREEMPT_RT too (raw_spin_lock() takes \"raw\""},
		{"under_plain", false, ""},
		{"under_both", false, ""},
		{"tick", false, ""},
		{"forced", false, ""},
		{"hard", true, "request_irq() registers hard(): it runs in hard interrupt context"},
	} {
		e := entry(t, p, Symbol{c.fn, "drv.c"})
		if e.Kind != dataflow.EntryAtomic || e.RawAtomic != c.rawAtomic || !strings.Contains(text(e.RawWhy), c.why) {
			t.Errorf("%s: kind %d, atomic on PREEMPT_RT %v (%q); want %v (%q)", c.fn, e.Kind, e.RawAtomic, text(e.RawWhy), c.rawAtomic, c.why)
		}
	}
	// Interrupts: disabled by every caller, but by spin_lock_irqsave()
	// only on one way in, which leaves them enabled on PREEMPT_RT.
	if e := entry(t, p, Symbol{"asserts", "drv.c"}); !e.IRQOff || !strings.Contains(e.RawIRQOn.Text, "c() calls asserts() with interrupts enabled on PREEMPT_RT") {
		t.Errorf("asserts: IRQOff %v, RawIRQOn %q", e.IRQOff, e.RawIRQOn.Text)
	}
}

// Decode reads facts with go-json: every unit of the interproc testdata
// (calls, stores, summaries, conditions on parameters and members)
// decodes to the values encoding/json gives, and damaged facts are an
// error, never a panic.
// The facts of every interproc testdata unit read back as they were
// made: the same as JSON says them (an empty list reads back nil, as
// JSON's omitempty reads it), and cut short they are refused.
func TestFactsReadBack(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "csrc", "interproc", "*"))
	if err != nil {
		t.Fatal(err)
	}
	units := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.c"))
		for _, f := range files {
			u, err := cparse.Parse(kbuild.Standalone(f))
			if err != nil {
				continue
			}
			made := Summarize(u, filepath.Base)
			b, err := made.Encode()
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(b)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			want, _ := json.Marshal(made)
			if read, _ := json.Marshal(got); string(read) != string(want) {
				t.Errorf("%s: facts read back\n%s\nmade\n%s", f, read, want)
			}
			for _, cut := range []int{1, len(b) / 3, len(b) - 2} {
				if _, err := Decode(b[:cut]); err == nil {
					t.Errorf("%s: facts cut at %d bytes are read", f, cut)
				}
			}
			units++
		}
	}
	if units < 50 {
		t.Fatalf("only %d units of testdata decoded", units)
	}
}

// A lock a function returns holding on some ways out only is its
// callers' to release when every caller the program shows releases it,
// in its own terms, where it does not hold it; one caller that does not,
// or a program that may not show every caller, leaves it a leak.
func TestCallersRelease(t *testing.T) {
	const rq = "struct rq { raw_spinlock_t lock; int clock; };\n"
	lock := head + rq + `void lock_pair(struct rq *a, struct rq *b)
{
	raw_spin_lock(&a->lock);
	if (a == b)
		return;
	raw_spin_lock_nested(&b->lock, 1);
	a->clock = b->clock = 0;
}
`
	use := head + rq + `void lock_pair(struct rq *a, struct rq *b);
static void unlock_pair(struct rq *a, struct rq *b)
{
	if (a != b)
		raw_spin_unlock(&b->lock);
	raw_spin_unlock(&a->lock);
}
void move(struct rq *src, struct rq *dst) { lock_pair(src, dst); unlock_pair(src, dst); }
`
	forget := head + rq + "void lock_pair(struct rq *a, struct rq *b);\nvoid first(struct rq *x, struct rq *y) { lock_pair(x, y); raw_spin_unlock(&x->lock); }\n"
	for _, c := range []struct {
		name     string
		files    map[string]string
		complete bool
		want     []string
	}{
		{"every caller releases", map[string]string{"lock.c": lock, "use.c": use}, true, []string{"b->lock"}},
		{"callers not all shown", map[string]string{"lock.c": lock, "use.c": use}, false, nil},
		{"one caller does not", map[string]string{"lock.c": lock, "use.c": use, "forget.c": forget}, true, nil},
	} {
		p := program(t, c.files, c.complete)
		if got := entry(t, p, Symbol{Name: "lock_pair"}).CallersRelease; !slices.Equal(got, c.want) {
			t.Errorf("%s: CallersRelease = %q, want %q", c.name, got, c.want)
		}
	}
}

// A link for the units a run asks about (LinkFor) finds what the link of
// the whole program finds for them: the entries of their functions, and
// what every function they call, transitively, does to its callers. Each
// program of testdata/csrc/interproc, each of its units asked alone.
func TestLinkForAskedUnits(t *testing.T) {
	eachProgram(t, func(name, dir string, facts []*UnitFacts) {
		whole := Link(facts, dir, true)
		for _, uf := range facts {
			asked := LinkFor(facts, dir, true, map[string]bool{uf.Unit: true})
			for _, diff := range linkForDiffs(whole, asked, uf.Unit) {
				t.Errorf("%s: %s", name, diff)
			}
		}
	})
}

// eachProgram calls fn with the facts of each program of
// testdata/csrc/interproc (a directory), summarised.
func eachProgram(t *testing.T, fn func(name, dir string, facts []*UnitFacts)) {
	t.Helper()
	root, _ := filepath.Abs(filepath.Join("..", "testdata", "csrc", "interproc"))
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		dir := filepath.Join(root, d.Name())
		files, _ := filepath.Glob(filepath.Join(dir, "*.c"))
		fn(d.Name(), dir, summarizeFiles(t, dir, files))
	}
}

// linkForDiffs lists what a link asked about unit (LinkFor) finds for it
// that the whole program's link does not.
func linkForDiffs(whole, asked *Program, unit string) []string {
	var out []string
	for _, n := range asked.funcs {
		w := whole.defs[n.unit][n.sym.Name]
		if n.unit == unit && !reflect.DeepEqual(asked.entries[n], whole.entries[w]) {
			out = append(out, fmt.Sprintf("%s asked: entry of %s = %+v, whole program: %+v", unit, n.sym, asked.entries[n], whole.entries[w]))
		}
		if !asked.effectAsked(n) {
			continue
		}
		for _, c := range []struct {
			what         string
			asked, whole any
		}{
			{"sleep", asked.sleeps[n], whole.sleeps[w]},
			{"gfp", asked.gfp[n], whole.gfp[w]},
			{"rt lock", asked.rtLocks[n], whole.rtLocks[w]},
			{"summary", asked.summaryOf(n), whole.summaryOf(w)},
		} {
			if !reflect.DeepEqual(c.asked, c.whole) {
				out = append(out, fmt.Sprintf("%s asked: %s of %s = %+v, whole program: %+v", unit, c.what, n.sym, c.asked, c.whole))
			}
		}
	}
	return out
}

// TestFactsHaveExactLength checks that a unit's facts keep no spare
// capacity: a whole-tree run holds every unit's until the link.
func TestFactsHaveExactLength(t *testing.T) {
	dir := t.TempDir()
	src := "void a(void); void b(int); void c(void);\n" +
		"void f(int x) { a(); b(1); c(); b(2); a(); if (x) c(); }\n" +
		"void g(void) { f(1); f(2); f(3); }\n"
	path := filepath.Join(dir, "calls.c")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	calls := 0
	for _, uf := range summarizeFiles(t, dir, []string{path}) {
		if cap(uf.Funcs) != len(uf.Funcs) {
			t.Errorf("%s: %d functions in room for %d", uf.Unit, len(uf.Funcs), cap(uf.Funcs))
		}
		for _, f := range uf.Funcs {
			calls += len(f.Calls)
			if cap(f.Calls) != len(f.Calls) || cap(f.Params) != len(f.Params) {
				t.Errorf("%s: calls %d in room for %d, params %d in room for %d", f.Sym.Name, len(f.Calls), cap(f.Calls), len(f.Params), cap(f.Params))
			}
		}
	}
	if calls != 9 {
		t.Fatalf("%d calls, want 9", calls)
	}
}

// A call through a struct field is, in the check phase, a call of the one
// function a complete program stores there (Program.fieldSummary): what
// it releases of its caller's locks, it releases. Two functions stored,
// or a program that may have others, say nothing; nor does the
// summarise phase ask (calleeEnv).
func TestFieldSummary(t *testing.T) {
	ops := "struct lock_demo { int x; };\nvoid unlock_demo(struct lock_demo *l);\n" +
		"struct dev_demo { struct lock_demo lock; };\n" +
		"struct ops_demo { void (*done)(struct dev_demo *d); };\n"
	impl := ops + "static void done_demo(struct dev_demo *d) { spin_unlock(&d->lock); }\n" +
		"const struct ops_demo fs_ops_demo = { .done = done_demo };\n"
	other := ops + "static void keep_demo(struct dev_demo *d) { }\n" +
		"const struct ops_demo other_ops_demo = { .done = keep_demo };\n"
	ref := cparse.FieldRef{Tag: "ops_demo", Field: "done"}
	name := dataflow.FieldCallee(ref)
	if got, ok := dataflow.SplitFieldCallee(name); !ok || got != ref {
		t.Fatalf("SplitFieldCallee(%q) = %+v %v", name, got, ok)
	}
	for _, c := range []struct {
		name     string
		files    map[string]string
		complete bool
		releases bool
	}{
		{"one function stored", map[string]string{"impl.c": impl}, true, true},
		{"two functions stored", map[string]string{"impl.c": impl, "other.c": other}, true, false},
		{"a program that may store others", map[string]string{"impl.c": impl}, false, false},
	} {
		p := program(t, c.files, c.complete)
		env := p.Env("impl.c")
		sum := env.Callee(name)
		if got := sum != nil && slices.Contains(sum.Releases, "d->lock"); got != c.releases {
			t.Errorf("%s: Callee(%q) = %+v, releases d->lock %v, want %v", c.name, name, sum, got, c.releases)
		}
		if s := (calleeEnv{env}).Callee(name); s != nil {
			t.Errorf("%s: the summarise phase is given %+v", c.name, s)
		}
	}
	if _, ok := dataflow.SplitFieldCallee("done_demo"); ok {
		t.Error("a function's name is taken for a field's")
	}
}

// A call made under a test of its caller's bits is explained through a
// way into the caller that passes them: cache_get() is entered
// preemptible through b_napi(), whose flags take the branch, not through
// a_rx(), which reaches alloc() first and whose flags do not.
func TestWitnessPassesBits(t *testing.T) {
	p := program(t, map[string]string{"skb.c": head + `
#include <linux/export.h>
enum { RX = 0x2, NAPI = 0x4 };
static int cache_get(void) { return 1; }
int alloc(int flags)
{
	if (flags & NAPI)
		return cache_get();
	return 0;
}
EXPORT_SYMBOL(alloc);
void a_rx(void) { alloc(RX); }
void b_napi(void) { alloc(NAPI); }
`}, true)
	e := entry(t, p, Symbol{"cache_get", "skb.c"})
	if why := text(e.Why); e.Kind != dataflow.EntryPreemptible || !strings.Contains(why, "b_napi() calls alloc()") || strings.Contains(why, "a_rx()") {
		t.Errorf("cache_get: %v\n%s", e.Kind, why)
	}
}

// In the rounds that settle the summaries, a function of another unit
// whose summary holds nothing those rounds apply (only the objects it
// passes to unseen code, Summary.Unseen, left out there) is a summarised
// function with no effect, not unknown code: unknown code may release
// the caller's locks of every object it is passed (kernel/sched/core.c
// dequeue_task(rq, p, flags) took so dropped the p->pi_lock
// __sched_setscheduler() holds from task_rq_lock()). The digest of the
// unit's callees names it, so that facts made with it are remade when it
// changes.
func TestCalleeWithoutEffectsInRounds(t *testing.T) {
	p := program(t, map[string]string{
		"core.c": head + `
struct rq { raw_spinlock_t lock; };
void psi_dequeue(struct rq *rq);
void dequeue(struct rq *rq) { psi_dequeue(rq); }
void take(struct rq *rq) { raw_spin_lock(&rq->lock); }
`,
		"sys.c": head + `
struct rq;
void dequeue(struct rq *rq);
void take(struct rq *rq);
void setsched(struct rq *rq) { take(rq); dequeue(rq); }
`}, true)
	env := calleeEnv{unitEnv{p, "sys.c"}}
	if sum := env.Callee("dequeue"); sum == nil || !sum.Empty() {
		t.Errorf("dequeue: %+v, want a summary with nothing to apply", sum)
	}
	if sum := env.Callee("psi_dequeue"); sum != nil {
		t.Errorf("psi_dequeue, defined nowhere: %+v, want none", sum)
	}
	if sum := env.Callee("take"); sum == nil || len(sum.Acquires) != 1 {
		t.Errorf("take: %+v", sum)
	}
	with := p.CalleeDigest("sys.c")
	// Without dequeue() summarised, the digest is another.
	for _, uf := range p.sortedUnits() {
		if uf.Unit == "core.c" {
			for i := range uf.Funcs {
				if uf.Funcs[i].Sym.Name == "dequeue" {
					uf.Funcs[i].Summary = nil
				}
			}
		}
	}
	if without := Link(p.sortedUnits(), p.Root, true).CalleeDigest("sys.c"); without == with || with == "" {
		t.Errorf("digest %q with dequeue() summarised, %q without", with, without)
	}
}
