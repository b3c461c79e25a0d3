package memlimit

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestLimit(t *testing.T) {
	const gib = 1 << 30
	for _, c := range []struct {
		as, cgroup, machine uint64
		want                int64
	}{
		{0, 0, 0, 0},
		{0, 0, 20 * gib, 17 * gib},
		{10 * gib, 0, 20 * gib, 7 * gib},
		{0, 4 * gib, 20 * gib, 3650722201},
		{10 * gib, 4 * gib, 20 * gib, 3650722201},
	} {
		if got := Limit(c.as, c.cgroup, c.machine); got != c.want {
			t.Errorf("Limit(%d, %d, %d) = %d, want %d", c.as, c.cgroup, c.machine, got, c.want)
		}
	}
}

// Under ulimit -v the limit follows the address-space limit; GOMEMLIMIT
// stands when set.
func TestSetUnderUlimit(t *testing.T) {
	if os.Getenv("MEMLIMIT_CHILD") == "1" {
		println("limit", Set())
		return
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	run := func(env ...string) string {
		cmd := exec.Command("sh", "-c", `ulimit -v 4194304 && exec "$0" -test.run '^TestSetUnderUlimit$'`, exe)
		cmd.Env = append(append(os.Environ(), "MEMLIMIT_CHILD=1"), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return string(out)
	}
	// 4 GiB of address space: 70 % of it at most.
	if out := run(); !strings.Contains(out, "limit 3006477107") {
		t.Errorf("under ulimit -v 4 GiB: %s", out)
	}
	if out := run("GOMEMLIMIT=1GiB"); !strings.Contains(out, "limit 0") {
		t.Errorf("with GOMEMLIMIT set: %s", out)
	}
}

// A run's budget grows with its jobs; a lower limit of the process
// stands, and so does GOMEMLIMIT.
func TestForJobs(t *testing.T) {
	if os.Getenv("MEMLIMIT_CHILD") == "1" {
		println("limit", ForJobs(2), ForJobs(8))
		return
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	run := func(ulimit string, env ...string) string {
		cmd := exec.Command("sh", "-c", `ulimit -v `+ulimit+` && exec "$0" -test.run '^TestForJobs$'`, exe)
		cmd.Env = append(append(os.Environ(), "MEMLIMIT_CHILD=1"), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		return string(out)
	}
	// 768 MiB + 512 MiB a job; under 4 GiB of address space, 70 % of it
	// caps eight jobs' budget.
	if out := run("4194304"); !strings.Contains(out, "limit 1879048192 3006477107") {
		t.Errorf("under ulimit -v 4 GiB: %s", out)
	}
	if out := run("unlimited", "GOMEMLIMIT=1GiB"); !strings.Contains(out, "limit 0 0") {
		t.Errorf("with GOMEMLIMIT set: %s", out)
	}
}
