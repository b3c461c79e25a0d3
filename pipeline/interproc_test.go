package pipeline

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/report"
)

// checkDir runs the pipeline over one testdata directory, a program.
func checkDir(t *testing.T, dir string) *Report {
	t.Helper()
	abs, _ := filepath.Abs(filepath.Join("..", "testdata", "csrc", dir))
	targets, err := Discover("", []string{abs}, abs)
	if err != nil {
		t.Fatal(err)
	}
	return Check(Options{}, targets)
}

func traceText(f report.Finding) string {
	var lines []string
	for _, s := range f.Trace {
		lines = append(lines, s.File+": "+s.Note)
	}
	return strings.Join(lines, "\n")
}

func find(t *testing.T, rep *Report, file string, line int) report.Finding {
	t.Helper()
	for _, f := range rep.Findings {
		if f.File == file && f.Line == line {
			return f
		}
	}
	t.Fatalf("no finding at %s:%d", file, line)
	return report.Finding{}
}

// A helper reported for one preemptible caller names it, in another
// file; a sleep two calls down is traced from the lock to the primitive.
func TestInterprocTraces(t *testing.T) {
	rep := checkDir(t, "interproc/helpers")
	f := find(t, rep, "stats.c", 22)
	if tr := traceText(f); !strings.Contains(tr, "tx.c: tx_slow() calls stats_tx()") || !strings.Contains(tr, "tx_slow() is entered with preemption enabled") {
		t.Errorf("stats_tx's trace does not name its preemptible caller:\n%s", tr)
	}
	f = find(t, rep, "stats.c", 28)
	if tr := traceText(f); !strings.Contains(tr, "tx.c: tx_slow() calls stats_tx_batch()") || !strings.Contains(tr, "stats.c: stats_tx_batch() calls stats_tx_one()") {
		t.Errorf("two calls down, the trace does not show the chain:\n%s", tr)
	}

	rep = checkDir(t, "interproc/sleep-deep")
	f = find(t, rep, "irq.c", 12)
	// The finding is at the call; the trace goes from the lock to the
	// primitive through the callee's calls.
	want := []string{
		"irq.c: spin_lock() takes \"dev_lock\" here; preemption is disabled while it is held",
		"wait.c: dev_reset() calls dev_wait_idle()",
		"wait.c: msleep() may sleep",
	}
	if tr := traceText(f); tr != strings.Join(want, "\n") {
		t.Errorf("sleep chain:\n%s\nwant:\n%s", tr, strings.Join(want, "\n"))
	}
	// The primitive is one frame down from the callee's call (SARIF's
	// nestingLevel).
	if n := len(f.Trace); n != 3 || f.Trace[1].Depth != 0 || f.Trace[2].Depth != 1 {
		t.Errorf("depths: %+v", f.Trace)
	}
}
