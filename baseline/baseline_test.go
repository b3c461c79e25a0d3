package baseline_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/baseline"
	"github.com/kpreempt/kpreempt/internal/testkit"
	"github.com/kpreempt/kpreempt/report"
)

const before = `#include <linux/smp.h>

int old_bug(void)
{
	return smp_processor_id();
}
`

// check analyses src as the file a.c and returns its fingerprinted report.
func check(t *testing.T, src string) *report.Result {
	t.Helper()
	res, _ := testkit.Check(t, "a.c", src)
	return res
}

// A finding in the baseline stays hidden when code is added above it and
// its line is re-indented; a new finding, and a new copy of the old one
// in another function, are reported.
func TestMovedCodeStaysBaselined(t *testing.T) {
	base := check(t, before)
	if len(base.Findings) != 1 {
		t.Fatalf("baseline has %d findings, want 1", len(base.Findings))
	}
	var buf bytes.Buffer
	if err := report.JSON(&buf, base); err != nil {
		t.Fatal(err)
	}
	set, err := baseline.Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	after := strings.Replace(before, "int old_bug", "static int pad;\n\nint old_bug", 1)
	after = strings.Replace(after, "\treturn smp_processor_id();", "\treturn  smp_processor_id();", 1)
	after += "\nint new_bug(void)\n{\n\treturn smp_processor_id();\n}\n"
	now := check(t, after)
	if len(now.Findings) != 2 {
		t.Fatalf("after the change: %d findings, want 2", len(now.Findings))
	}
	if now.Findings[0].Line == base.Findings[0].Line {
		t.Fatal("the old finding did not move; the test proves nothing")
	}
	if n := set.Filter(now); n != 1 || len(now.Findings) != 1 || now.Findings[0].Function != "new_bug" {
		t.Errorf("filtered %d, left %+v", n, now.Findings)
	}
}

func TestLooseMatchWithoutFingerprints(t *testing.T) {
	set, err := baseline.Parse([]byte(`{"version":1,"findings":[{"rule":"stale-cpu","file":"a.c","function":"f","message":"m","line":3}]}`))
	if err != nil {
		t.Fatal(err)
	}
	r := &report.Result{Findings: []report.Finding{
		{Rule: "stale-cpu", File: "a.c", Function: "f", Message: "m", Line: 40, Fingerprint: "x"},
		{Rule: "stale-cpu", File: "a.c", Function: "g", Message: "m", Line: 3, Fingerprint: "y"},
	}}
	if set.Filter(r); len(r.Findings) != 1 || r.Findings[0].Function != "g" {
		t.Errorf("left %+v", r.Findings)
	}
}

func TestSARIFBaseline(t *testing.T) {
	set, err := baseline.Parse([]byte(`{"version":"2.1.0","runs":[{"results":[
		{"ruleId":"stale-cpu","message":{"text":"m"},"partialFingerprints":{"kpreempt/v1":"abc","primaryLocationLineHash":"1:1"}}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !set.Contains(report.Finding{Rule: "stale-cpu", Fingerprint: "abc"}) || set.Contains(report.Finding{Rule: "stale-cpu", Fingerprint: "abd"}) {
		t.Error("SARIF fingerprints not matched")
	}
}

func TestBadBaselines(t *testing.T) {
	for name, in := range map[string]string{
		"not json":  "findings: []",
		"no report": `{"a":1}`,
		"bad types": `{"version":1,"findings":[{"line":"x"}]}`,
	} {
		if _, err := baseline.Parse([]byte(in)); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v", name, err)
		}
	}
	if _, err := baseline.Load(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing file accepted")
	}
}
