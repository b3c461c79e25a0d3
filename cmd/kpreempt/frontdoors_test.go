package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// kbuild's make C=1 runs kpreempt cc: a suppression comment silences a
// finding there as it does in kpreempt check, and a malformed one is
// reported.
func TestCCHonoursSuppressions(t *testing.T) {
	dir := t.TempDir()
	silenced := write(t, dir, "silenced.c", strings.Replace(racy, "\thits[", "\t/* kpreempt: ignore percpu-preemptible -- a statistics hint */\n\thits[", 1))
	code, out, errs := kpreempt(t, "cc", "--fail", "-D__linux__", silenced)
	if code != 0 || out != "" || errs != "" {
		t.Errorf("suppressed finding under cc: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	reasonless := write(t, dir, "reasonless.c", strings.Replace(racy, "\thits[", "\t/* kpreempt: ignore percpu-preemptible */\n\thits[", 1))
	if _, _, errs := kpreempt(t, "cc", reasonless); !strings.Contains(errs, "[suppression]") || !strings.Contains(errs, "[percpu-preemptible]") {
		t.Errorf("a comment without a reason silences nothing and is reported: %q", errs)
	}
}

// sarifOut reads the category, locations and fingerprints of a SARIF log.
type sarifOut struct {
	Runs []struct {
		AutomationDetails  struct{ ID string }             `json:"automationDetails"`
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Results            []struct {
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

// The bundled examples give the same SARIF (relative URIs under
// %SRCROOT%, mapped to the repository's top) and the same fingerprints
// whether named by relative or absolute paths, and whatever directory the
// run is made in; a baseline made one way holds the other way.
func TestFileIdentityAnySpelling(t *testing.T) {
	top, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	rel := filepath.Join("..", "..", "testdata", "csrc", "doc")
	abs := filepath.Join(top, "testdata", "csrc", "doc")
	dir := t.TempDir()
	run := func(name string, args ...string) sarifOut {
		out := filepath.Join(dir, name)
		if code, _, errs := kpreempt(t, append([]string{"check", "--format", "sarif", "-o", out}, args...)...); code != 1 {
			t.Fatalf("%v: exit %d, %s", args, code, errs)
		}
		var log sarifOut
		if err := json.Unmarshal(mustRead(t, out), &log); err != nil {
			t.Fatal(err)
		}
		return log
	}
	a := run("rel.sarif", rel)
	b := run("abs.sarif", abs)
	t.Chdir(filepath.Join(top, "kbuild"))
	c := run("other-dir.sarif", filepath.Join("..", "testdata", "csrc", "doc"))
	if root := a.Runs[0].OriginalURIBaseIDs["%SRCROOT%"].URI; root != "file://"+top+"/" {
		t.Errorf("%%SRCROOT%% is %q, want the repository's top", root)
	}
	if len(a.Runs[0].Results) == 0 {
		t.Fatal("no results")
	}
	for _, other := range []sarifOut{b, c} {
		if len(other.Runs[0].Results) != len(a.Runs[0].Results) {
			t.Fatalf("%d results, want %d", len(other.Runs[0].Results), len(a.Runs[0].Results))
		}
		for i, r := range other.Runs[0].Results {
			want := a.Runs[0].Results[i]
			loc, wloc := r.Locations[0].PhysicalLocation.ArtifactLocation, want.Locations[0].PhysicalLocation.ArtifactLocation
			if loc != wloc || !strings.HasPrefix(loc.URI, "testdata/csrc/doc/") || loc.URIBaseID != "%SRCROOT%" {
				t.Errorf("result %d at %+v, want %+v", i, loc, wloc)
			}
			if r.PartialFingerprints["kpreempt/v1"] != want.PartialFingerprints["kpreempt/v1"] {
				t.Errorf("result %d: fingerprint changes with the spelling of the path", i)
			}
		}
	}
	// A baseline from the relative run holds for the absolute one.
	if code, out, _ := kpreempt(t, "check", "--baseline", filepath.Join(dir, "rel.sarif"), abs); code != 0 || out != "" {
		t.Errorf("baseline made with relative paths, checked with absolute ones: exit %d\n%s", code, out)
	}
}

// --srcroot sets the root artifact URIs are relative to, and
// --sarif-category the run's automationDetails.id (GitHub's category).
func TestSARIFRootAndCategory(t *testing.T) {
	top, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "run.sarif")
	args := []string{"check", "--format", "sarif", "-o", out, "--srcroot", filepath.Join(top, "testdata", "csrc"),
		"--sarif-category", "linux/x86_64", filepath.Join(top, "testdata", "csrc", "doc")}
	if code, _, errs := kpreempt(t, args...); code != 1 {
		t.Fatalf("exit %d, %s", code, errs)
	}
	var log sarifOut
	if err := json.Unmarshal(mustRead(t, out), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file://"+top+"/testdata/csrc/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	if run.AutomationDetails.ID != "linux/x86_64/" {
		t.Errorf("automationDetails.id = %q, want the category with GitHub's trailing /", run.AutomationDetails.ID)
	}
	if len(run.Results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range run.Results {
		if uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; !strings.HasPrefix(uri, "doc/") {
			t.Errorf("result at %q, want a path under the source root", uri)
		}
	}
}

// -o writes through devices, replaces a symbolic link's target and not
// the link, gives new files the mode the umask allows, and is refused
// before the analysis when it cannot be written.
func TestOutputDestinations(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	if code, out, errs := kpreempt(t, "check", "-o", "/dev/null", bad); code != 1 || out != "" || errs != "" {
		t.Errorf("-o /dev/null: exit %d, %q %q", code, out, errs)
	}
	if fi, err := os.Stat("/dev/null"); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Fatalf("/dev/null is no longer a device: %v", err)
	}
	if _, err := os.Stat("/dev/full"); err == nil {
		code, _, errs := kpreempt(t, "check", "-o", "/dev/full", bad)
		if code != 2 || !strings.Contains(errs, "no space left") || strings.Count(errs, "\n") != 1 {
			t.Errorf("-o /dev/full: exit %d, %q", code, errs)
		}
		if fi, err := os.Stat("/dev/full"); err != nil || fi.Mode()&os.ModeDevice == 0 {
			t.Fatalf("/dev/full is no longer a device: %v", err)
		}
	}
	target := filepath.Join(dir, "reports", "real.json")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.json")
	if err := os.Symlink(filepath.Join("reports", "real.json"), link); err != nil {
		t.Fatal(err)
	}
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	if code, _, errs := kpreempt(t, "check", "--format", "json", "-o", link, bad); code != 1 || errs != "" {
		t.Fatalf("-o through a dangling link: exit %d, %q", code, errs)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	fi, err := os.Stat(target)
	if err != nil || !json.Valid(mustRead(t, target)) {
		t.Fatalf("the link's target was not written: %v", err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("new report has mode %v, want 0644 (0666 less the umask)", fi.Mode().Perm())
	}
	// A file that exists keeps its mode.
	if err := os.Chmod(target, 0o640); err != nil {
		t.Fatal(err)
	}
	kpreempt(t, "check", "--format", "json", "-o", link, bad)
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("replaced report has mode %v, want 0640", fi.Mode().Perm())
	}
	// An unwritable destination is refused before anything is analysed:
	// no finding is printed, one line says why.
	code, out, errs := kpreempt(t, "check", "-o", filepath.Join(dir, "missing", "r.txt"), bad)
	if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "cannot write") {
		t.Errorf("unwritable -o: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// Devices, FIFOs and endless files are refused as sources and baselines
// with one line each, and the run goes on with the other files.
func TestBoundedInputs(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	if err := syscall.Mkfifo(filepath.Join(dir, "f.c"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.c")); err != nil {
		t.Fatal(err)
	}
	code, out, errs := kpreempt(t, "check", "--allow-failures", "3", dir, "/dev/zero")
	if code != 1 || !strings.Contains(out, "racy.c:8:") {
		t.Errorf("the run does not go on: exit %d\n%s", code, out)
	}
	for _, name := range []string{"f.c: not a regular file", "zero.c: not a regular file", "/dev/zero: not a regular file"} {
		if strings.Count(errs, name) != 1 {
			t.Errorf("no one line for %s in %q", name, errs)
		}
	}
	if code, _, errs := kpreempt(t, "check", "--baseline", "/dev/zero", bad); code != 2 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "/dev/zero") {
		t.Errorf("--baseline /dev/zero: exit %d, %q", code, errs)
	}
	var stderr bytes.Buffer
	if code := runWithInput([]string{"kpreempt", "patch", "-"}, zeroes{}, &bytes.Buffer{}, &stderr); code != 2 || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("an endless patch on stdin: exit %d, %q", code, stderr.String())
	}
}

// zeroes is an endless stream of NUL bytes.
type zeroes struct{}

func (zeroes) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// Options are typed as kernel developers type them.
func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	out := filepath.Join(dir, "out.json")
	// Options after operands, as gcc, sparse and checkpatch take them.
	if code, stdout, errs := kpreempt(t, "check", bad, "-o", out, "--format", "json"); code != 1 || stdout != "" || !json.Valid(mustRead(t, out)) {
		t.Errorf("options after the file: exit %d, %q %q", code, stdout, errs)
	}
	// -- ends the options.
	if code, _, errs := kpreempt(t, "check", "--", "--format"); code != 2 || !strings.Contains(errs, "--format") || !strings.Contains(errs, "no such file") {
		t.Errorf("-- then a file named --format: exit %d, %q", code, errs)
	}
	for _, jobs := range [][]string{{"-j2"}, {"-j", "2"}, {"--jobs=2"}, {"--jobs", "2"}} {
		if code, _, errs := kpreempt(t, append(append([]string{"check"}, jobs...), bad)...); code != 1 {
			t.Errorf("%v: exit %d, %q", jobs, code, errs)
		}
	}
	if code, _, errs := kpreempt(t, "check", "-j", "-1", bad); code != 2 || !strings.Contains(errs, "--jobs") {
		t.Errorf("-j -1: exit %d, %q", code, errs)
	}
	// A bad option: one line on stderr, nothing on stdout (b4 counts
	// stdout lines as findings).
	for _, args := range [][]string{{"patch", "--no-such-option"}, {"check", "--nope", bad}, {"frobnicate"}} {
		code, stdout, errs := kpreempt(t, args...)
		if code != 2 || stdout != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, errs)
		}
	}
	// Help topics.
	for _, args := range [][]string{{"help"}, {"help", "check"}, {"check", "--help"}, {"help", "patch"}} {
		code, stdout, _ := kpreempt(t, args...)
		if code != 0 || !strings.Contains(stdout, "Usage:") {
			t.Errorf("%v: exit %d, %q", args, code, stdout)
		}
	}
	if code, stdout, _ := kpreempt(t, "help", "check"); code != 0 || !strings.Contains(stdout, "--allow-failures") ||
		strings.Contains(stdout, "(default 0)") || !strings.Contains(stdout, "(default: the number of CPUs)") {
		t.Errorf("help check: %q", stdout)
	}
	if code, stdout, _ := kpreempt(t, "cc", "--help"); code != 0 || !strings.Contains(stdout, "kbuild") {
		t.Errorf("cc --help: exit %d, %q", code, stdout)
	}
	if code, _, errs := kpreempt(t, "help", "frobnicate"); code != 2 || !strings.Contains(errs, "frobnicate") {
		t.Errorf("help on an unknown command: exit %d, %q", code, errs)
	}
	// The suppression rule is a rule like the others.
	if _, stdout, _ := kpreempt(t, "rules"); !strings.Contains(stdout, "suppression") || !strings.Contains(stdout, "KPREEMPT_PERCPU_PREEMPTIBLE") {
		t.Errorf("rules: %q", stdout)
	}
	for _, name := range []string{"suppression", "KPREEMPT_SUPPRESSION", "KPREEMPT_PERCPU_PREEMPTIBLE"} {
		if code, stdout, _ := kpreempt(t, "explain", name); code != 0 || stdout == "" {
			t.Errorf("explain %s: exit %d", name, code)
		}
	}
	reasonless := write(t, dir, "reasonless.c", "/* kpreempt: ignore stale-cpu */\nint x;\n")
	if code, stdout, _ := kpreempt(t, "check", reasonless); code != 1 || !strings.Contains(stdout, "[suppression]") {
		t.Errorf("malformed suppression: exit %d, %q", code, stdout)
	}
	if code, stdout, _ := kpreempt(t, "check", "--disable", "suppression", reasonless); code != 0 || stdout != "" {
		t.Errorf("--disable suppression: exit %d, %q", code, stdout)
	}
}

// checkpatch's colours with --color=always; file names that hold a line
// end are quoted as git quotes them; a patch may not reach outside the
// tree.
func TestPatchOutputAndPaths(t *testing.T) {
	dir := gitRepo(t)
	write(t, dir, "clean.c", unprotect(clean))
	git(t, dir, "commit", "-qam", "unprotect")
	patch := git(t, dir, "format-patch", "--stdout", "-1")
	var out, errb bytes.Buffer
	if code := runWithInput([]string{"kpreempt", "patch", "-C", dir, "--color=always", "-"}, strings.NewReader(patch), &out, &errb); code != 1 || !strings.Contains(out.String(), "\x1b[") {
		t.Errorf("--color=always: exit %d, %q", code, out.String())
	}
	out.Reset()
	if code := runWithInput([]string{"kpreempt", "patch", "-C", dir, "--color=never", "-"}, strings.NewReader(patch), &out, &errb); code != 1 || strings.Contains(out.String(), "\x1b[") {
		t.Errorf("--color=never: exit %d, %q", code, out.String())
	}

	odd := "we\nird.c"
	write(t, dir, odd, unprotect(clean))
	t.Chdir(dir)
	if code, stdout, _ := kpreempt(t, "check", odd); code != 1 || !strings.Contains(stdout, `"we\nird.c":8:`) {
		t.Errorf("a file name with a line end: exit %d\n%s", code, stdout)
	}

	escape := "--- a/../outside.c\n+++ b/../outside.c\n@@ -1 +1,2 @@\n int x;\n+int y;\n"
	errb.Reset()
	if code := runWithInput([]string{"kpreempt", "patch", "-C", dir, "--apply", "-"}, strings.NewReader(escape), &out, &errb); code != 2 || !strings.Contains(errb.String(), "invalid path") {
		t.Errorf("a patch naming ../: exit %d, %q", code, errb.String())
	}

	// Nor through a symbolic link in the tree to a directory outside it.
	outside := t.TempDir()
	write(t, outside, "outside.c", "int x;\n")
	if err := os.Symlink(outside, filepath.Join(dir, "lnk")); err != nil {
		t.Fatal(err)
	}
	through := "--- a/lnk/outside.c\n+++ b/lnk/outside.c\n@@ -1 +1,2 @@\n int x;\n+int y;\n"
	for _, mode := range [][]string{{"--apply"}, nil} {
		errb.Reset()
		args := append(append([]string{"kpreempt", "patch", "-C", dir}, mode...), "-")
		if code := runWithInput(args, strings.NewReader(through), &out, &errb); code != 2 || !strings.Contains(errb.String(), "beyond a symbolic link") {
			t.Errorf("a patch through a symbolic link %v: exit %d, %q", mode, code, errb.String())
		}
	}
}

// Without gcc on PATH, the run says what is missing in one line, without
// the parser library's source positions.
func TestMissingCompiler(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "kpreempt")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	cmd := exec.Command(exe, "check", bad)
	cmd.Env = []string{"PATH=" + dir, "HOME=" + dir}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Fatalf("exit: %v", err)
	}
	first := strings.SplitN(stderr.String(), "\n", 2)[0]
	if !strings.Contains(first, "is gcc installed?") || strings.Contains(first, ".go:") || strings.Contains(first, "NewConfig") {
		t.Errorf("stderr %q", stderr.String())
	}
}

// The checkpatch options b4 and users pass are accepted; --types and
// --ignore select kpreempt's KPREEMPT_<RULE> types as checkpatch's.
func TestPatchCheckpatchOptions(t *testing.T) {
	dir := gitRepo(t)
	write(t, dir, "clean.c", unprotect(clean))
	git(t, dir, "commit", "-qam", "unprotect")
	patch := git(t, dir, "format-patch", "--stdout", "-1")
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"--no-tree", "--strict", "--codespell", "--mailback", "--max-line-length=100", "--summary-file", "--show-types", "--color=never"}, 1},
		{[]string{"--ignore", "KPREEMPT_PERCPU_PREEMPTIBLE"}, 0},
		{[]string{"--ignore", "SPDX_LICENSE_TAG,KPREEMPT_SLEEP_IN_ATOMIC"}, 1},
		{[]string{"--types", "KPREEMPT_PERCPU_PREEMPTIBLE"}, 1},
		{[]string{"--types", "SPDX_LICENSE_TAG"}, 0},
	} {
		var out, errb bytes.Buffer
		args := append(append([]string{"kpreempt", "patch", "-C", dir, "-q"}, c.args...), "-")
		if code := runWithInput(args, strings.NewReader(patch), &out, &errb); code != c.code || errb.Len() != 0 {
			t.Errorf("%v: exit %d, want %d; stderr %q\n%s", c.args, code, c.code, errb.String(), out.String())
		}
	}
}
