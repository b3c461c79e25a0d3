package pipeline

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The build's identity is the Go build ID the toolchain reports for the
// running executable.
func TestToolIdentity(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to read the build ID with")
	}
	out, err := exec.Command(goTool, "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	if got, want := executableIdentity(), strings.TrimSpace(string(out)); got != want {
		t.Errorf("identity %q, want the build ID %q", got, want)
	}
}
