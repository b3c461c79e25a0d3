package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
)

// CheckpatchOptions mirror checkpatch.pl's output switches
// (scripts/checkpatch.pl: report() and the end of process()).
type CheckpatchOptions struct {
	Terse       bool   // one line per finding; implies Emacs and one more Quiet
	Emacs       bool   // prefix "<patch>:<patch line>: " ("-" for standard input)
	ShowFile    bool   // prefix "<file>:<line>: " instead of the "#n: FILE:" line
	ShowTypes   bool   // "WARNING:KPREEMPT_<RULE>: " instead of "WARNING: "
	NoSummary   bool   // no "total:" line
	SummaryFile bool   // the patch's name before "total:"
	Quiet       int    // -q: no verdict; with Quiet 1, nothing at all when clean
	Mailback    bool   // nothing at all when clean
	Color       bool   // colour the level and type as checkpatch does
	FileMode    bool   // checking files, not a patch (checkpatch -f): "#n" is the file's line
	Name        string // the patch's name, "-" or "" for standard input
	Subject     string // the patch's subject, naming a patch read from standard input
	Lines       int    // lines checked, for the summary
}

// RuleType is a rule's checkpatch type: KPREEMPT_ and the rule ID in
// upper case with underscores, e.g. KPREEMPT_PERCPU_PREEMPTIBLE.
func RuleType(rule string) string {
	return "KPREEMPT_" + strings.ToUpper(strings.ReplaceAll(rule, "-", "_"))
}

// Checkpatch writes findings the way checkpatch.pl does, so that scripts
// and b4 that read checkpatch output read kpreempt's:
//
//	WARNING: smp_processor_id() used in preemptible code
//	#25: FILE: drivers/foo.c:10:
//	+	cpu = smp_processor_id();
//
//	total: 0 errors, 1 warnings, 42 lines checked
//
// A finding's "#n" is its line in the patch (Finding.Patch); in file mode,
// or when a finding has no patch line, it is the line in the file. The
// quoted line starts with '+' for a line the patch adds, and, as
// checkpatch -f shows every line of a file it checks, in file mode; with
// a space for an unchanged line the patch made unsafe.
func Checkpatch(w io.Writer, r *Result, src *Sources, opt CheckpatchOptions) error {
	ew := &errWriter{w: w}
	name := opt.Name
	if name == "" {
		name = "-"
	}
	quiet := opt.Quiet
	if opt.Terse {
		opt.Emacs = true
		quiet++
	}
	levelColor := map[string]*color.Color{"ERROR": color.New(color.FgRed), "WARNING": color.New(color.FgYellow)}
	typeColor := color.New(color.FgBlue)
	for _, c := range []*color.Color{levelColor["ERROR"], levelColor["WARNING"], typeColor} {
		if opt.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	if opt.Mailback && len(r.Findings) == 0 {
		return nil // checkpatch --mailback: a report only when there is something to say
	}
	errors, warnings := 0, 0
	for _, f := range r.Findings {
		level := "WARNING"
		if f.Severity == "error" {
			level, errors = "ERROR", errors+1
		} else {
			warnings++
		}
		n, text, file, line, mark := f.Line, "", f.File, f.Line, "+"
		if f.Patch != nil {
			n, text, file, line = f.Patch.Line, f.Patch.Text, f.Patch.File, f.Patch.FileLine
			if f.Patch.Context {
				mark = " "
			}
		} else {
			text, _ = src.Line(f.Path, f.Line)
		}
		file = QuotePath(file)
		prefix := ""
		switch {
		case opt.ShowFile:
			prefix = fmt.Sprintf("%s:%d: ", file, line)
		case opt.Emacs && opt.FileMode:
			prefix = fmt.Sprintf("%s:%d: ", file, line)
		case opt.Emacs:
			prefix = fmt.Sprintf("%s:%d: ", QuotePath(name), n)
		}
		head := prefix + levelColor[level].Sprint(level+":")
		if opt.ShowTypes {
			head += typeColor.Sprint(RuleType(f.Rule) + ":")
		}
		fmt.Fprintf(ew, "%s %s\n", head, f.Message)
		if opt.Terse {
			continue
		}
		if !opt.ShowFile {
			fmt.Fprintf(ew, "#%d: FILE: %s:%d:\n", n, file, line)
		}
		fmt.Fprintf(ew, "%s%s\n\n", mark, text)
	}
	clean := errors+warnings == 0
	if !opt.NoSummary && !(clean && quiet == 1) {
		if opt.SummaryFile {
			fmt.Fprintf(ew, "%s ", QuotePath(name))
		}
		fmt.Fprintf(ew, "total: %d errors, %d warnings, %d lines checked\n", errors, warnings, opt.Lines)
	}
	if quiet == 0 {
		vname, has := QuotePath(name), "has"
		switch {
		case opt.FileMode:
			vname, has = "The checked files", "have"
		case name == "-" && opt.Subject != "":
			vname = `"` + opt.Subject + `"`
		case name == "-":
			vname = "Your patch"
		}
		if failed := len(r.Stats.FailedFiles); failed > 0 && clean {
			fmt.Fprintf(ew, "\n%s could not be checked whole: %d file(s) failed, see above.\n", vname, failed)
		} else if clean {
			fmt.Fprintf(ew, "\n%s %s no obvious preemption problems.\n", vname, has)
		} else {
			fmt.Fprintf(ew, "\n%s %s preemption problems, please review.\n", vname, has)
		}
	}
	return ew.err
}
