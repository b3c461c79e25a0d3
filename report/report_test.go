package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/rules"
)

func sample() *Result {
	r := New()
	r.Add([]rules.Diagnostic{{
		Rule: "percpu-preemptible", Severity: "warning", Function: "f",
		Pos:     cparse.Pos{File: "/abs/a.c", Line: 3, Col: 7},
		Message: "smp_processor_id() used in preemptible code",
		Trace:   []dataflow.Note{{Pos: cparse.Pos{File: "/abs/a.c", Line: 1, Col: 6}, Text: "f() is entered with preemption enabled"}},
	}}, func(f string) string { return strings.TrimPrefix(f, "/abs/") })
	return r
}

func TestText(t *testing.T) {
	var plain, coloured bytes.Buffer
	if err := Text(&plain, sample(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "a.c:3:7: warning: smp_processor_id() used in preemptible code [percpu-preemptible]\n" +
		"a.c:1:6: note: f() is entered with preemption enabled\n"
	if plain.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", plain.String(), want)
	}
	if err := Text(&coloured, sample(), TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(coloured.String(), "\x1b[") {
		t.Error("no colour with Color set")
	}
}

func TestJSONEmptyListsAreArrays(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, New()); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if !strings.Contains(s, `"findings": []`) || !strings.Contains(s, `"failed_files": []`) {
		t.Errorf("empty lists not arrays: %s", s)
	}
	b.Reset()
	if err := JSON(&b, sample()); err != nil {
		t.Fatal(err)
	}
	var back Result
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Version != 1 || len(back.Findings) != 1 || back.Findings[0].File != "a.c" || back.Findings[0].Trace[0].Line != 1 {
		t.Errorf("round trip: %+v", back)
	}
}

// TestCheckpatchSwitches follows scripts/checkpatch.pl's report() and
// the end of its process(): the type only with --show-types, --terse is
// --emacs plus one -q and keeps the first line, --showfile replaces the
// "#n: FILE:" line, -q once hides a clean summary, --mailback hides a
// clean report, a patch read from stdin is "-" or its subject.
func TestCheckpatchSwitches(t *testing.T) {
	r := sample()
	r.Findings[0].Patch = &PatchLine{Line: 25, Text: "\thits[smp_processor_id()]++;", File: "a.c", FileLine: 3}
	render := func(opt CheckpatchOptions) string {
		var b bytes.Buffer
		if err := Checkpatch(&b, r, nil, opt); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	const msg = "smp_processor_id() used in preemptible code\n"
	quote := "#25: FILE: a.c:3:\n+\thits[smp_processor_id()]++;\n\n"
	for _, c := range []struct {
		name string
		opt  CheckpatchOptions
		want string
	}{
		{"default", CheckpatchOptions{Name: "x.patch", Lines: 40}, "WARNING: " + msg + quote +
			"total: 0 errors, 1 warnings, 40 lines checked\n\nx.patch has preemption problems, please review.\n"},
		{"show-types", CheckpatchOptions{Name: "x.patch", ShowTypes: true, NoSummary: true, Quiet: 1},
			"WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: " + msg + quote},
		{"terse emacs from stdin", CheckpatchOptions{Terse: true, Lines: 40},
			"-:25: WARNING: " + msg + "total: 0 errors, 1 warnings, 40 lines checked\n"},
		{"terse with a name", CheckpatchOptions{Name: "x.patch", Terse: true, NoSummary: true}, "x.patch:25: WARNING: " + msg},
		{"b4: -q --terse --no-summary --mailback --showfile --show-types",
			CheckpatchOptions{Quiet: 1, Terse: true, NoSummary: true, Mailback: true, ShowFile: true, ShowTypes: true},
			"a.c:3: WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: " + msg},
		{"showfile drops the #n line", CheckpatchOptions{ShowFile: true, NoSummary: true, Quiet: 1},
			"a.c:3: WARNING: " + msg + "+\thits[smp_processor_id()]++;\n\n"},
		{"summary-file", CheckpatchOptions{Name: "x.patch", Terse: true, SummaryFile: true, Lines: 9},
			"x.patch:25: WARNING: " + msg + "x.patch total: 0 errors, 1 warnings, 9 lines checked\n"},
		{"subject names stdin", CheckpatchOptions{Subject: "sched: count", NoSummary: true},
			"WARNING: " + msg + quote + "\n\"sched: count\" has preemption problems, please review.\n"},
	} {
		if got := render(c.opt); got != c.want {
			t.Errorf("%s:\n%q\nwant:\n%q", c.name, got, c.want)
		}
	}
	if got := render(CheckpatchOptions{Color: true, ShowTypes: true, Terse: true}); !strings.Contains(got, "\x1b[") {
		t.Errorf("no colour with Color: %q", got)
	}
	r.Findings = nil
	for _, c := range []struct {
		name string
		opt  CheckpatchOptions
		want string
	}{
		{"quiet and clean", CheckpatchOptions{Quiet: 1, Lines: 40}, ""},
		{"mailback and clean", CheckpatchOptions{Mailback: true, Lines: 40}, ""},
		{"-q --terse and clean: quiet is 2, the summary shows", CheckpatchOptions{Quiet: 1, Terse: true, Lines: 40},
			"total: 0 errors, 0 warnings, 40 lines checked\n"},
		{"clean from stdin", CheckpatchOptions{Lines: 40},
			"total: 0 errors, 0 warnings, 40 lines checked\n\nYour patch has no obvious preemption problems.\n"},
	} {
		if got := render(c.opt); got != c.want {
			t.Errorf("%s:\n%q\nwant:\n%q", c.name, got, c.want)
		}
	}
}

// The caret sits under the column as gcc places it: tabs to the next
// multiple of 8, a wide character two columns, an accented letter one
// (whatever its bytes).
func TestCaretDisplayColumns(t *testing.T) {
	dir := t.TempDir()
	line := "\t/* é 日本 */ x = smp_processor_id();"
	path := filepath.Join(dir, "a.c")
	if err := os.WriteFile(path, []byte(line+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	col := strings.Index(line, "smp") + 1 // byte column
	r := New()
	r.Findings = []Finding{{Rule: "percpu-preemptible", Severity: "warning", File: "a.c", Path: path, Line: 1, Column: col, Message: "m"}}
	var b bytes.Buffer
	if err := Text(&b, r, TextOptions{Sources: NewSources()}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	// Display: 8 (tab) + "/* " 3 + é 1 + " " 1 + 日本 4 + " */ x = " 8 = 25.
	if want := "      | " + strings.Repeat(" ", 25) + "^"; len(lines) < 3 || lines[2] != want {
		t.Errorf("caret line %q, want %q", lines[2], want)
	}
	// The column number is the display column too, as gcc prints it.
	if !strings.HasPrefix(lines[0], "a.c:1:26: ") {
		t.Errorf("location %q, want a.c:1:26 (gcc's display column)", lines[0])
	}
}
