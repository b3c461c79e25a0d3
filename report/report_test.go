package report

import (
	"bytes"
	"encoding/json"
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
	head := "WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: smp_processor_id() used in preemptible code\n"
	if got, want := render(CheckpatchOptions{Name: "x.patch", Lines: 40}), head+"#25: FILE: a.c:3:\n+\thits[smp_processor_id()]++;\n\n"+
		"total: 0 errors, 1 warnings, 40 lines checked\n\nx.patch has preemption problems, please review.\n"; got != want {
		t.Errorf("default:\n%s\nwant:\n%s", got, want)
	}
	if got, want := render(CheckpatchOptions{Name: "x.patch", Terse: true, Emacs: true, NoSummary: true, Quiet: true}), "x.patch:25: "+head; got != want {
		t.Errorf("terse emacs: %q", got)
	}
	if got, want := render(CheckpatchOptions{ShowFile: true, Terse: true, NoSummary: true, Quiet: true}), "a.c:3: "+head; got != want {
		t.Errorf("b4 (showfile terse): %q", got)
	}
	if got := render(CheckpatchOptions{ShowFile: true, NoSummary: true, Quiet: true}); got != "a.c:3: "+head+"+\thits[smp_processor_id()]++;\n\n" {
		t.Errorf("showfile drops the #n line: %q", got)
	}
	r.Findings = nil
	if got := render(CheckpatchOptions{Quiet: true, Lines: 40}); got != "" {
		t.Errorf("quiet and clean: %q", got)
	}
	if got := render(CheckpatchOptions{Lines: 40}); got != "total: 0 errors, 0 warnings, 40 lines checked\n\nYour patch has no obvious preemption problems.\n" {
		t.Errorf("clean from stdin: %q", got)
	}
}
