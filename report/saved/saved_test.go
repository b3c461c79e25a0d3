package saved

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

// sample is a report of a file whose line has a wide character before
// the finding's column, so that SARIF's UTF-16 columns differ from bytes.
func sample(t *testing.T) (*report.Result, string) {
	root := t.TempDir()
	src := "int f(void)\n{\n\t/* é */ return smp_processor_id();\n}\n"
	if err := os.WriteFile(filepath.Join(root, "a b.c"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	col := strings.Index("\t/* é */ return smp_processor_id();", "smp") + 1
	r := report.New()
	r.Root = root
	r.Sources = report.NewSources()
	r.Findings = append(r.Findings, report.Finding{
		Rule: "percpu-preemptible", Severity: "warning", File: "a b.c", Line: 3, Column: col, Function: "f",
		Message: "smp_processor_id() used in preemptible code", Path: filepath.Join(root, "a b.c"),
		Trace: []report.Step{
			{File: "a b.c", Line: 1, Column: 5, Note: "f() is entered with preemption enabled", Path: filepath.Join(root, "a b.c")},
			{File: "a b.c", Line: 3, Column: 2, Note: "a deeper frame", Path: filepath.Join(root, "a b.c"), Depth: 1},
		},
	})
	r.Stats.FailedFiles = append(r.Stats.FailedFiles, report.FailedFile{File: "bad.c", Error: "bad.c:1:1: syntax error"})
	r.Fingerprint(r.Sources)
	return r, root
}

func TestRoundTrip(t *testing.T) {
	r, root := sample(t)
	for _, format := range []string{"json", "sarif"} {
		var b bytes.Buffer
		f, err := report.NewFormat(format, report.FormatOptions{SARIF: report.SARIFOptions{Rules: rules.Known()}})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Write(&b, r); err != nil {
			t.Fatal(err)
		}
		back, err := Parse(b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if back.Format != format {
			t.Errorf("%s read as %s", format, back.Format)
		}
		root := root
		if format == "json" {
			root = filepath.Dir(filepath.Join(root, "x")) // JSON does not say; the caller does
		} else if back.Root != root {
			t.Errorf("sarif root %q, want %q", back.Root, root)
		}
		if missing := back.Resolve(root); missing != 0 {
			t.Errorf("%s: %d files missing", format, missing)
		}
		got, want := back.Findings[0], r.Findings[0]
		if format == "json" {
			for i := range want.Trace {
				want.Trace[i].Depth = 0 // JSON does not keep frames
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s round trip:\n got %+v\nwant %+v", format, got, want)
		}
		if len(back.Stats.FailedFiles) != 1 || back.Stats.FailedFiles[0].File != "bad.c" {
			t.Errorf("%s: failed files %+v", format, back.Stats.FailedFiles)
		}
	}
}

func TestBadInput(t *testing.T) {
	for _, in := range []string{"", "int main;", `{"version":1}`, `{"version":2,"findings":[]}`, `{"findings":{}}`, `{"runs":7}`} {
		if _, err := Parse([]byte(in)); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: %v", in, err)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.json")); err == nil || !strings.HasPrefix(err.Error(), "report: ") {
		t.Errorf("missing file: %v", err)
	}
	r, err := Parse([]byte(`{"version":1,"findings":[{"rule":"x","file":"gone.c","line":1,"column":1}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if n := r.Resolve(t.TempDir()); n != 1 || r.Findings[0].Trace == nil {
		t.Errorf("a missing source: %d, %+v", n, r.Findings[0])
	}
}
