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
