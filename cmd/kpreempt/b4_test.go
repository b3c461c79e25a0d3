package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// b4Command returns how to run the real b4 (0.14 or later: prep --check
// appeared in 0.14): KPREEMPT_B4 names its b4.sh, else the copy in
// ../shared/tools/b4. It skips when b4 or its Python modules are missing,
// unless KPREEMPT_REQUIRE_B4 is set (CI installs them).
func b4Command(t *testing.T) []string {
	t.Helper()
	skip := func(format string, args ...any) {
		if os.Getenv("KPREEMPT_REQUIRE_B4") != "" {
			t.Fatalf(format, args...)
		}
		t.Skipf(format, args...)
	}
	script := os.Getenv("KPREEMPT_B4")
	if script == "" {
		script, _ = filepath.Abs(filepath.Join("..", "..", "..", "shared", "tools", "b4", "b4.sh"))
	}
	src := filepath.Join(filepath.Dir(script), "src")
	if _, err := os.Stat(filepath.Join(src, "b4", "command.py")); err != nil {
		skip("no b4 at %s (set KPREEMPT_B4 to a b4 0.14 checkout's b4.sh)", script)
	}
	// b4.sh runs the first python3 on PATH; take one that has b4's
	// modules (Debian's, when another Python comes first).
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		cmd := exec.Command(py, "-c", "import requests, dkim, dns, patatt")
		if cmd.Run() == nil {
			return []string{py, filepath.Join(src, "b4", "command.py")}
		}
	}
	skip("b4's Python modules are missing: apt-get install python3-requests python3-dkim python3-dnspython python3-patatt")
	return nil
}

// TestB4PrepCheck runs b4 prep --check on a prep branch of five commits
// with the README's per-patch command: a bug on an unchanged line below
// an edit (found in the patch's own result, although a later patch moves
// it), a clean patch to the same file, a sleeping call under a spinlock,
// a rename of the file the first patch changed, and a deletion.
func TestB4PrepCheck(t *testing.T) {
	b4 := b4Command(t)
	exe := filepath.Join(t.TempDir(), "kpreempt")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	git(t, dir, "config", "user.name", "A U Thor")
	git(t, dir, "config", "user.email", "author@example.org")
	write(t, dir, "counter.c", clean)
	write(t, dir, "pool.c", pool)
	write(t, dir, "spare.c", "int spare;\n")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "base")

	env := append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir(), "HOME="+t.TempDir())
	runB4 := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(b4[0], append(b4[1:], args...)...)
		cmd.Dir, cmd.Env = dir, append(env, "PYTHONPATH="+filepath.Dir(filepath.Dir(b4[1])))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("b4 %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	runB4("prep", "-n", "kpreempt-check", "-f", "HEAD")
	commit := func(subject string) {
		t.Helper()
		git(t, dir, "add", "-A")
		git(t, dir, "commit", "-qm", subject, "-m", "Signed-off-by: A U Thor <author@example.org>")
	}
	// 1: the use now comes before preempt_disable(): the bug is on a line
	// the patch does not change.
	write(t, dir, "counter.c", strings.Replace(clean, "\tpreempt_disable();\n\thits[smp_processor_id()]++;\n", "\thits[smp_processor_id()]++;\n\tpreempt_disable();\n", 1))
	commit("counter: count first")
	// 2: five comment lines on top of the same file.
	write(t, dir, "counter.c", "/*\n * Per-CPU hits.\n *\n * Counted on every call.\n */\n"+string(mustRead(t, filepath.Join(dir, "counter.c"))))
	commit("counter: describe the file")
	// 3: a sleeping allocation under a spinlock.
	write(t, dir, "pool.c", strings.Replace(pool, "\tp = NULL;\n", "\tp = kmalloc(64, GFP_KERNEL);\n", 1))
	commit("pool: allocate under the lock")
	// 4: the first patch's file renamed.
	git(t, dir, "mv", "counter.c", "hits.c")
	commit("counter: rename to hits.c")
	// 5: a file deleted.
	git(t, dir, "rm", "-q", "spare.c")
	commit("spare: remove")

	git(t, dir, "config", "b4.prep-perpatch-check-cmd", exe+" patch -q --terse --no-summary --mailback --showfile --show-types")
	out := runB4("prep", "--check", "--no-cache")

	// b4 prints each commit with a coloured dot (green: passed), then its
	// findings, one per line.
	commits := regexp.MustCompile(`(?m)^\x1b\[(\d+(?:;\d+)?)m\S+\x1b\[0m [0-9a-f]{12}: (.*)$`).FindAllStringSubmatch(out, -1)
	verdict := map[string]string{}
	for _, m := range commits {
		verdict[m[2]] = map[string]string{"32": "passed", "31": "warning", "31;5": "failed"}[m[1]]
	}
	for subject, want := range map[string]string{
		"counter: count first":          "warning",
		"counter: describe the file":    "passed",
		"pool: allocate under the lock": "warning",
		"counter: rename to hits.c":     "passed",
		"spare: remove":                 "passed",
	} {
		if verdict[subject] != want {
			t.Errorf("%q: %q, want %s\n%s", subject, verdict[subject], want, out)
		}
	}
	for _, finding := range []string{
		"counter.c:8: WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: smp_processor_id() used in preemptible code",
		"pool.c:11: WARNING:KPREEMPT_SLEEP_IN_ATOMIC: kmalloc() may sleep",
	} {
		if !strings.Contains(out, finding) {
			t.Errorf("b4 does not show %q:\n%s", finding, out)
		}
	}
	if !strings.Contains(out, "Success: 3, Warning: 2, Error: 0") {
		t.Errorf("summary:\n%s", out)
	}
}

const pool = `#include <linux/spinlock.h>
#include <linux/slab.h>

static DEFINE_SPINLOCK(lock);

void *grab(void)
{
	void *p;

	spin_lock(&lock);
	p = NULL;
	spin_unlock(&lock);
	return p;
}
`
