package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kpreempt/kpreempt/rules"
)

// The parts of a SARIF log the tests look at, spelled as in the spec so
// that they do not depend on the library that writes it.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name            string `json:"name"`
				SemanticVersion string `json:"semanticVersion"`
				InformationURI  string `json:"informationUri"`
				Rules           []struct {
					ID               string   `json:"id"`
					Name             string   `json:"name"`
					ShortDescription sarifMsg `json:"shortDescription"`
					FullDescription  sarifMsg `json:"fullDescription"`
					Help             sarifMsg `json:"help"`
					Default          struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		ColumnKind  string        `json:"columnKind"`
		Results     []sarifResult `json:"results"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level     string     `json:"level"`
				Message   sarifMsg   `json:"message"`
				Locations []sarifLoc `json:"locations"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMsg          `json:"message"`
	Locations           []sarifLoc        `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	CodeFlows           []struct {
		ThreadFlows []struct {
			Locations []struct {
				Location sarifLoc `json:"location"`
			} `json:"locations"`
		} `json:"threadFlows"`
	} `json:"codeFlows"`
	RelatedLocations []sarifLoc `json:"relatedLocations"`
}

type sarifMsg struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifLoc struct {
	ID               int      `json:"id"`
	Message          sarifMsg `json:"message"`
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region *struct {
			StartLine   int  `json:"startLine"`
			StartColumn *int `json:"startColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
	LogicalLocations []struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
	} `json:"logicalLocations"`
}

// where renders a location as uri:line:col for comparisons.
func (l sarifLoc) where() string {
	p := l.PhysicalLocation
	s := p.ArtifactLocation.URI
	if p.Region != nil {
		s += ":" + itoa(p.Region.StartLine)
		if p.Region.StartColumn != nil {
			s += ":" + itoa(*p.Region.StartColumn)
		}
	}
	return s
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

var sarifSchemaOnce = sync.OnceValues(func() (*jsonschema.Schema, error) {
	f, err := os.Open("../testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const loc = "sarif-schema-2.1.0.json"
	if err := c.AddResource(loc, doc); err != nil {
		return nil, err
	}
	return c.Compile(loc)
})

func validateSARIF(t *testing.T, data []byte) error {
	t.Helper()
	sch, err := sarifSchemaOnce()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(doc)
}

func renderSARIF(t *testing.T, r *Result, opt SARIFOptions) ([]byte, sarifLog) {
	t.Helper()
	var b bytes.Buffer
	if err := SARIF(&b, r, opt); err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(t, b.Bytes()); err != nil {
		t.Fatalf("not valid SARIF 2.1.0: %v\n%s", err, b.String())
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return b.Bytes(), log
}

// TestSARIFSchemaRejects makes sure the validator is live: a log the
// schema forbids must fail.
func TestSARIFSchemaRejects(t *testing.T) {
	for _, bad := range []string{
		`{"version": "2.0.0", "runs": []}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,
		`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]}`,
	} {
		if validateSARIF(t, []byte(bad)) == nil {
			t.Errorf("schema accepted %s", bad)
		}
	}
}

func TestSARIFEmptyRun(t *testing.T) {
	all := rules.All()
	_, log := renderSARIF(t, New(), SARIFOptions{Rules: all, Version: "0.1.0-dev"})
	if log.Version != "2.1.0" || log.Schema == "" {
		t.Errorf("version %q, $schema %q", log.Version, log.Schema)
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "kpreempt" || d.SemanticVersion != "0.1.0-dev" || d.InformationURI != "https://github.com/kpreempt/kpreempt" {
		t.Errorf("driver %q %q %q", d.Name, d.SemanticVersion, d.InformationURI)
	}
	if run.Results == nil || len(run.Results) != 0 {
		t.Errorf("results %v, want an empty array", run.Results)
	}
	if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful || len(run.Invocations[0].Notifications) != 0 {
		t.Errorf("invocations %+v", run.Invocations)
	}
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	if len(d.Rules) != len(all) {
		t.Fatalf("%d rules, want %d", len(d.Rules), len(all))
	}
	for i, r := range all {
		got := d.Rules[i]
		if got.ID != r.ID {
			t.Errorf("rules[%d] is %s, want %s", i, got.ID, r.ID)
			continue
		}
		if got.ShortDescription.Text != r.Summary || got.Help.Text != r.Page() || got.Help.Markdown != r.Markdown() {
			t.Errorf("%s: descriptions or help differ from the rule's", r.ID)
		}
		if got.Help.Markdown == "" {
			t.Errorf("%s: no help.markdown", r.ID)
		}
		full := got.FullDescription.Text
		if len(full) > 1024 || full == "" {
			t.Errorf("%s: fullDescription of %d bytes", r.ID, len(full))
		}
		if len(r.Doc) <= 1024 && full != r.Doc {
			t.Errorf("%s: short Doc was changed", r.ID)
		}
		if got.Default.Level != r.Severity || got.Properties["problem.severity"] != r.Severity {
			t.Errorf("%s: level %q, problem.severity %v, want %s", r.ID, got.Default.Level, got.Properties["problem.severity"], r.Severity)
		}
		if p := got.Properties["precision"]; p != r.Precision().Class() {
			t.Errorf("%s: precision %v", r.ID, got.Properties["precision"])
		}
		if tags, _ := got.Properties["tags"].([]any); len(tags) == 0 {
			t.Errorf("%s: no tags", r.ID)
		}
	}
	if d.Rules[0].Name == "" || strings.ContainsAny(d.Rules[0].Name, "-_ ") {
		t.Errorf("rule name %q is not CamelCase", d.Rules[0].Name)
	}
}

func TestTruncateWords(t *testing.T) {
	long := strings.Repeat("preemption ", 200)
	got := truncateWords(long, 1024)
	if len(got) > 1024 || !strings.HasSuffix(got, "…") {
		t.Fatalf("%d bytes, ending %q", len(got), got[len(got)-10:])
	}
	kept := strings.TrimSuffix(got, "…")
	if !strings.HasPrefix(long, kept) || !strings.HasSuffix(kept, "preemption") {
		t.Errorf("not cut at a word boundary: ...%q", kept[len(kept)-20:])
	}
	if got := truncateWords("short text", 1024); got != "short text" {
		t.Errorf("short text changed to %q", got)
	}
	// No white space at all: cut inside the word, on a rune boundary.
	word := strings.Repeat("é", 600)
	if got := truncateWords(word, 1024); len(got) > 1024 || !strings.HasSuffix(got, "…") || !strings.HasPrefix(word, strings.TrimSuffix(got, "…")) {
		t.Errorf("long word cut to %d bytes, %q", len(got), got[len(got)-8:])
	}
	if camelCase("percpu-preemptible") != "PercpuPreemptible" {
		t.Errorf("camelCase: %q", camelCase("percpu-preemptible"))
	}
}

// sarifFixture is a run over two real files with traces, an error, a
// finding without column in a file outside the tree, a rule the caller
// did not list and a file that failed.
func sarifFixture(t *testing.T) (*Result, SARIFOptions, map[string][]byte) {
	dir := t.TempDir()
	files := map[string][]byte{
		"a.c": []byte("#include <linux/smp.h>\n\n\t/* é😀 */ int x = smp_processor_id();\n\tmsleep(1);\n"),
		"b.c": []byte("void g(void)\n{\n\tpreempt_disable();\n}\n"),
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, b := filepath.Join(dir, "a.c"), filepath.Join(dir, "b.c")
	r := New()
	r.Findings = []Finding{
		{
			Rule: "percpu-preemptible", Severity: "warning", File: "drivers/a.c", Path: a, Line: 3,
			Column:   23, // in bytes: é is 2 bytes and 1 UTF-16 unit, 😀 4 bytes and 2 units
			Function: "f", Message: "smp_processor_id() used in preemptible code",
			Trace: []Step{
				{File: "drivers/b.c", Path: b, Line: 3, Column: 2, Note: "g() disables preemption"},
				{File: "drivers/a.c", Path: a, Line: 1, Column: 1, Note: "f() is entered with preemption enabled"},
			},
		},
		{
			Rule: "sleep-in-atomic", Severity: "error", File: "drivers/a.c", Path: a, Line: 4, Column: 2,
			Function: "f", Message: "msleep() may sleep", Trace: []Step{},
		},
		{
			Rule: "stale-cpu", Severity: "warning", File: "/abs/include/x.h", Path: "/nonexistent/x.h", Line: 9,
			Message: "no column, absolute path", Trace: []Step{},
		},
		{
			Rule: "not-a-listed-rule", Severity: "warning", File: "drivers/b.c", Path: b, Line: 2, Column: 1,
			Function: "g", Message: "rule the caller did not list", Trace: []Step{},
		},
	}
	r.Stats.FailedFiles = []FailedFile{{File: "drivers/broken.c", Error: "drivers/broken.c:1:1: unexpected EOF"}}
	r.Stats.Files = 2
	r.Root = "/src/linux"
	src := NewSources()
	r.Fingerprint(src)
	return r, SARIFOptions{Rules: rules.All(), Version: "1.2.3", Sources: src}, files
}

func TestSARIFFindings(t *testing.T) {
	r, opt, files := sarifFixture(t)
	_, log := renderSARIF(t, r, opt)
	run := log.Runs[0]
	ruleIDs := run.Tool.Driver.Rules

	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results for %d findings (failed files must not be results)", len(run.Results), len(r.Findings))
	}
	for i, res := range run.Results {
		f := r.Findings[i]
		if res.RuleID != f.Rule || res.RuleIndex == nil || *res.RuleIndex >= len(ruleIDs) || ruleIDs[*res.RuleIndex].ID != f.Rule {
			t.Errorf("result %d: ruleId %s, ruleIndex %v does not name it", i, res.RuleID, res.RuleIndex)
		}
		if res.Message.Text != f.Message {
			t.Errorf("result %d: message %q", i, res.Message.Text)
		}
		if res.PartialFingerprints["kpreempt/v1"] != f.Fingerprint || f.Fingerprint == "" {
			t.Errorf("result %d: kpreempt/v1 %q, want %q", i, res.PartialFingerprints["kpreempt/v1"], f.Fingerprint)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(res.Locations))
		}
	}
	if l := len(ruleIDs); l != len(opt.Rules)+1 || ruleIDs[l-1].ID != "not-a-listed-rule" || ruleIDs[l-1].Help.Text != "" {
		t.Errorf("unlisted rule not described after the listed ones: %d rules", l)
	}
	if run.Results[0].Level != "warning" || run.Results[1].Level != "error" {
		t.Errorf("levels %q %q", run.Results[0].Level, run.Results[1].Level)
	}

	// primaryLocationLineHash is GitHub's hash of the line in the real file.
	ha := LineHashes(files["a.c"])
	hb := LineHashes(files["b.c"])
	for i, want := range []string{ha[2], ha[3], "", hb[1]} {
		if got := run.Results[i].PartialFingerprints["primaryLocationLineHash"]; got != want {
			t.Errorf("result %d: primaryLocationLineHash %q, want %q", i, got, want)
		}
	}

	first := run.Results[0]
	loc := first.Locations[0]
	// Byte column 23 is UTF-16 column 20: é and 😀 are 6 bytes, 3 units.
	if got := loc.where(); got != "drivers/a.c:3:20" {
		t.Errorf("primary location %s, want drivers/a.c:3:20", got)
	}
	if loc.PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("uriBaseId %q", loc.PhysicalLocation.ArtifactLocation.URIBaseID)
	}
	if len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].Name != "f" || loc.LogicalLocations[0].Kind != "function" {
		t.Errorf("logical locations %+v", loc.LogicalLocations)
	}

	// The code flow is the trace in order, then the finding itself.
	if len(first.CodeFlows) != 1 || len(first.CodeFlows[0].ThreadFlows) != 1 {
		t.Fatalf("code flows %+v", first.CodeFlows)
	}
	var flow []string
	for _, l := range first.CodeFlows[0].ThreadFlows[0].Locations {
		flow = append(flow, l.Location.where()+" "+l.Location.Message.Text)
	}
	wantFlow := []string{
		"drivers/b.c:3:2 g() disables preemption",
		"drivers/a.c:1:1 f() is entered with preemption enabled",
		"drivers/a.c:3:20 smp_processor_id() used in preemptible code",
	}
	if strings.Join(flow, "\n") != strings.Join(wantFlow, "\n") {
		t.Errorf("code flow:\n%s\nwant:\n%s", strings.Join(flow, "\n"), strings.Join(wantFlow, "\n"))
	}
	if len(first.RelatedLocations) != 2 {
		t.Fatalf("%d related locations, want 2", len(first.RelatedLocations))
	}
	for i, rl := range first.RelatedLocations {
		if rl.ID != i+1 || rl.where()+" "+rl.Message.Text != wantFlow[i] {
			t.Errorf("related location %d: id %d, %s %s", i, rl.ID, rl.where(), rl.Message.Text)
		}
	}
	if len(run.Results[1].CodeFlows) != 0 || len(run.Results[1].RelatedLocations) != 0 {
		t.Error("finding without trace has a code flow")
	}

	// An absolute path outside the root is still relative to %SRCROOT%
	// (code scanning rejects absolute URIs); column 0: no startColumn.
	abs := run.Results[2].Locations[0]
	if got := abs.where(); got != "../../abs/include/x.h:9" || abs.PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("absolute location %s base %q", got, abs.PhysicalLocation.ArtifactLocation.URIBaseID)
	}
	if len(abs.LogicalLocations) != 0 {
		t.Errorf("logical location without function: %+v", abs.LogicalLocations)
	}

	inv := run.Invocations
	if len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].Notifications) != 1 {
		t.Fatalf("invocations %+v", inv)
	}
	n := inv[0].Notifications[0]
	if n.Level != "error" || n.Message.Text != r.Stats.FailedFiles[0].Error || len(n.Locations) != 1 ||
		n.Locations[0].PhysicalLocation.ArtifactLocation.URI != "drivers/broken.c" {
		t.Errorf("notification %+v", n)
	}
}

// TestSARIFColumnZeroAbsolute validates a log made only of findings
// without column in files given by absolute path and no root: %SRCROOT%
// is then the file system's root.
func TestSARIFColumnZeroAbsolute(t *testing.T) {
	r := New()
	r.Findings = []Finding{
		{Rule: "lock-owner", Severity: "warning", File: "/src/linux/kernel/a b.c", Line: 5, Message: "m", Trace: []Step{
			{File: "/src/linux/kernel/a b.c", Line: 2, Note: "n"},
		}},
	}
	_, log := renderSARIF(t, r, SARIFOptions{Rules: rules.All()})
	res := log.Runs[0].Results[0]
	if got := res.Locations[0].where(); got != "src/linux/kernel/a%20b.c:5" || res.Locations[0].PhysicalLocation.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("location %s", got)
	}
	if _, ok := res.PartialFingerprints["primaryLocationLineHash"]; ok {
		t.Error("line hash without a readable file")
	}
	if log.Runs[0].Tool.Driver.SemanticVersion != "" {
		t.Error("semanticVersion without a version")
	}
}

func TestSARIFDeterministic(t *testing.T) {
	r, opt, _ := sarifFixture(t)
	first, _ := renderSARIF(t, r, opt)
	for range 5 {
		// A fresh cache each time, as a new process would have.
		opt.Sources = NewSources()
		again, _ := renderSARIF(t, r, opt)
		if !bytes.Equal(first, again) {
			t.Fatal("two renderings of the same result differ")
		}
	}
	if !bytes.HasPrefix(first, []byte("{\n  \"")) || !bytes.HasSuffix(first, []byte("}\n")) {
		t.Error("output is not indented JSON ending in a newline")
	}
	if bytes.Contains(first, []byte(`\u003c`)) {
		t.Error("HTML-escaped text in output")
	}
}

// TestSARIFForCodeScanning covers what GitHub's ingestion asks beyond the
// schema: %SRCROOT% mapped to the root's file URI, the working directory,
// the category, the driver's version and full name, rule names that
// differ from their IDs, a failed run, and a log cut at GitHub's limit
// that says so.
func TestSARIFForCodeScanning(t *testing.T) {
	r := New()
	r.Root = "/src/my linux"
	r.Stats.FailedFiles = []FailedFile{{File: "a.c", Error: "a.c: cannot read"}}
	var b bytes.Buffer
	opt := SARIFOptions{Rules: rules.Known(), Version: "1.2.3", FullVersion: "1.2.3 (abc)", Category: "x86/defconfig", WorkingDir: "/src/my linux/kernel"}
	if err := SARIF(&b, r, opt); err != nil {
		t.Fatal(err)
	}
	if err := validateSARIF(t, b.Bytes()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version, FullName string
					Rules             []struct{ ID, Name string }
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			AutomationDetails  struct{ ID string }             `json:"automationDetails"`
			Invocations        []struct {
				ExecutionSuccessful bool
				WorkingDirectory    struct{ URI string }
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///src/my%20linux/" {
		t.Errorf("%%SRCROOT%% is %q", got)
	}
	if got := run.Invocations[0].WorkingDirectory.URI; got != "file:///src/my%20linux/kernel/" {
		t.Errorf("workingDirectory %q", got)
	}
	if run.Invocations[0].ExecutionSuccessful {
		t.Error("a run that analysed nothing is not successful")
	}
	if run.AutomationDetails.ID != "x86/defconfig/" {
		t.Errorf("automationDetails.id %q", run.AutomationDetails.ID)
	}
	if d := run.Tool.Driver; d.Version != "1.2.3 (abc)" || d.FullName == "" {
		t.Errorf("driver version %q full name %q", d.Version, d.FullName)
	}
	for _, rule := range run.Tool.Driver.Rules {
		if strings.EqualFold(rule.Name, rule.ID) {
			t.Errorf("rule %s: name equals the id", rule.ID)
		}
	}

	many := New()
	many.Stats.Files = 1
	for i := range MaxSARIFResults + 3 {
		many.Findings = append(many.Findings, Finding{Rule: "lock-owner", Severity: "warning", File: "a.c", Line: i + 1, Message: "m"})
	}
	b.Reset()
	if err := SARIF(&b, many, SARIFOptions{Rules: rules.Known()}); err != nil {
		t.Fatal(err)
	}
	var cut sarifLog
	if err := json.Unmarshal(b.Bytes(), &cut); err != nil {
		t.Fatal(err)
	}
	inv := cut.Runs[0].Invocations[0]
	if len(cut.Runs[0].Results) != MaxSARIFResults || len(inv.Notifications) != 1 || !strings.Contains(inv.Notifications[0].Message.Text, "25003 findings") {
		t.Errorf("%d results, notifications %+v", len(cut.Runs[0].Results), inv.Notifications)
	}
}
