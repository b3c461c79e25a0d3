package scratch

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A process that made a temporary directory and a file beside an output
// and is terminated removes both, and exits as a signal ended it. The
// child is this test binary, run as the helper below.
func TestSignalRemovesScratch(t *testing.T) {
	out := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestScratchHelper$")
	cmd.Env = append(os.Environ(), "SCRATCH_HELPER_OUT="+out, "TMPDIR="+out)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("the helper said nothing: %v", err)
	}
	made := strings.Fields(line)
	if len(made) != 2 {
		t.Fatalf("helper: %q", line)
	}
	for _, p := range made {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("the helper did not make %s: %v", p, err)
		}
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 128+int(syscall.SIGTERM) {
		t.Errorf("exit: %v, want status %d", err, 128+int(syscall.SIGTERM))
	}
	for _, p := range made {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there after the signal", p)
		}
	}
}

// TestScratchHelper is the process TestSignalRemovesScratch terminates.
func TestScratchHelper(t *testing.T) {
	out := os.Getenv("SCRATCH_HELPER_OUT")
	if out == "" {
		t.Skip("run by TestSignalRemovesScratch")
	}
	OnSignal()
	dir, err := MkdirTemp("", "scratch-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "unit"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(out, ".report.json.tmp1")
	if err := os.WriteFile(tmp, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	Track(tmp)
	os.Stdout.WriteString(dir + " " + tmp + "\n")
	time.Sleep(time.Minute)
}

// Remove and Untrack forget a path: RemoveAll leaves alone what the run
// put in its final place.
func TestUntrackedStays(t *testing.T) {
	d := t.TempDir()
	kept := filepath.Join(d, "report.json")
	if err := os.WriteFile(kept, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	Track(kept)
	Untrack(kept)
	gone, err := MkdirTemp(d, "x-")
	if err != nil {
		t.Fatal(err)
	}
	if err := Remove(gone); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	n := len(paths)
	mu.Unlock()
	if n != 0 {
		t.Errorf("%d paths still tracked", n)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("an untracked file went: %v", err)
	}
}
