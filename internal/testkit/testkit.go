// Package testkit holds what several packages' tests need: checking a C
// snippet into a report, and running git with a fixed identity and
// clock, isolated from the user's configuration.
package testkit

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/pipeline"
	"github.com/kpreempt/kpreempt/report"
)

// Check writes src to a temporary file called name, analyses it as a
// standalone snippet through the run pipeline with every rule
// (suppression comments applied), and returns the report (findings name
// the file name) and the file's path.
func Check(t testing.TB, name, src string) (*report.Result, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	targets, err := pipeline.Discover("", []string{path}, dir)
	if err != nil {
		t.Fatal(err)
	}
	rep := pipeline.Check(pipeline.Options{}, targets)
	if len(rep.Stats.FailedFiles) > 0 {
		t.Fatal(rep.Stats.FailedFiles[0].Error)
	}
	return rep.Result, path
}

// GitCmd is git in dir with a fixed author, committer and date, and no
// global or system configuration, so that commits and patches are
// reproducible.
func GitCmd(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=A U Thor", "GIT_AUTHOR_EMAIL=author@example.org",
		"GIT_COMMITTER_NAME=A U Thor", "GIT_COMMITTER_EMAIL=author@example.org",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	return cmd
}

// Git runs GitCmd and returns its output; failure ends the test. It skips
// the test when git is not installed.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	out, err := GitCmd(dir, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
