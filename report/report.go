package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/fatih/color"

	"github.com/kpreempt/kpreempt/rules"
)

// Version is the version of the JSON contract.
const Version = 1

// Result is one run's output.
type Result struct {
	Version  int       `json:"version"`
	Findings []Finding `json:"findings"`
	Stats    Stats     `json:"stats"`
}

// Finding is one diagnostic, with paths as the user should see them.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Function string `json:"function"`
	Message  string `json:"message"`
	Trace    []Step `json:"trace"`
	// Fingerprint identifies the finding across edits that move it: see
	// Result.Fingerprint. Baselines match on it.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Path is the file to read for the source line (File is what the user
	// sees; they differ for temporary copies of patched files).
	Path string `json:"-"`
}

// Step is one note of a finding's trace.
type Step struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Note   string `json:"note"`
	Path   string `json:"-"`
}

// Stats summarises a run.
type Stats struct {
	Files       int          `json:"files"`
	Functions   int          `json:"functions"`
	FailedFiles []FailedFile `json:"failed_files"`
	Seconds     float64      `json:"seconds"`
}

// FailedFile is a file that could not be analysed.
type FailedFile struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

// New returns an empty result; lists are empty, never null, in JSON.
func New() *Result {
	return &Result{Version: Version, Findings: []Finding{}, Stats: Stats{FailedFiles: []FailedFile{}}}
}

// Add converts diagnostics, naming files with display.
func (r *Result) Add(diags []rules.Diagnostic, display func(file string) string) {
	for _, d := range diags {
		f := Finding{
			Rule: d.Rule, Severity: d.Severity, File: display(d.Pos.File), Line: d.Pos.Line, Column: d.Pos.Col,
			Function: d.Function, Message: d.Message, Trace: []Step{}, Path: d.Pos.File,
		}
		for _, n := range d.Trace {
			f.Trace = append(f.Trace, Step{File: display(n.Pos.File), Line: n.Pos.Line, Column: n.Pos.Col, Note: n.Text, Path: n.Pos.File})
		}
		r.Findings = append(r.Findings, f)
	}
}

// JSON writes r as one indented JSON object.
func JSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// TextOptions controls text output.
type TextOptions struct {
	Color bool
}

// Text writes findings the way gcc writes diagnostics:
//
//	file:line:col: warning: message [rule]
//	file:line:col: note: trace step
func Text(w io.Writer, r *Result, opt TextOptions) error {
	loc := color.New(color.Bold)
	sev := map[string]*color.Color{
		"warning": color.New(color.Bold, color.FgMagenta),
		"error":   color.New(color.Bold, color.FgRed),
	}
	note := color.New(color.Bold, color.FgCyan)
	msg := color.New(color.Bold)
	all := []*color.Color{loc, note, msg, sev["warning"], sev["error"]}
	for _, c := range all {
		if opt.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	for _, f := range r.Findings {
		s := sev[f.Severity]
		if s == nil {
			s = sev["warning"]
		}
		if _, err := fmt.Fprintf(w, "%s %s %s [%s]\n",
			loc.Sprintf("%s:%d:%d:", f.File, f.Line, f.Column), s.Sprint(f.Severity+":"), msg.Sprint(f.Message), f.Rule); err != nil {
			return err
		}
		for _, t := range f.Trace {
			if _, err := fmt.Fprintf(w, "%s %s %s\n", loc.Sprintf("%s:%d:%d:", t.File, t.Line, t.Column), note.Sprint("note:"), t.Note); err != nil {
				return err
			}
		}
	}
	return nil
}
