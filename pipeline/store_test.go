package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kpreempt/kpreempt/changes"
	"github.com/kpreempt/kpreempt/interproc"
	"github.com/kpreempt/kpreempt/report"
)

// fakeTree is the smallest configured kernel tree kbuild accepts, with a
// library file whose exported helper uses per-CPU data, and a caller in
// another directory that sleeps first: preemptible (a function of the
// tree nothing calls is entered as assembly decides, unknown). The files
// declare what they use themselves.
var fakeTree = map[string]string{
	"Kbuild": "", "Kconfig": "", "Makefile": "", "arch/x86/Makefile": "",
	"include/linux/kernel.h": "", "include/linux/compiler-version.h": "", "include/linux/kconfig.h": "",
	"include/linux/compiler_types.h": "", "include/generated/autoconf.h": "",
	".config": "CONFIG_X86=y\nCONFIG_X86_64=y\n",
	"lib/stats.c": `void __this_cpu_inc(int);
int hits;

void stats_hit(void)
{
	__this_cpu_inc(hits);
}
`,
	"drivers/user.c": `void stats_hit(void);
void msleep(unsigned int ms);

void user_work(void)
{
	msleep(1);
	stats_hit();
}
`,
}

// withBusWrappers is withFakeTree with a lock helper's effect across two
// units: drivers/user.c calls lib/wrap.c's wrappers of lib/lock.c's
// helpers, which disable and enable preemption, around stats_hit().
func withBusWrappers() map[string]string {
	files := withFakeTree()
	files["lib/lock.c"] = "void preempt_disable(void);\nvoid preempt_enable(void);\n\nvoid bus_get(void)\n{\n\tpreempt_disable();\n}\n\nvoid bus_put(void)\n{\n\tpreempt_enable();\n}\n"
	files["lib/wrap.c"] = "void bus_get(void);\nvoid bus_put(void);\n\nvoid bus_begin(void)\n{\n\tbus_get();\n}\n\nvoid bus_end(void)\n{\n\tbus_put();\n}\n"
	files["drivers/user.c"] = "void bus_begin(void);\nvoid bus_end(void);\nvoid stats_hit(void);\n\nvoid user_work(void)\n{\n\tbus_begin();\n\tstats_hit();\n\tbus_end();\n}\n"
	return files
}

// withFakeTree is a copy of fakeTree for a test to add files to.
func withFakeTree() map[string]string {
	files := map[string]string{}
	for name, body := range fakeTree {
		files[name] = body
	}
	return files
}

// checkTree checks the whole tree at root with the facts store, failing
// the test on a file that could not be analysed.
func checkTree(t *testing.T, root, store string) *Report {
	t.Helper()
	whole, err := Discover(root, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	rep := Check(Options{FactsDir: store}, whole)
	if len(rep.Stats.FailedFiles) > 0 {
		t.Fatal(rep.Stats.FailedFiles[0].Error)
	}
	return rep
}

// rewrite gives a file of a tree new contents, dated later than the
// facts made of it.
func rewrite(t *testing.T, path, body string) {
	t.Helper()
	later := time.Now().Add(2 * time.Second)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// A one-file run in a tree sees the callers in other files through the
// facts store: before the whole tree was summarised it says what it
// lacks and stays silent on an exported function; after, the helper is
// reported with its caller in another directory; a caller changed since
// is read again.
func TestFactsStoreInTree(t *testing.T) {
	root := writeTree(t, fakeTree)
	store := t.TempDir()
	var log bytes.Buffer
	one := func() *Report {
		t.Helper()
		log.Reset()
		targets, err := Discover(root, []string{"lib/stats.c"}, "")
		if err != nil {
			t.Fatal(err)
		}
		rep := Check(Options{FactsDir: store, Log: &log}, targets)
		if len(rep.Stats.FailedFiles) > 0 {
			t.Fatal(rep.Stats.FailedFiles[0].Error)
		}
		return rep
	}
	if rep := one(); len(rep.Findings) != 0 || !strings.Contains(log.String(), "no facts for 1 of the 2 units") {
		t.Errorf("without the tree's facts: %d findings, log %q", len(rep.Findings), log.String())
	}
	whole, err := Discover(root, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if done, failed := Summarize(Options{FactsDir: store}, whole); done != 2 || len(failed) != 0 {
		t.Fatalf("summarize: %d, %v", done, failed)
	}
	rep := one()
	if len(rep.Findings) != 1 || log.Len() != 0 {
		t.Fatalf("with the tree's facts: %+v, log %q", rep.Findings, log.String())
	}
	var trace []string
	for _, s := range rep.Findings[0].Trace {
		trace = append(trace, s.File+": "+s.Note)
	}
	if tr := strings.Join(trace, "\n"); !strings.Contains(tr, "drivers/user.c: user_work() calls stats_hit()") {
		t.Errorf("the caller in another directory is not in the trace:\n%s", tr)
	}
	// The caller now protects the call: its facts are read again.
	rewrite(t, filepath.Join(root, "drivers/user.c"), "void stats_hit(void);\nvoid preempt_disable(void);\nvoid preempt_enable(void);\n\nvoid user_work(void)\n{\n\tpreempt_disable();\n\tstats_hit();\n\tpreempt_enable();\n}\n")
	if rep := one(); len(rep.Findings) != 0 {
		t.Errorf("after the caller changed: %+v", rep.Findings)
	}
}

// Two shards summarise half a tree each into stores of their own; the
// stores merge by copying their files, and a run over the merged store
// sees the whole tree.
func TestShardsMerge(t *testing.T) {
	root := writeTree(t, fakeTree)
	stores := []string{t.TempDir(), t.TempDir()}
	for i, st := range stores {
		whole, err := Discover(root, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := whole.Shard(i+1, 2); err != nil {
			t.Fatal(err)
		}
		if done, failed := Summarize(Options{FactsDir: st}, whole); done != 1 || len(failed) != 0 {
			t.Fatalf("shard %d: %d, %v", i+1, done, failed)
		}
	}
	// cp -r second/. first/
	err := filepath.WalkDir(stores[1], func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(stores[1], p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(stores[0], rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	targets, err := Discover(root, []string{"lib/stats.c"}, "")
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	rep := Check(Options{FactsDir: stores[0], Log: &log}, targets)
	if len(rep.Findings) != 1 || log.Len() != 0 {
		t.Errorf("over the merged store: %+v, log %q", rep.Findings, log.String())
	}
	if err := targets.Shard(3, 2); err == nil {
		t.Error("--shard 3/2 accepted")
	}
}

// A lock helper's effect crosses two units (drivers/user.c calls
// lib/wrap.c's wrapper of lib/lock.c's helper): the units are summarised
// again with the program's summaries until they settle, so stats_hit(),
// called between the wrappers, is protected. The store keeps the settled
// facts, and a one-file run with it sees the same.
func TestFactsSettleAcrossUnits(t *testing.T) {
	files := withBusWrappers()
	root := writeTree(t, files)
	store := t.TempDir()
	whole, err := Discover(root, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if rep := Check(Options{FactsDir: store}, whole); len(rep.Findings) != 0 || len(rep.Stats.FailedFiles) != 0 {
		t.Errorf("whole tree: %+v %v", rep.Findings, rep.Stats.FailedFiles)
	}
	st, err := interproc.OpenStore(store)
	if err != nil {
		t.Fatal(err)
	}
	records, err := st.Records()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"drivers/user.c", "lib/wrap.c"} {
		uf, err := st.Load(records[id])
		if err != nil {
			t.Fatal(err)
		}
		if uf.Callees == "" {
			t.Errorf("%s: the store holds facts made without the program", id)
		}
	}
	one, err := Discover(root, []string{"lib/stats.c"}, "")
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	if rep := Check(Options{FactsDir: store, Log: &log}, one); len(rep.Findings) != 0 || log.Len() != 0 {
		t.Errorf("one file with the store: %+v, log %q", rep.Findings, log.String())
	}
}

// A second run over an unchanged tree takes every unit's findings from
// the store; after one file changes, that file is checked again, and so
// is the file whose finding depends on it (the caller now protects the
// call, so the helper's entry context changed), while a third file,
// which neither calls nor is called by it, is not.
func TestChecksKeptAcrossRuns(t *testing.T) {
	files := withFakeTree()
	files["lib/other.c"] = "void __this_cpu_inc(int);\nvoid msleep(unsigned int ms);\nint misses;\n\nvoid other_miss(void)\n{\n\tmsleep(1);\n\t__this_cpu_inc(misses);\n}\n"
	root := writeTree(t, files)
	store := t.TempDir()
	run := func() *Report { return checkTree(t, root, store) }
	found := func(rep *Report) string {
		var out []string
		for _, f := range rep.Findings {
			out = append(out, fmt.Sprintf("%s:%d %s %s [%d steps]", f.File, f.Line, f.Rule, f.Message, len(f.Trace)))
		}
		return strings.Join(out, "\n")
	}
	first := run()
	if len(first.Findings) != 2 || first.Stats.Phases.ChecksReused != 0 {
		t.Fatalf("first run: %s, %d kept", found(first), first.Stats.Phases.ChecksReused)
	}
	second := run()
	if ph := second.Stats.Phases; ph.ChecksReused != 3 || ph.FactsReused != 3 {
		t.Errorf("unchanged tree: facts of %d, findings of %d kept, want 3 and 3", ph.FactsReused, ph.ChecksReused)
	}
	if a, b := found(first), found(second); a != b {
		t.Errorf("kept findings differ:\n%s\nwant\n%s", b, a)
	}
	rewrite(t, filepath.Join(root, "drivers/user.c"), "void stats_hit(void);\nvoid preempt_disable(void);\nvoid preempt_enable(void);\n\nvoid user_work(void)\n{\n\tpreempt_disable();\n\tstats_hit();\n\tpreempt_enable();\n}\n")
	third := run()
	if ph := third.Stats.Phases; ph.ChecksReused != 1 {
		t.Errorf("after drivers/user.c changed: findings of %d units kept, want 1 (lib/other.c)", ph.ChecksReused)
	}
	if len(third.Findings) != 1 || third.Findings[0].File != "lib/other.c" {
		t.Errorf("after the caller protects the call: %s", found(third))
	}
}

// Another build of kpreempt (toolID) takes nothing of what the store
// kept of the checks: neither the findings of an unchanged tree, nor the
// program's answers to a file whose edit only moved code (a change to
// the link, or to kapi, may answer otherwise from the same facts). Every
// unit is checked again, to the same findings.
func TestChecksKeptForTheirBuild(t *testing.T) {
	files := withBusWrappers()
	root := writeTree(t, files)
	store := t.TempDir()
	first := checkTree(t, root, store)
	if ph := checkTree(t, root, store).Stats.Phases; ph.ChecksReused == 0 {
		t.Fatalf("unchanged tree, same build: no findings kept")
	}
	defer func(id func() string) { toolID = id }(toolID)
	toolID = func() string { return "another build" }
	other := checkTree(t, root, store)
	if ph := other.Stats.Phases; ph.ChecksReused != 0 {
		t.Errorf("another build: findings of %d units kept, want none", ph.ChecksReused)
	}
	if len(other.Findings) != len(first.Findings) {
		t.Errorf("another build: %d findings, want %d", len(other.Findings), len(first.Findings))
	}
	moved := func() *report.Phases {
		t.Helper()
		rewrite(t, filepath.Join(root, "drivers/user.c"), "/* moved */\n"+files["drivers/user.c"])
		files["drivers/user.c"] = "/* moved */\n" + files["drivers/user.c"]
		one, err := Discover(root, []string{"drivers/user.c"}, "")
		if err != nil {
			t.Fatal(err)
		}
		return Check(Options{FactsDir: store}, one).Stats.Phases
	}
	if ph := moved(); ph.Replayed != 1 {
		t.Fatalf("a move, same build: %d replayed, want 1", ph.Replayed)
	}
	toolID = func() string { return "a third build" }
	if ph := moved(); ph.Replayed != 0 {
		t.Errorf("a move, another build: %d replayed, want the program linked", ph.Replayed)
	}
}

// A release the program composes across units from facts made one unit
// at a time (rtnl_unlock() calls netdev_run_todo() of another file, which
// calls __rtnl_unlock() back in the first) is one on some ways out; a
// wrapper that makes the call on every path (rtnl_net_unlock()) passes it
// on to its callers: net/ipv6/addrconf.c's sysctl handlers, which take
// the lock with a trylock wrapper and release it with the unlock one,
// are not reported.
func TestWrapperOfComposedRelease(t *testing.T) {
	files := withFakeTree()
	const decl = "struct mutex { int x; };\nint mutex_trylock(struct mutex *);\nvoid mutex_unlock(struct mutex *);\n"
	files["net/core/rtnl.c"] = decl + "struct mutex big_mutex;\nvoid run_todo(void);\n\nint big_trylock(void)\n{\n\treturn mutex_trylock(&big_mutex);\n}\n\nvoid __big_unlock(void)\n{\n\tmutex_unlock(&big_mutex);\n}\n\nvoid big_unlock(void)\n{\n\trun_todo();\n}\n"
	files["net/core/todo.c"] = "void __big_unlock(void);\nint todo_len;\n\nvoid run_todo(void)\n{\n\ttodo_len = 0;\n\t__big_unlock();\n}\n"
	files["net/ipv6/conf.c"] = `int big_trylock(void);
void big_unlock(void);
int restart_syscall(void);

static inline int big_net_trylock(int *net)
{
	return big_trylock();
}

static inline void big_net_unlock(int *net)
{
	big_unlock();
}

int conf_set(int *net, int *p, int v)
{
	if (!big_net_trylock(net))
		return restart_syscall();
	*p = v;
	if (v) {
		big_net_unlock(net);
		return 0;
	}
	*p = 1;
	big_net_unlock(net);
	return 0;
}
`
	root := writeTree(t, files)
	store := t.TempDir()
	whole, err := Discover(root, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if done, failed := Summarize(Options{FactsDir: store}, whole); len(failed) != 0 {
		t.Fatalf("summarize: %d, %v", done, failed)
	}
	one, err := Discover(root, []string{"net/ipv6/conf.c"}, "")
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	rep := Check(Options{FactsDir: store, Log: &log}, one)
	if len(rep.Stats.FailedFiles) > 0 {
		t.Fatal(rep.Stats.FailedFiles[0].Error)
	}
	for _, f := range rep.Findings {
		t.Errorf("%s:%d: %s", f.File, f.Line, f.Message)
	}
}

// A unit that no PREEMPT_RT kernel builds has no finding of those kernels
// alone: drivers/gpu/Makefile builds i915/ under DRM_I915, which depends
// on !PREEMPT_RT (as in Linux 6.12); the same code elsewhere is flagged.
func TestNoRTFindingsWhereRTNeverBuilds(t *testing.T) {
	files := map[string]string{}
	for k, v := range fakeTree {
		files[k] = v
	}
	code := `typedef struct { int x; } raw_spinlock_t;
typedef struct { int x; } spinlock_t;
void raw_spin_lock(raw_spinlock_t *l);
void raw_spin_unlock(raw_spinlock_t *l);
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
static raw_spinlock_t hw_lock;
static spinlock_t stats_lock;

void update(void)
{
	raw_spin_lock(&hw_lock);
	spin_lock(&stats_lock);
	spin_unlock(&stats_lock);
	raw_spin_unlock(&hw_lock);
}
`
	files["drivers/gpu/Makefile"] = "obj-$(CONFIG_DRM) += drm_core.o\nobj-$(CONFIG_DRM_I915)\t+= i915/\n"
	files["drivers/gpu/i915/Kconfig"] = "config DRM_I915\n\ttristate \"Intel\"\n\tdepends on DRM\n\tdepends on !PREEMPT_RT\n"
	files["drivers/gpu/i915/intel_uncore.c"] = code
	files["drivers/gpu/drm_core.c"] = code
	root := writeTree(t, files)
	targets, err := Discover(root, []string{"drivers/gpu/i915/intel_uncore.c", "drivers/gpu/drm_core.c"}, "")
	if err != nil {
		t.Fatal(err)
	}
	rep := Check(Options{NoFacts: true, NoFactsWarning: true, Model: "both"}, targets)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, fmt.Sprintf("%s:%d %s %s", f.File, f.Line, f.Rule, f.Model))
	}
	if want := []string{"drivers/gpu/drm_core.c:13 rt-lock-in-atomic rt"}; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A chain of lock wrappers through more files than a run settles
// (maxProgramRounds) leaves units unsettled; the run keeps their facts as
// accepted in its program, so a second run over the unchanged tree
// summarises nothing again and keeps every unit's findings. Changing the
// innermost helper changes what its wrappers see: the rounds start again.
func TestSecondRunSettlesNothing(t *testing.T) {
	files := withFakeTree()
	files["lib/lock.c"] = "void preempt_disable(void);\nvoid preempt_enable(void);\n\nvoid bus_get0(void)\n{\n\tpreempt_disable();\n}\n\nvoid bus_put0(void)\n{\n\tpreempt_enable();\n}\n"
	const depth = maxProgramRounds + 2
	for i := 1; i <= depth; i++ {
		files[fmt.Sprintf("lib/wrap%d.c", i)] = fmt.Sprintf("void bus_get%[1]d(void);\nvoid bus_put%[1]d(void);\n\nvoid bus_get%[2]d(void)\n{\n\tbus_get%[1]d();\n}\n\nvoid bus_put%[2]d(void)\n{\n\tbus_put%[1]d();\n}\n", i-1, i)
	}
	files["drivers/user.c"] = fmt.Sprintf("void bus_get%[1]d(void);\nvoid bus_put%[1]d(void);\nvoid stats_hit(void);\n\nvoid user_work(void)\n{\n\tbus_get%[1]d();\n\tstats_hit();\n\tbus_put%[1]d();\n}\n", depth)
	root := writeTree(t, files)
	store := t.TempDir()
	run := func() *Report { return checkTree(t, root, store) }
	first := run()
	if first.Stats.Phases.Resummarized == 0 {
		t.Fatalf("first run: no unit summarised again with its callees' summaries")
	}
	if ph := first.Stats.Phases; len(ph.Rounds) != maxProgramRounds || ph.Unsettled == 0 {
		t.Errorf("first run: %d rounds (%v), %d units left unsettled; want %d rounds and some left", len(ph.Rounds), ph.Rounds, ph.Unsettled, maxProgramRounds)
	}
	units := len(first.Stats.FailedFiles) + first.Stats.Files
	second := run()
	if ph := second.Stats.Phases; ph.Resummarized != 0 || ph.FactsReused != units || ph.ChecksReused != units {
		t.Errorf("unchanged tree: %d summaries made again, facts of %d and findings of %d units kept, want 0, %d, %d",
			ph.Resummarized, ph.FactsReused, ph.ChecksReused, units, units)
	}
	if len(second.Findings) != len(first.Findings) {
		t.Errorf("second run: %d findings, first %d", len(second.Findings), len(first.Findings))
	}
	rewrite(t, filepath.Join(root, "lib/lock.c"), "void preempt_disable(void);\nvoid preempt_enable(void);\n\nvoid bus_get0(void)\n{\n}\n\nvoid bus_put0(void)\n{\n}\n")
	third := run()
	if ph := third.Stats.Phases; ph.Resummarized == 0 {
		t.Errorf("after the innermost helper changed: no unit summarised again")
	}
}

// A changed unit of a tree whose store holds the other units is
// summarised with their summaries before the link (preSummary): the
// program settles without summarising it again, and the run finds in it
// what a run over the whole tree finds.
func TestChangedUnitSummarisedInStoredProgram(t *testing.T) {
	files := withBusWrappers()
	root := writeTree(t, files)
	store := t.TempDir()
	checkTree(t, root, store)
	rewrite(t, filepath.Join(root, "drivers/user.c"), "void bus_begin(void);\nvoid bus_end(void);\nvoid stats_hit(void);\nvoid __this_cpu_inc(int);\nvoid msleep(unsigned int ms);\nint calls;\n\nvoid user_work(void)\n{\n\tmsleep(1);\n\tbus_begin();\n\tstats_hit();\n\t__this_cpu_inc(calls);\n\tbus_end();\n\t__this_cpu_inc(calls);\n}\n")
	one, err := Discover(root, []string{"drivers/user.c"}, "")
	if err != nil {
		t.Fatal(err)
	}
	rep := Check(Options{FactsDir: store}, one)
	if ph := rep.Stats.Phases; ph.Resummarized != 0 || len(rep.Stats.FailedFiles) != 0 {
		t.Errorf("changed unit: %d summaries made again in the link, failed %v; want 0", ph.Resummarized, rep.Stats.FailedFiles)
	}
	lines := func(r *Report) []string {
		var out []string
		for _, f := range r.Findings {
			if f.File == "drivers/user.c" {
				out = append(out, fmt.Sprintf("%d %s %s", f.Line, f.Rule, f.Message))
			}
		}
		return out
	}
	whole := checkTree(t, root, t.TempDir())
	if got, want := lines(rep), lines(whole); strings.Join(got, "\n") != strings.Join(want, "\n") || len(want) != 1 {
		t.Errorf("changed unit in the stored program:\n%s\nwhole tree (one finding, after bus_end()):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A one-file run after an edit that only moved code (lines added above
// the functions, a comment inside one) checks the file with the answers
// its program gave the run before, kept in the store, and does not link
// the program; its findings, their traces through the program
// included, are those of a whole-tree run over the edited tree. An edit
// that changes what a function does links the program again. A run over
// the file unchanged takes its findings without linking the program.
func TestEditReplaysProgram(t *testing.T) {
	files := withBusWrappers()
	user := "void bus_begin(void);\nvoid bus_end(void);\nvoid stats_hit(void);\nvoid __this_cpu_inc(int);\nvoid msleep(unsigned int ms);\nint calls;\n\nstatic void count(void)\n{\n\t__this_cpu_inc(calls);\n}\n\nvoid user_work(void)\n{\n\tmsleep(1);\n\tbus_begin();\n\tstats_hit();\n\tbus_end();\n\tcount();\n}\n"
	files["drivers/user.c"] = user
	root := writeTree(t, files)
	store := t.TempDir()
	checkTree(t, root, store)
	shown := func(r *Report) string {
		var out []string
		for _, f := range r.Findings {
			if f.File != "drivers/user.c" {
				continue
			}
			s := fmt.Sprintf("%d:%d %s %s", f.Line, f.Column, f.Rule, f.Message)
			for _, st := range f.Trace {
				s += fmt.Sprintf("\n\t%s:%d:%d %s", st.File, st.Line, st.Column, st.Note)
			}
			out = append(out, s)
		}
		return strings.Join(out, "\n")
	}
	// Unchanged: the findings kept, and the program not linked either.
	one, err := Discover(root, []string{"drivers/user.c"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if ph := Check(Options{FactsDir: store}, one).Stats.Phases; ph.Replayed != 1 || ph.ChecksReused != 1 || ph.FactsReused != 1 {
		t.Errorf("unchanged: %+v; want its facts, findings and program's answers kept", ph)
	}
	for _, c := range []struct {
		name     string
		body     string
		replayed int
	}{
		{"lines added above", "/* a\n * comment\n */\n\n" + user, 1},
		{"a comment inside a function", strings.Replace(user, "\tmsleep(1);\n", "\t/* first */\n\tmsleep(1);\n", 1), 1},
		{"a call added", strings.Replace(user, "\tcount();\n", "\tcount();\n\tmsleep(2);\n", 1), 0},
	} {
		rewrite(t, filepath.Join(root, "drivers/user.c"), c.body)
		one, err := Discover(root, []string{"drivers/user.c"}, "")
		if err != nil {
			t.Fatal(err)
		}
		rep := Check(Options{FactsDir: store}, one)
		if len(rep.Stats.FailedFiles) != 0 {
			t.Fatalf("%s: %v", c.name, rep.Stats.FailedFiles)
		}
		if got := rep.Stats.Phases.Replayed; got != c.replayed {
			t.Errorf("%s: %d unit(s) checked with the program's kept answers, want %d", c.name, got, c.replayed)
		}
		got, want := shown(rep), shown(checkTree(t, root, t.TempDir()))
		if got != want || !strings.Contains(want, "user.c") {
			t.Errorf("%s: one file:\n%s\nwhole tree (with a trace through user.c):\n%s", c.name, got, want)
		}
	}
}

// A patch whose change only moves code is checked with the kept replies
// of the program too, when being code in the writing (a draft) changes
// no entry of the file's functions: every function of it that has
// external linkage has a caller. One that nothing calls is entered
// preemptible in a draft and unknown in the tree's unit: the program is
// linked. The findings are the same either way.
func TestPatchReplaysProgram(t *testing.T) {
	user := "void __this_cpu_inc(int);\nvoid msleep(unsigned int ms);\nint calls;\n\nstatic void count(void)\n{\n\t__this_cpu_inc(calls);\n}\n\nvoid user_work(void)\n{\n\tmsleep(1);\n\tcount();\n}\n"
	// Two lines above, and a per-CPU use in preemptible code added.
	patch := "--- a/drivers/user.c\n+++ b/drivers/user.c\n@@ -1,3 +1,5 @@\n+/* counts */\n+\n void __this_cpu_inc(int);\n void msleep(unsigned int ms);\n int calls;\n" +
		"@@ -11,4 +13,5 @@\n {\n \tmsleep(1);\n+\t__this_cpu_inc(calls);\n \tcount();\n }\n"
	for _, c := range []struct {
		name     string
		caller   bool
		replayed int
	}{{"user_work() called from another unit", true, 1}, {"user_work() called from nowhere", false, 0}} {
		files := withFakeTree()
		files["drivers/user.c"] = user
		if c.caller {
			files["lib/caller.c"] = "void user_work(void);\n\nvoid caller(void)\n{\n\tuser_work();\n}\n"
		}
		root := writeTree(t, files)
		shown := func(store string) (string, int) {
			set, err := changes.Parse("p", strings.NewReader(patch))
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Patch(Options{FactsDir: store}, set, PatchOptions{Dir: root, Apply: true})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, f := range rep.Findings {
				s := fmt.Sprintf("%d:%d %s %s", f.Line, f.Column, f.Rule, f.Message)
				for _, st := range f.Trace {
					s += fmt.Sprintf("\n\t%s:%d:%d %s", st.File, st.Line, st.Column, st.Note)
				}
				out = append(out, s)
			}
			return strings.Join(out, "\n"), rep.Stats.Phases.Replayed
		}
		kept := t.TempDir()
		checkTree(t, root, kept)
		got, replayed := shown(kept)
		if replayed != c.replayed {
			t.Errorf("%s: %d unit(s) checked with the program's kept answers, want %d", c.name, replayed, c.replayed)
		}
		// The same patch where no replies are kept: the program linked.
		linked := t.TempDir()
		checkTree(t, root, linked)
		if err := os.RemoveAll(filepath.Join(linked, "replies")); err != nil {
			t.Fatal(err)
		}
		want, none := shown(linked)
		if got != want || none != 0 || !strings.Contains(want, "preemptible") {
			t.Errorf("%s: replayed:\n%s\nlinked (%d replayed):\n%s", c.name, got, none, want)
		}
	}
}

// Edits of two files checked one after the other: the second file's
// kept answers came from the program before the first file's edit,
// which moved code only; they are moved with it, not thrown away.
func TestOtherUnitMovedSinceReplies(t *testing.T) {
	files := withFakeTree()
	files["lib/stats.c"] = "void msleep(unsigned int ms);\n\nvoid stats_wait(void)\n{\n\tmsleep(1);\n}\n"
	user := "void stats_wait(void);\nvoid preempt_disable(void);\nvoid preempt_enable(void);\n\nvoid user_work(void)\n{\n\tpreempt_disable();\n\tstats_wait();\n\tpreempt_enable();\n}\n"
	files["drivers/user.c"] = user
	root := writeTree(t, files)
	store := t.TempDir()
	checkTree(t, root, store)
	one := func(file string) *Report {
		ts, err := Discover(root, []string{file}, "")
		if err != nil {
			t.Fatal(err)
		}
		return Check(Options{FactsDir: store}, ts)
	}
	// lib/stats.c's code moves; drivers/user.c's trace goes into it.
	rewrite(t, filepath.Join(root, "lib/stats.c"), "/* moved */\n\n"+files["lib/stats.c"])
	if got := one("lib/stats.c").Stats.Phases.Replayed; got != 1 {
		t.Fatalf("lib/stats.c: %d replayed, want 1", got)
	}
	rewrite(t, filepath.Join(root, "drivers/user.c"), "/* also moved */\n"+user)
	rep := one("drivers/user.c")
	if got := rep.Stats.Phases.Replayed; got != 1 {
		t.Errorf("drivers/user.c after lib/stats.c moved: %d replayed, want 1", got)
	}
	shown := func(r *Report) string {
		var out []string
		for _, f := range r.Findings {
			if f.File != "drivers/user.c" {
				continue
			}
			s := fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Message)
			for _, st := range f.Trace {
				s += fmt.Sprintf("\n\t%s:%d:%d %s", st.File, st.Line, st.Column, st.Note)
			}
			out = append(out, s)
		}
		return strings.Join(out, "\n")
	}
	if got, want := shown(rep), shown(checkTree(t, root, t.TempDir())); got != want || !strings.Contains(want, "lib/stats.c") {
		t.Errorf("drivers/user.c:\n%s\nwhole tree (a trace into lib/stats.c):\n%s", got, want)
	}
}

// The pre-commit hook's run (kpreempt diff --cached) over a staged edit
// that only moves code is answered from the kept replies too.
func TestStagedEditReplaysProgram(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	files := withFakeTree()
	files["lib/caller.c"] = "void user_work(void);\n\nvoid caller(void)\n{\n\tuser_work();\n}\n"
	root := writeTree(t, files)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.email=k@example.org", "-c", "user.name=k"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "tree")
	store := t.TempDir()
	checkTree(t, root, store)
	rewrite(t, filepath.Join(root, "drivers/user.c"), "/* moved */\n"+files["drivers/user.c"])
	git("add", "drivers/user.c")
	rep, _, err := Diff(Options{FactsDir: store}, DiffOptions{Dir: root, Cached: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Stats.Phases.Replayed; got != 1 {
		t.Errorf("staged edit that moves code: %d unit(s) checked with the kept answers, want 1", got)
	}
}
