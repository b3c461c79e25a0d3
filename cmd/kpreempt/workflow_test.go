package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/internal/testkit"
)

// The workflows kernel developers use: a patch next to checkpatch, b4's
// per-patch check, a pre-commit hook. Each runs the way its user runs it,
// on a git repository with history.

// gitRepo makes a repository whose first commit has clean.c (no findings)
// and old.c (one finding that predates every patch below).
func gitRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	write(t, dir, "clean.c", clean)
	write(t, dir, "old.c", racy)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-qm", "base")
	return dir
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return testkit.Git(t, dir, args...)
}

var gitCmd = testkit.GitCmd

// unprotect removes clean.c's preempt section: its unchanged line
// hits[smp_processor_id()]++ becomes unsafe.
func unprotect(src string) string {
	return strings.NewReplacer("\tpreempt_disable();\n", "", "\tpreempt_enable();\n", "").Replace(src)
}

const addedBug = "\nint cpu_now(void)\n{\n\treturn smp_processor_id();\n}\n"

// snapshot hashes every file of dir, .git included, with its mode.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		h := sha256.New()
		if info.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = fmt.Sprintf("%v %s", info.Mode(), hex.EncodeToString(h.Sum(nil)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSnapshot(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	var diffs []string
	for k, v := range before {
		if after[k] != v {
			diffs = append(diffs, "changed or removed: "+k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			diffs = append(diffs, "added: "+k)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("%s changed the repository:\n%s", what, strings.Join(diffs, "\n"))
	}
}

// TestPatchCheckpatchFormat checks a git format-patch file applied to the
// tree: the bug it adds and the line it makes unsafe are reported, in
// checkpatch's format; the finding that predates it is not.
func TestPatchCheckpatchFormat(t *testing.T) {
	dir := gitRepo(t)
	write(t, dir, "clean.c", unprotect(clean)+addedBug)
	git(t, dir, "commit", "-qam", "clean: drop the preempt section, add cpu_now")
	patch := filepath.Join(t.TempDir(), "0001.patch")
	write(t, filepath.Dir(patch), "0001.patch", git(t, dir, "format-patch", "--stdout", "-1"))

	code, out, errs := kpreempt(t, "patch", "--show-types", "-C", dir, patch)
	if code != 1 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(string(mustRead(t, patch)), "\n")
	re := regexp.MustCompile(`(?m)^WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: smp_processor_id\(\) used in preemptible code\n#(\d+): FILE: clean\.c:(\d+):\n([+ ])(.*)\n\n`)
	found := re.FindAllStringSubmatch(out, -1)
	if len(found) != 2 {
		t.Fatalf("want 2 findings in checkpatch format, got:\n%s", out)
	}
	for _, m := range found {
		var n int
		fmt.Sscan(m[1], &n)
		if got := lines[n-1]; got != m[3]+m[4] {
			t.Errorf("#%s points at patch line %q, not %q", m[1], got, m[3]+m[4])
		}
	}
	if found[0][3] != " " || !strings.Contains(found[0][4], "hits[smp_processor_id()]++") || found[1][3] != "+" {
		t.Errorf("want the unsafe context line, then the added line: %q", found)
	}
	if strings.Contains(out, "old.c") {
		t.Error("a finding that predates the patch is reported")
	}
	if !strings.Contains(out, "total: 0 errors, 2 warnings, "+fmt.Sprint(len(lines)-1)+" lines checked\n") {
		t.Errorf("summary:\n%s", out)
	}

	// The same patch on the tree before it: the repository has the
	// patch's blobs, so with or without --apply its own before and after
	// are checked, and the tree is left as it was.
	git(t, dir, "checkout", "-q", "HEAD~1")
	before := snapshot(t, dir)
	for _, apply := range [][]string{{"--apply"}, nil} {
		code2, out2, errs2 := kpreempt(t, append(append([]string{"patch", "--show-types"}, apply...), "-C", dir, patch)...)
		if code2 != 1 || out2 != out || errs2 != "" {
			t.Errorf("%v on the tree before the patch: exit %d, stderr %q, output differs:\n%s", apply, code2, errs2, out2)
		}
	}
	sameSnapshot(t, "patch", before, snapshot(t, dir))
	// A patch whose blobs the repository does not have (as mailed from
	// elsewhere), on a tree without it: a clear error, not a clean
	// verdict; with --apply, the same findings.
	foreign := filepath.Join(filepath.Dir(patch), "foreign.patch")
	write(t, filepath.Dir(patch), "foreign.patch", regexp.MustCompile(`(?m)^index [0-9a-f]+\.\.[0-9a-f]+( \d+)?\n`).ReplaceAllString(string(mustRead(t, patch)), ""))
	code3, out3, errs3 := kpreempt(t, "patch", "-C", dir, foreign)
	if code3 != 2 || !strings.Contains(errs3, "is it applied?") || strings.Contains(out3, "no obvious") {
		t.Errorf("unapplied patch: exit %d, stdout %q, stderr %q", code3, out3, errs3)
	}
	if code4, out4, _ := kpreempt(t, "patch", "--show-types", "--apply", "-C", dir, foreign); code4 != 1 || len(re.FindAllString(out4, -1)) != 2 {
		t.Errorf("--apply without blobs: exit %d\n%s", code4, out4)
	}
}

// TestPatchB4 runs kpreempt patch as b4 prep --check runs a per-patch
// command: the patch on stdin, one line per finding, nothing on stderr,
// exit 0 and no output when clean.
func TestPatchB4(t *testing.T) {
	dir := gitRepo(t)
	write(t, dir, "clean.c", clean+"\n/* A comment. */\n")
	git(t, dir, "commit", "-qam", "clean: comment")
	write(t, dir, "old.c", racy+addedBug)
	git(t, dir, "commit", "-qam", "old: add cpu_now")
	b4 := []string{"patch", "-C", dir, "-q", "--terse", "--no-summary", "--mailback", "--showfile", "--show-types", "-"}
	for _, tc := range []struct {
		rev      string
		code     int
		want     string
		wantLine int
	}{
		{"HEAD~1", 0, "", 0},
		{"HEAD", 1, "old.c:%d: WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: smp_processor_id() used in preemptible code\n", 13},
	} {
		patch := git(t, dir, "format-patch", "--stdout", "-1", tc.rev)
		var out, errb bytes.Buffer
		code := runWithInput(append([]string{"kpreempt"}, b4...), strings.NewReader(patch), &out, &errb)
		want := tc.want
		if tc.wantLine > 0 {
			want = fmt.Sprintf(tc.want, tc.wantLine)
		}
		if code != tc.code || out.String() != want || errb.Len() != 0 {
			t.Errorf("%s: exit %d, stdout %q (want %q), stderr %q", tc.rev, code, out.String(), want, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := runWithInput([]string{"kpreempt", "patch", "-"}, strings.NewReader("not a patch\n"), &out, &errb); code != 2 ||
		strings.Count(errb.String(), "\n") != 1 || !strings.Contains(errb.String(), "no diff found") {
		t.Errorf("malformed patch: exit %d, stderr %q", code, errb.String())
	}
}

// TestPatchOnKernel checks a real git format-patch file against the
// fixture kernel tree: kernel/sched/core.c has findings of its own; only
// the one the patch introduces is reported.
func TestPatchOnKernel(t *testing.T) {
	tree := os.Getenv("KPREEMPT_KERNEL")
	if tree == "" {
		t.Skip("KPREEMPT_KERNEL is not set: no kernel fixture (scripts/kernel-fixture.sh prints it)")
	}
	t.Setenv("KPREEMPT_CACHE", t.TempDir()) // the tree's facts store, for this test only
	patch, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "patches", "0001-sched-count-preempt-mode-updates-per-CPU.patch"))
	code, whole, _ := kpreempt(t, "check", "-C", tree, "kernel/sched/core.c")
	if code != 1 || strings.Count(whole, ": warning: ") < 2 {
		t.Fatalf("kernel/sched/core.c should have findings of its own (exit %d):\n%s", code, whole)
	}
	code, out, errs := kpreempt(t, "patch", "--show-types", "--apply", "-C", tree, patch)
	want := "WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: __this_cpu_inc() used in preemptible code\n" +
		"#25: FILE: kernel/sched/core.c:7536:\n" +
		"+\t__this_cpu_inc(sched_dynamic_updates);\n\n" +
		"total: 0 errors, 1 warnings, 31 lines checked\n"
	if code != 1 || !strings.HasPrefix(out, want) || errs != "" {
		t.Errorf("exit %d, stderr %q, output:\n%s\nwant it to begin:\n%s", code, errs, out, want)
	}
}

// TestPreCommitHook installs the hook in a repository with history and
// commits through git: a commit adding a bug is refused and leaves the
// repository byte for byte as it was; a clean commit goes through.
func TestPreCommitHook(t *testing.T) {
	dir := gitRepo(t)
	exe := filepath.Join(t.TempDir(), "kpreempt")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	write(t, filepath.Dir(hook), "pre-commit", "#!/bin/sh\nexit 0\n")
	if code, _, errs := kpreempt(t, "hook", "install", "-C", dir, "--exec", exe); code != 2 || !strings.Contains(errs, "not written by kpreempt") {
		t.Errorf("foreign hook overwritten: exit %d, %q", code, errs)
	}
	if code, out, _ := kpreempt(t, "hook", "install", "-C", dir, "--exec", exe, "--force"); code != 0 || !strings.Contains(out, "git commit --no-verify") {
		t.Fatalf("install: exit %d, %q", code, out)
	}
	if code, _, _ := kpreempt(t, "hook", "install", "-C", dir, "--exec", exe); code != 0 {
		t.Errorf("reinstalling over its own hook: exit %d", code)
	}

	// A bad change, staged; another unstaged edit that must survive.
	write(t, dir, "clean.c", unprotect(clean))
	git(t, dir, "add", "clean.c")
	write(t, dir, "old.c", racy+"/* work in progress */\n")
	// git itself refreshes the index and writes a tree object when it
	// prepares a commit, hook or no hook: let it do so once with a hook
	// that refuses, so that what remains to compare is kpreempt's doing.
	refuse := t.TempDir()
	write(t, refuse, "pre-commit", "#!/bin/sh\nexit 1\n")
	if err := os.Chmod(filepath.Join(refuse, "pre-commit"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := gitCmd(dir, "-c", "core.hooksPath="+refuse, "commit", "-qm", "warm-up").Run(); err == nil {
		t.Fatal("the warm-up commit went through")
	}
	before := snapshot(t, dir)
	cmd := gitCmd(dir, "commit", "-m", "clean: drop the preempt section")
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the bad commit went through:\n%s", out)
	}
	if !strings.Contains(string(out), "clean.c:8:") || !strings.Contains(string(out), "percpu-preemptible") {
		t.Errorf("the refusal does not show the finding:\n%s", out)
	}
	if !strings.Contains(string(out), "commit refused") || !strings.Contains(string(out), "git commit --no-verify") {
		t.Errorf("the refusal does not say the commit was refused and how to bypass the hook:\n%s", out)
	}
	sameSnapshot(t, "a refused commit", before, snapshot(t, dir))

	// kpreempt diff without --cached sees the working tree instead.
	if code, out, _ := kpreempt(t, "diff", "-C", dir); code != 1 || !strings.Contains(out, "clean.c:8:") || strings.Contains(out, "old.c") {
		t.Errorf("diff of the working tree: exit %d\n%s", code, out)
	}
	sameSnapshot(t, "kpreempt diff", before, snapshot(t, dir))

	// Fix it: the commit goes through.
	write(t, dir, "clean.c", clean+"\nint spare;\n")
	git(t, dir, "add", "clean.c")
	if out, err := gitCmd(dir, "commit", "-m", "clean: add spare").CombinedOutput(); err != nil {
		t.Errorf("the clean commit was refused: %v\n%s", err, out)
	}
	if code, _, _ := kpreempt(t, "hook", "uninstall", "-C", dir); code != 0 {
		t.Errorf("uninstall: exit %d", code)
	}
	if _, err := os.Stat(hook); !os.IsNotExist(err) {
		t.Error("hook not removed")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPatchSeriesSameFile checks a two-patch mbox whose patches both
// change clean.c: with --apply they are applied in order; on the tree at
// the series' tip, the first patch's lines are found where the second
// patch moved them. Both report the bugs of both patches.
func TestPatchSeriesSameFile(t *testing.T) {
	dir := gitRepo(t)
	write(t, dir, "clean.c", clean+addedBug)
	git(t, dir, "commit", "-qam", "clean: add cpu_now")
	write(t, dir, "clean.c", "/* Counting. */\n\n"+clean+addedBug+"\nint cpu_then(void)\n{\n\treturn smp_processor_id() * 2;\n}\n")
	git(t, dir, "commit", "-qam", "clean: add cpu_then")
	series := filepath.Join(t.TempDir(), "series.mbox")
	write(t, filepath.Dir(series), "series.mbox", git(t, dir, "format-patch", "--stdout", "HEAD~2"))

	// Each patch is checked as it is in the series: the first patch's
	// bug at its line in the first patch's result.
	want := regexp.MustCompile(`(?s)^clean\.c:15: WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: [^\n]*\nclean\.c:22: WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: [^\n]*\n$`)
	args := []string{"patch", "-C", dir, "-q", "--terse", "--no-summary", "--showfile", "--show-types"}
	code, out, errs := kpreempt(t, append(args, series)...)
	if code != 1 || errs != "" || !want.MatchString(out) {
		t.Errorf("series on its tip: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
	git(t, dir, "checkout", "-q", "HEAD~2")
	code, out, errs = kpreempt(t, append(append(args, "--apply"), series)...)
	if code != 1 || errs != "" || !want.MatchString(out) {
		t.Errorf("series --apply: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
}

// A patch that makes an unchanged line unsafe, followed in its series by a
// patch that moves that line: the series reports the first patch's bug at
// its own patch line, whether the repository has the patches' blobs (each
// patch compared with its own before) or not (the tree's copy, with the
// first patch's hunks found by their text).
func TestPatchSeriesContextBug(t *testing.T) {
	dir := gitRepo(t)
	// Patch 1 moves preempt_disable() below the per-CPU use.
	write(t, dir, "clean.c", strings.Replace(clean, "\tpreempt_disable();\n\thits[smp_processor_id()]++;\n", "\thits[smp_processor_id()]++;\n\tpreempt_disable();\n", 1))
	git(t, dir, "commit", "-qam", "clean: move preempt_disable")
	// Patch 2 adds comment lines at the top of the same file.
	write(t, dir, "clean.c", "/* one */\n/* two */\n"+strings.Replace(clean, "\tpreempt_disable();\n\thits[smp_processor_id()]++;\n", "\thits[smp_processor_id()]++;\n\tpreempt_disable();\n", 1))
	git(t, dir, "commit", "-qam", "clean: comments")
	patches := t.TempDir()
	git(t, dir, "format-patch", "-q", "-o", patches, "HEAD~2")
	first, _ := filepath.Glob(filepath.Join(patches, "0001-*.patch"))
	series := filepath.Join(patches, "series.mbox")
	write(t, patches, "series.mbox", git(t, dir, "format-patch", "--stdout", "HEAD~2"))
	firstLine := patchLineOf(t, first[0], " \thits[smp_processor_id()]++;")
	want := regexp.MustCompile(`^[^\n]*:` + strconv.Itoa(firstLine) + `: WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: smp_processor_id\(\) used in preemptible code\n$`)
	args := []string{"patch", "-C", dir, "-q", "--terse", "--no-summary", "--show-types"}
	for _, in := range []string{first[0], series} {
		code, out, errs := kpreempt(t, append(args, in)...)
		if code != 1 || errs != "" || !want.MatchString(out) {
			t.Errorf("%s with blobs: exit %d, stderr %q, output:\n%s", filepath.Base(in), code, errs, out)
		}
	}
	// The same tree without its repository: no blobs.
	bare := t.TempDir()
	write(t, bare, "clean.c", git(t, dir, "show", "HEAD:clean.c"))
	code, out, errs := kpreempt(t, "patch", "-C", bare, "-q", "--terse", "--no-summary", "--show-types", first[0])
	if code != 1 || errs != "" || !want.MatchString(out) {
		t.Errorf("first patch on the series' tip, no blobs: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
}

// patchLineOf is the 1-based line of a patch file that is text.
func patchLineOf(t *testing.T, patch, text string) int {
	t.Helper()
	data, err := os.ReadFile(patch)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if l == text {
			return i + 1
		}
	}
	t.Fatalf("%s has no line %q", patch, text)
	return 0
}
