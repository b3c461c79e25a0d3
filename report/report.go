package report

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/fatih/color"
	"golang.org/x/text/width"

	"github.com/kpreempt/kpreempt/rules"
)

// Version is the version of the JSON contract.
const Version = 1

// Result is one run's output.
type Result struct {
	Version int `json:"version"`
	// Model is the kernels the run checked for: "classic" (without
	// PREEMPT_RT), "rt" (PREEMPT_RT) or "both".
	Model    string    `json:"model,omitempty"`
	Findings []Finding `json:"findings"`
	Stats    Stats     `json:"stats"`
	// Root is the absolute source root: every File of the report is
	// relative to it (see the run pipeline). Empty when files are shown
	// as they were given.
	Root string `json:"-"`
	// Notes are remarks about the run as a whole (a limit reached), one
	// line each; formats that have a place for them show them.
	Notes []string `json:"-"`
	// Sources are the files the findings point into, for the formats
	// that quote them; nil reads nothing.
	Sources *Sources `json:"-"`
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
	// Model is the kernels the finding holds on: "both", "rt" (only
	// with PREEMPT_RT) or "classic" (only without it).
	Model string `json:"model"`
	Trace []Step `json:"trace"`
	// Fingerprint identifies the finding across edits that move it: see
	// Result.Fingerprint. Baselines match on it.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Path is the file to read for the source line (File is what the user
	// sees; they differ for temporary copies of patched files).
	Path string `json:"-"`
	// Patch is where the finding's line is in a patch, for checkpatch
	// output; nil outside patch and diff runs.
	Patch *PatchLine `json:"-"`
}

// PatchLine is a line a patch adds.
type PatchLine struct {
	Line     int    // 1-based line number in the patch
	Text     string // the line as the patch adds it, without the '+'
	File     string // the file it adds it to, as Finding.File names files
	FileLine int    // its line number in that file
	// Context is set when the line is not one the patch adds, but one
	// whose meaning it changed; Line is then the nearest place in the
	// patch (the line as context, or the hunk above it).
	Context bool
}

// Step is one note of a finding's trace.
type Step struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Note   string `json:"note"`
	Path   string `json:"-"`
	// Depth is the step's frame in a chain of calls across functions (0:
	// the outermost), for SARIF's nestingLevel.
	Depth int `json:"-"`
}

// Stats summarises a run.
type Stats struct {
	Files       int          `json:"files"`
	Functions   int          `json:"functions"`
	FailedFiles []FailedFile `json:"failed_files"`
	Seconds     float64      `json:"seconds"`
	// Phases is the time of each phase of the run, when it had them.
	Phases *Phases `json:"phases,omitempty"`
}

// Phases is the wall time of the phases of a run, in seconds.
type Phases struct {
	Summarize float64 `json:"summarize"` // reading every unit into facts (or the store)
	Link      float64 `json:"link"`      // the call graph, sleeps and entry contexts
	Check     float64 `json:"check"`     // every unit analysed in its program
	// FactsReused and ChecksReused count the units whose facts, and whose
	// findings, a facts store held from an earlier run of the same
	// kpreempt, still valid: they were not read again.
	FactsReused  int `json:"facts_reused"`
	ChecksReused int `json:"checks_reused"`
	// Resummarized counts the summaries of units made again in the link
	// phase, with the program's summaries of their callees in other
	// units (a unit made again in two rounds counts twice).
	Resummarized int `json:"resummarized"`
	// Rounds are how many units each round of the link summarised
	// again; Unsettled how many units the last round left with callees
	// whose summaries changed after their own facts were made (kept as
	// they are: interproc.UnitFacts.Accepted).
	Rounds    []int `json:"rounds,omitempty"`
	Unsettled int   `json:"unsettled"`
	// Replayed counts the units checked with the answers their program
	// gave an earlier run, kept in the store: their edits only moved
	// code, and the program was not linked.
	Replayed int `json:"replayed,omitempty"`
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
			Function: d.Function, Message: d.Message, Model: string(d.Model), Trace: []Step{}, Path: d.Pos.File,
		}
		for _, n := range d.Trace {
			f.Trace = append(f.Trace, Step{File: display(n.Pos.File), Line: n.Pos.Line, Column: n.Pos.Col, Note: n.Text, Path: n.Pos.File, Depth: n.Depth})
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
	// Sources, if set, adds the source line and a caret under the column
	// after each diagnostic and note, as gcc does.
	Sources *Sources
	// Dir, if set with Result.Root, shows each file as an editor started
	// in Dir would open it: relative to Dir when it lies below, else
	// absolute. Unset, files are shown as the report names them.
	Dir string
}

// Text writes findings the way gcc writes diagnostics:
//
//	file:line:col: warning: message [rule]
//	    3 |         hits[smp_processor_id()]++;
//	      |              ^
//	file:line:col: note: trace step
func Text(w io.Writer, r *Result, opt TextOptions) error {
	loc := color.New(color.Bold)
	sev := map[string]*color.Color{
		"warning": color.New(color.Bold, color.FgMagenta),
		"error":   color.New(color.Bold, color.FgRed),
	}
	note := color.New(color.Bold, color.FgCyan)
	msg := color.New(color.Bold)
	caret := color.New(color.Bold, color.FgGreen)
	for _, c := range []*color.Color{loc, note, msg, caret, sev["warning"], sev["error"]} {
		if opt.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	if opt.Sources == nil {
		opt.Sources = r.Sources
	}
	ew := &errWriter{w: w}
	show := func(file string) string { return QuotePath(ShownPath(r.Root, opt.Dir, file)) }
	for _, f := range r.Findings {
		s := sev[f.Severity]
		if s == nil {
			s = sev["warning"]
		}
		fmt.Fprintf(ew, "%s %s %s [%s]\n",
			loc.Sprintf("%s:%d:%d:", show(f.File), f.Line, displayColumn(opt.Sources, f.Path, f.Line, f.Column)), s.Sprint(f.Severity+":"), msg.Sprint(f.Message), f.Rule)
		quoteSource(ew, opt.Sources, f.Path, f.Line, f.Column, caret)
		for _, t := range f.Trace {
			fmt.Fprintf(ew, "%s %s %s\n", loc.Sprintf("%s:%d:%d:", show(t.File), t.Line, displayColumn(opt.Sources, t.Path, t.Line, t.Column)), note.Sprint("note:"), t.Note)
			quoteSource(ew, opt.Sources, t.Path, t.Line, t.Column, caret)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(ew, "kpreempt: %s\n", n)
	}
	return ew.err
}

// ShownPath is file (relative to root) as seen from dir: relative to dir
// when it lies below it, else absolute. With root or dir unknown, or
// file absolute, it is file.
func ShownPath(root, dir, file string) string {
	if root == "" || dir == "" || filepath.IsAbs(file) {
		return file
	}
	abs := filepath.Join(root, filepath.FromSlash(file))
	if rel, err := filepath.Rel(dir, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// QuotePath quotes a file name that cannot be shown on one line as it
// is, the way git quotes names: in double quotes with C escapes, when it
// holds a control character, a double quote or a backslash.
func QuotePath(name string) string {
	if !strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '"' || r == '\\' }) {
		return name
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch c {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, "\\%03o", c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// quoteSource prints a line of source with a caret under column col,
// tabs expanded so that the caret lines up whatever the terminal's tabs.
func quoteSource(w io.Writer, src *Sources, path string, line, col int, caret *color.Color) {
	if src == nil {
		return
	}
	text, ok := src.Line(path, line)
	if !ok {
		return
	}
	expanded, before := expandTabs(text, col)
	fmt.Fprintf(w, "%5d | %s\n", line, expanded)
	if col > 0 {
		fmt.Fprintf(w, "      | %s%s\n", strings.Repeat(" ", before), caret.Sprint("^"))
	}
}

// displayColumn is byte column col (1-based) of a line as gcc numbers
// columns in its messages (-fdiagnostics-column-unit=display, its
// default): in display columns, as the caret is placed. Without the
// source the byte column stands.
func displayColumn(src *Sources, path string, line, col int) int {
	if src == nil || col <= 0 {
		return col
	}
	text, ok := src.Line(path, line)
	if !ok {
		return col
	}
	_, before := expandTabs(text, col)
	return before + 1
}

// expandTabs expands tabs to 8-column stops and returns the display width
// of the text before byte column col (1-based), as gcc counts it: a tab
// to the next stop, a wide (East Asian) character two columns, a
// combining mark none, anything else one.
func expandTabs(s string, col int) (string, int) {
	var b strings.Builder
	cols, at := 0, -1
	for i, r := range s {
		if i == col-1 {
			at = cols
		}
		if r == '\t' {
			n := 8 - cols%8
			b.WriteString(strings.Repeat(" ", n))
			cols += n
			continue
		}
		b.WriteRune(r)
		cols += runeWidth(r)
	}
	if at < 0 {
		at = cols
	}
	return b.String(), at
}

func runeWidth(r rune) int {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200b:
		return 0
	case r < 0x1100:
		return 1
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// errWriter keeps the first write error, so that rendering code can
// write unconditionally and check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
