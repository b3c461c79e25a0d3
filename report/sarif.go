package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/kpreempt/kpreempt/rules"
)

// SARIF constants GitHub code scanning relies on.
const (
	sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"
	toolName    = "kpreempt"
	toolURI     = "https://github.com/kpreempt/kpreempt"
	srcRoot     = "%SRCROOT%"
	maxFullDesc = 1024 // GitHub's limit for fullDescription.text
	lineHashKey = "primaryLocationLineHash"
	// MaxSARIFResults is how many results GitHub code scanning keeps of
	// one run; a log with more is cut there, and says so.
	MaxSARIFResults = 25000
	toolFullName    = "kpreempt, a preemption-safety checker for Linux kernel C"
)

// SARIFFingerprintKey is the partialFingerprints key under which results
// carry Finding.Fingerprint (baselines read it back).
const SARIFFingerprintKey = "kpreempt/v1"

// ruleTags let alerts be filtered in the code-scanning list.
var ruleTags = []string{"correctness", "concurrency", "kernel"}

// SARIFOptions controls SARIF output.
type SARIFOptions struct {
	Rules       []*rules.Rule // all rules the run knows: rules[] lists each, in this order
	Version     string        // tool semanticVersion, e.g. "0.1.0-dev"
	FullVersion string        // tool version as the tool prints it (with the revision); Version if empty
	Sources     *Sources      // files read for primaryLocationLineHash and column conversion
	// Category is GitHub code scanning's category of the upload
	// (automationDetails.id): one per CI shard or configuration.
	Category string
	// WorkingDir is the absolute directory the run was made in.
	WorkingDir string
}

// SARIF writes r as one indented SARIF 2.1.0 log that GitHub code scanning
// accepts: every rule with its documentation, each finding as a result
// with its trace as a code flow, and files that could not be analysed as
// tool notifications rather than results. Every artifact is named
// relative to %SRCROOT%, which the log maps to r.Root; a log with more
// results than GitHub keeps is cut at MaxSARIFResults with a notification
// saying so.
func SARIF(w io.Writer, r *Result, opt SARIFOptions) error {
	if opt.Sources == nil {
		opt.Sources = r.Sources
	}
	root := r.Root
	if root == "" {
		root = "/" // files given absolute are then relative to the file system's root
	}
	s := &sarifWriter{src: opt.Sources, root: root, index: map[string]int{}, hashes: map[string][]string{}}
	driver := &sarif.ToolComponent{
		Name:           toolName,
		FullName:       new(toolFullName),
		InformationURI: new(toolURI),
		Rules:          []*sarif.ReportingDescriptor{},
	}
	if opt.Version != "" {
		driver.SemanticVersion = new(opt.Version)
		driver.Version = new(opt.Version)
	}
	if opt.FullVersion != "" {
		driver.Version = new(opt.FullVersion)
	}
	s.driver = driver
	for _, rule := range opt.Rules {
		s.addRule(rule)
	}
	base := &sarif.ArtifactLocation{URI: new(dirURI(root))}
	run := &sarif.Run{
		Tool:               sarif.Tool{Driver: driver},
		Results:            []*sarif.Result{},
		ColumnKind:         "utf16CodeUnits",
		OriginalUriBaseIDs: map[string]*sarif.ArtifactLocation{srcRoot: base},
	}
	if opt.Category != "" {
		id := opt.Category
		if !strings.HasSuffix(id, "/") {
			id += "/" // GitHub reads the category up to the last slash
		}
		run.AutomationDetails = &sarif.RunAutomationDetails{ID: new(id)}
	}
	findings := r.Findings
	if len(findings) > MaxSARIFResults {
		findings = findings[:MaxSARIFResults]
	}
	for i := range findings {
		run.Results = append(run.Results, s.result(&findings[i]))
	}
	// A run that analysed nothing it was given did not succeed.
	ok := r.Stats.Files > 0 || len(r.Stats.FailedFiles) == 0
	inv := &sarif.Invocation{ExecutionSuccessful: new(ok)}
	if opt.WorkingDir != "" {
		inv.WorkingDirectory = &sarif.ArtifactLocation{URI: new(dirURI(opt.WorkingDir))}
	}
	for _, f := range r.Stats.FailedFiles {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, &sarif.Notification{
			Level:     "error",
			Message:   sarif.NewTextMessage(f.Error),
			Locations: []*sarif.Location{{PhysicalLocation: &sarif.PhysicalLocation{ArtifactLocation: s.artifact(f.File)}}},
		})
	}
	for _, n := range r.Notes {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, &sarif.Notification{
			Level: "warning", Message: sarif.NewTextMessage(n),
		})
	}
	if len(r.Findings) > MaxSARIFResults {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, &sarif.Notification{
			Level:   "warning",
			Message: sarif.NewTextMessage(TruncatedSARIF(len(r.Findings))),
		})
	}
	run.Invocations = []*sarif.Invocation{inv}

	log, err := sarif.New(sarif.Version210, false)
	if err != nil {
		return err
	}
	log.Schema = sarifSchema
	log.AddRun(run)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // help texts are full of <linux/...> and &x
	return enc.Encode(log)
}

type sarifWriter struct {
	src    *Sources
	root   string // what %SRCROOT% stands for
	driver *sarif.ToolComponent
	index  map[string]int      // rule id -> index in driver.Rules
	hashes map[string][]string // path -> LineHashes, nil if unreadable
}

func (s *sarifWriter) addRule(r *rules.Rule) {
	if _, ok := s.index[r.ID]; ok {
		return
	}
	level := sarifLevel(r.Severity)
	// Code scanning orders alerts by level, then precision: the rule's
	// measured on a real kernel (rules.Precision).
	precision := r.Precision().Class()
	name := r.Name
	if name == "" {
		name = camelCase(r.ID)
	}
	d := &sarif.ReportingDescriptor{
		ID:                   r.ID,
		Name:                 new(name),
		ShortDescription:     sarif.NewMultiformatMessageString(r.Summary),
		DefaultConfiguration: &sarif.ReportingConfiguration{Level: level},
		Properties: sarif.Properties{
			"precision": precision,
			"tags":      ruleTags,
			// A flat key, as CodeQL writes it and GitHub reads it.
			"problem.severity": level,
		},
	}
	if r.Doc != "" { // a rule only known by its id has no documentation
		d.FullDescription = sarif.NewMultiformatMessageString(truncateWords(r.Doc, maxFullDesc))
		d.Help = &sarif.MultiformatMessageString{Text: new(r.Page()), Markdown: new(r.Markdown())}
	}
	s.index[r.ID] = len(s.driver.Rules)
	s.driver.Rules = append(s.driver.Rules, d)
}

// ruleIndex returns the index of a rule in rules[], describing a rule the
// caller did not list after the others so that ruleIndex stays valid.
func (s *sarifWriter) ruleIndex(id, severity string) int {
	if i, ok := s.index[id]; ok {
		return i
	}
	r := rules.ByID(id)
	if r == nil {
		r = &rules.Rule{ID: id, Summary: id, Severity: severity}
	}
	s.addRule(r)
	return s.index[id]
}

func (s *sarifWriter) result(f *Finding) *sarif.Result {
	res := &sarif.Result{
		RuleID:  new(f.Rule),
		Level:   new(sarifLevel(f.Severity)),
		Message: *sarif.NewTextMessage(f.Message),
	}
	res.WithRuleIndex(s.ruleIndex(f.Rule, f.Severity))
	if f.Model != "" {
		// The kernels it holds on: "both", or only "rt" (PREEMPT_RT) or
		// "classic".
		res.Properties = sarif.Properties{"model": f.Model}
	}
	primary := s.location(f.File, f.Path, f.Line, f.Column)
	if f.Function != "" {
		primary.LogicalLocations = []*sarif.LogicalLocation{{Name: new(f.Function), Kind: new("function")}}
	}
	res.Locations = []*sarif.Location{primary}

	fp := map[string]any{}
	if h := s.lineHash(f.Path, f.Line); h != "" {
		fp[lineHashKey] = h
	}
	if f.Fingerprint != "" {
		fp[SARIFFingerprintKey] = f.Fingerprint
	}
	if len(fp) > 0 {
		res.PartialFingerprints = fp
	}

	if len(f.Trace) > 0 {
		var flow []*sarif.ThreadFlowLocation
		for i, t := range f.Trace {
			loc := s.location(t.File, t.Path, t.Line, t.Column)
			loc.Message = sarif.NewTextMessage(t.Note)
			tfl := &sarif.ThreadFlowLocation{Location: loc}
			if t.Depth > 0 {
				tfl.NestingLevel = new(t.Depth) // a frame further down a chain of calls
			}
			flow = append(flow, tfl)

			rel := s.location(t.File, t.Path, t.Line, t.Column)
			rel.Message = sarif.NewTextMessage(t.Note)
			rel.WithId(i + 1)
			res.RelatedLocations = append(res.RelatedLocations, rel)
		}
		last := s.location(f.File, f.Path, f.Line, f.Column)
		last.Message = sarif.NewTextMessage(f.Message)
		flow = append(flow, &sarif.ThreadFlowLocation{Location: last})
		res.CodeFlows = []*sarif.CodeFlow{{ThreadFlows: []*sarif.ThreadFlow{{Locations: flow}}}}
	}
	return res
}

// location is a physical location; path is the file to read to turn the
// byte column into UTF-16 code units.
func (s *sarifWriter) location(file, path string, line, col int) *sarif.Location {
	region := &sarif.Region{}
	if line > 0 {
		region.StartLine = new(line)
	}
	if col > 0 {
		region.StartColumn = new(s.utf16Column(path, line, col))
	}
	pl := &sarif.PhysicalLocation{ArtifactLocation: s.artifact(file)}
	if region.StartLine != nil {
		pl.Region = region
	}
	return &sarif.Location{PhysicalLocation: pl}
}

// utf16Column converts a 1-based byte column into UTF-16 code units, the
// unit GitHub and editors count in; without the line it stays as is,
// which is the same for ASCII.
func (s *sarifWriter) utf16Column(path string, line, col int) int {
	text, ok := s.src.Line(path, line)
	if !ok || col-1 > len(text) {
		return col
	}
	n := 1
	for _, r := range text[:col-1] {
		n += utf16.RuneLen(r)
	}
	return n
}

func (s *sarifWriter) lineHash(path string, line int) string {
	h, ok := s.hashes[path]
	if !ok {
		if b := s.src.Content(path); b != nil {
			h = LineHashes(b)
		}
		s.hashes[path] = h
	}
	if line < 1 || line > len(h) {
		return ""
	}
	return h[line-1]
}

// TruncatedSARIF says that a SARIF log holds only the first
// MaxSARIFResults of n findings.
func TruncatedSARIF(n int) string {
	return fmt.Sprintf("%d findings, of which the SARIF log holds the first %d (GitHub code scanning keeps at most %d results per run): narrow the run with --enable, --baseline or paths",
		n, MaxSARIFResults, MaxSARIFResults)
}

// artifact names a file relative to %SRCROOT%, as code scanning requires:
// report files are relative to the report's root already; a file given
// absolute is made relative to it.
func (s *sarifWriter) artifact(file string) *sarif.ArtifactLocation {
	if filepath.IsAbs(file) {
		if rel, err := filepath.Rel(s.root, file); err == nil {
			file = rel
		}
	}
	return &sarif.ArtifactLocation{URI: new((&url.URL{Path: filepath.ToSlash(file)}).String()), URIBaseId: new(srcRoot)}
}

// dirURI is the file: URI of a directory, ending in a slash as SARIF
// requires of base URIs.
func dirURI(dir string) string {
	p := filepath.ToSlash(dir)
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func sarifLevel(severity string) string {
	if severity == "error" {
		return "error"
	}
	return "warning"
}

// camelCase turns "percpu-preemptible" into "PercpuPreemptible".
func camelCase(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// truncateWords shortens s to at most limit bytes, cutting at white space
// and marking the cut with an ellipsis.
func truncateWords(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	const ellipsis = "…"
	cut := strings.LastIndexAny(s[:limit-len(ellipsis)+1], " \t\n")
	if cut <= 0 {
		// One long word: cut at a rune boundary instead.
		cut = limit - len(ellipsis)
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " \t\n,;:") + ellipsis
}
