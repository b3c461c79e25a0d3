package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func kpreempt(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"kpreempt"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, dir, name, src string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const racy = `#include <linux/smp.h>
#include <linux/preempt.h>

static int hits[NR_CPUS];

void count(void)
{
	hits[smp_processor_id()]++;
}
`

const clean = `#include <linux/preempt.h>
#include <linux/smp.h>

static int hits[NR_CPUS];

void count(void)
{
	preempt_disable();
	hits[smp_processor_id()]++;
	preempt_enable();
}
`

func TestVersionRulesExplain(t *testing.T) {
	if code, out, _ := kpreempt(t, "--version"); code != 0 || !strings.Contains(out, version) {
		t.Errorf("--version: %d %q", code, out)
	}
	code, out, _ := kpreempt(t, "rules")
	if code != 0 || !strings.Contains(out, "percpu-preemptible") || !strings.Contains(out, "preempt-imbalance") {
		t.Errorf("rules: %d %q", code, out)
	}
	code, out, _ = kpreempt(t, "explain", "percpu-preemptible")
	if code != 0 || !strings.Contains(out, "RULE #1") || !strings.Contains(out, "smp_processor_id may not equal") ||
		!strings.Contains(out, "Flagged:") || !strings.Contains(out, "Fixed:") {
		t.Errorf("explain: %d %q", code, out)
	}
	code, _, errs := kpreempt(t, "explain", "no-such-rule")
	if code != 2 || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "unknown rule") {
		t.Errorf("explain unknown: %d %q", code, errs)
	}
}

// textLine is a line of text output: a gcc-style diagnostic or note, or
// the quoted source line and caret that follow each.
var textLine = regexp.MustCompile(`^([^:]+:\d+:\d+: (warning|note): .+|\s*\d+ \| .*|\s+\| +\^)$`)

func TestCheckExitCodesAndText(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	good := write(t, dir, "clean.c", clean)

	code, out, _ := kpreempt(t, "check", bad)
	if code != 1 {
		t.Fatalf("racy file: exit %d, want 1\n%s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	// Column 14 as gcc numbers it: display columns, the tab to 8.
	if !strings.HasPrefix(lines[0], bad+":8:14: warning: smp_processor_id() used in preemptible code [percpu-preemptible]") {
		t.Errorf("first line %q", lines[0])
	}
	// The source line, and a caret under byte 7 (after a tab: 8+5 columns).
	if len(lines) < 3 || lines[1] != "    8 |         hits[smp_processor_id()]++;" || lines[2] != "      | "+strings.Repeat(" ", 13)+"^" {
		t.Errorf("source quote:\n%s", strings.Join(lines, "\n"))
	}
	for _, l := range lines {
		if !textLine.MatchString(l) {
			t.Errorf("not gcc style: %q", l)
		}
		if strings.Contains(l, "\x1b[") {
			t.Errorf("colour in piped output: %q", l)
		}
	}
	if code, out, _ := kpreempt(t, "check", good); code != 0 || out != "" {
		t.Errorf("clean file: exit %d, output %q", code, out)
	}
	if code, _, _ := kpreempt(t, "check", "--format", "yaml", good); code != 2 {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
}

func TestCheckJSONContract(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "racy.c", racy)
	write(t, dir, "clean.c", clean)
	code, out, _ := kpreempt(t, "check", "--format", "json", dir)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(out), &obj); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	keys := func(m map[string]any) string {
		var k []string
		for key := range m {
			k = append(k, key)
		}
		sort.Strings(k)
		return strings.Join(k, ",")
	}
	// "model" is an addition to version 1 (the kernels the run checked for).
	if got := keys(obj); got != "findings,model,stats,version" {
		t.Errorf("top-level keys %s", got)
	}
	if obj["version"] != 1.0 {
		t.Errorf("version %v", obj["version"])
	}
	stats := obj["stats"].(map[string]any)
	// "phases" is an addition to version 1 (the time of each phase).
	if got := keys(stats); got != "failed_files,files,functions,phases,seconds" {
		t.Errorf("stats keys %s", got)
	}
	if stats["files"] != 2.0 || stats["functions"] != 2.0 {
		t.Errorf("stats %v", stats)
	}
	findings := obj["findings"].([]any)
	if len(findings) != 1 {
		t.Fatalf("findings %v", findings)
	}
	f := findings[0].(map[string]any)
	// "model" is an addition to version 1 (the kernels it holds on).
	if got := keys(f); got != "column,file,fingerprint,function,line,message,model,rule,severity,trace" {
		t.Errorf("finding keys %s", got)
	}
	if obj["model"] != "both" || f["model"] != "both" {
		t.Errorf("model: run %v, finding %v; want both outside a tree", obj["model"], f["model"])
	}
	if f["function"] != "count" || f["rule"] != "percpu-preemptible" || f["line"] != 8.0 || f["severity"] != "warning" {
		t.Errorf("finding %v", f)
	}
	for _, s := range f["trace"].([]any) {
		if got := keys(s.(map[string]any)); got != "column,file,line,note" {
			t.Errorf("trace step keys %s", got)
		}
	}
}

func TestBadInputContinues(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	broken := write(t, dir, "broken.c", "int f( {\n")
	missing := filepath.Join(dir, "missing.c")

	code, out, errs := kpreempt(t, "check", "--format", "json", missing, broken, bad)
	if code != 2 {
		t.Errorf("exit %d, want 2 (two files could not be analysed)", code)
	}
	errLines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(errLines) != 3 || !strings.Contains(errLines[0], "missing.c: no such file") || !strings.HasPrefix(errLines[1], "kpreempt: "+broken+":1:") ||
		strings.Count(errLines[1], "broken.c") != 1 || !strings.Contains(errLines[2], "--allow-failures") {
		t.Errorf("stderr %q", errs)
	}
	// Accepted failures: the exit status is the findings'.
	if code, _, errs := kpreempt(t, "check", "--allow-failures", "2", missing, broken, bad); code != 1 || strings.Count(errs, "\n") != 2 {
		t.Errorf("--allow-failures 2: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := kpreempt(t, "check", "--allow-failures=1", missing, broken, bad); code != 2 {
		t.Errorf("--allow-failures 1 with two failures: exit %d, want 2", code)
	}
	var res struct {
		Stats struct {
			Files       int
			FailedFiles []struct{ File, Error string } `json:"failed_files"`
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Stats.Files != 1 || len(res.Stats.FailedFiles) != 2 {
		t.Errorf("stats %+v", res.Stats)
	}
	if code, _, _ := kpreempt(t, "check", missing, broken); code != 2 {
		t.Errorf("nothing analysable: exit %d, want 2", code)
	}
}

func TestOutputFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	out := filepath.Join(dir, "report.json")
	if code, stdout, _ := kpreempt(t, "check", "--format", "json", "-o", out, bad); code != 1 || stdout != "" {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	if b, err := os.ReadFile(out); err != nil || !json.Valid(b) {
		t.Errorf("report file: %v", err)
	}
	nodir := filepath.Join(dir, "nodir", "report.json")
	if code, _, errs := kpreempt(t, "check", "-o", nodir, bad); code != 2 || !strings.Contains(errs, "cannot write") {
		t.Errorf("unwritable output: exit %d, %q", code, errs)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestOutputIndependentOfParallelism(t *testing.T) {
	args := func(j string) []string {
		return []string{"check", "-j", j, filepath.Join("..", "..", "testdata", "csrc")}
	}
	_, one, _ := kpreempt(t, args("1")...)
	_, many, _ := kpreempt(t, args("8")...)
	if one != many || one == "" {
		t.Errorf("-j 1 and -j 8 differ or are empty")
	}
}

func TestCCCommand(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	// Standalone file named on a sparse-style command line: findings on
	// stderr, exit 0 so that the build goes on.
	code, out, errs := kpreempt(t, "cc", "-D__linux__", "-Wbitwise", "--arch=x86", "-m64", "-I", dir, bad)
	if code != 0 || out != "" || !strings.Contains(errs, "smp_processor_id() used in preemptible code [percpu-preemptible]") {
		t.Errorf("cc: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, _ := kpreempt(t, "cc", "--fail", bad); code != 1 {
		t.Errorf("cc --fail with findings: exit %d", code)
	}
	if code, _, errs := kpreempt(t, "cc", "-Wbitwise"); code != 0 || !strings.Contains(errs, "no .c file") {
		t.Errorf("cc without a file: exit %d, %q", code, errs)
	}
}

// A report used as a baseline hides its findings in the next run, also
// after code moved; --disable and --enable select rules; SARIF carries
// the same findings with both fingerprints.
func TestBaselineRulesAndSARIF(t *testing.T) {
	dir := t.TempDir()
	bad := write(t, dir, "racy.c", racy)
	base := filepath.Join(dir, "base.json")
	if code, _, _ := kpreempt(t, "check", "--format", "json", "-o", base, bad); code != 1 {
		t.Fatalf("exit %d", code)
	}
	write(t, dir, "racy.c", "/* moved down */\n\n"+racy)
	if code, out, errs := kpreempt(t, "check", "--baseline", base, bad); code != 0 || out != "" {
		t.Errorf("baselined: exit %d, %q %q", code, out, errs)
	}
	sarif := filepath.Join(dir, "base.sarif")
	if code, _, _ := kpreempt(t, "check", "--format", "sarif", "-o", sarif, bad); code != 1 {
		t.Errorf("sarif: exit %d", code)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(mustRead(t, sarif), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("sarif: %v %+v", err, log)
	}
	fp := log.Runs[0].Results[0].PartialFingerprints
	if fp["primaryLocationLineHash"] == "" || fp["kpreempt/v1"] == "" {
		t.Errorf("fingerprints %v", fp)
	}
	if code, _, _ := kpreempt(t, "check", "--baseline", sarif, bad); code != 0 {
		t.Errorf("SARIF baseline: exit %d", code)
	}
	write(t, dir, "racy.c", racy+"\nint more(void)\n{\n\treturn smp_processor_id();\n}\n")
	if code, out, _ := kpreempt(t, "check", "--baseline", base, bad); code != 1 || strings.Count(out, ": warning: ") != 1 || !strings.Contains(out, ":13:") {
		t.Errorf("new finding behind a baseline: exit %d\n%s", code, out)
	}
	if code, _, _ := kpreempt(t, "check", "--disable", "percpu-preemptible", bad); code != 0 {
		t.Errorf("--disable: exit %d", code)
	}
	if code, _, _ := kpreempt(t, "check", "--enable", "stale-cpu", bad); code != 0 {
		t.Errorf("--enable another rule: exit %d", code)
	}
	if code, _, errs := kpreempt(t, "check", "--enable", "nope", bad); code != 2 || !strings.Contains(errs, "unknown rule") {
		t.Errorf("--enable unknown: exit %d %q", code, errs)
	}
	if code, _, errs := kpreempt(t, "check", "--baseline", bad, bad); code != 2 || strings.Count(errs, "\n") != 1 {
		t.Errorf("a C file as baseline: exit %d %q", code, errs)
	}
}
