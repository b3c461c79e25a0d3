package report

import (
	"fmt"
	"io"
	"strings"
)

// CheckpatchOptions mirror checkpatch.pl's output switches.
type CheckpatchOptions struct {
	Terse     bool   // one line per finding
	Emacs     bool   // prefix "<patch>:<patch line>: "
	ShowFile  bool   // prefix "<file>:<line>: " instead of the "#n: FILE:" line
	NoSummary bool   // no "total:" line
	Quiet     bool   // no verdict; nothing at all when clean
	FileMode  bool   // checking files, not a patch (checkpatch -f): "#n" is the file's line
	Name      string // the patch's name, "-" or "" for standard input
	Lines     int    // lines checked, for the summary
}

// RuleType is a rule's checkpatch type: KPREEMPT_ and the rule ID in
// upper case with underscores, e.g. KPREEMPT_PERCPU_PREEMPTIBLE.
func RuleType(rule string) string {
	return "KPREEMPT_" + strings.ToUpper(strings.ReplaceAll(rule, "-", "_"))
}

// Checkpatch writes findings the way checkpatch.pl --show-types does, so
// that scripts and b4 that read checkpatch output read kpreempt's:
//
//	WARNING:KPREEMPT_PERCPU_PREEMPTIBLE: smp_processor_id() used in preemptible code
//	#25: FILE: drivers/foo.c:10:
//	+	cpu = smp_processor_id();
//
//	total: 0 errors, 1 warnings, 42 lines checked
//
// A finding's "#n" is its line in the patch (Finding.Patch); in file mode,
// or when a finding has no patch line, it is the line in the file.
func Checkpatch(w io.Writer, r *Result, src *Sources, opt CheckpatchOptions) error {
	ew := &errWriter{w: w}
	name := opt.Name
	if name == "" {
		name = "-"
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
		prefix := ""
		switch {
		case opt.ShowFile:
			prefix = fmt.Sprintf("%s:%d: ", file, line)
		case opt.Emacs && opt.FileMode:
			prefix = fmt.Sprintf("%s:%d: ", file, line)
		case opt.Emacs:
			prefix = fmt.Sprintf("%s:%d: ", name, n)
		}
		fmt.Fprintf(ew, "%s%s:%s: %s\n", prefix, level, RuleType(f.Rule), f.Message)
		if opt.Terse {
			continue
		}
		if !opt.ShowFile {
			fmt.Fprintf(ew, "#%d: FILE: %s:%d:\n", n, file, line)
		}
		fmt.Fprintf(ew, "%s%s\n\n", mark, text)
	}
	clean := errors+warnings == 0
	if !opt.NoSummary && !(clean && opt.Quiet) {
		fmt.Fprintf(ew, "total: %d errors, %d warnings, %d lines checked\n", errors, warnings, opt.Lines)
	}
	if !opt.Quiet {
		vname, has := name, "has"
		if name == "-" {
			vname = "Your patch"
		}
		if opt.FileMode {
			vname, has = "The checked files", "have"
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
