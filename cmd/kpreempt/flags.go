package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kpreempt/kpreempt/baseline"
	"github.com/kpreempt/kpreempt/pipeline"
	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

// runFlags are the flags check, patch and diff share.
type runFlags struct {
	format, output, color, baseline, dir, srcroot, category, facts, shard string
	jobs, allowFailures                                                   int
	enable, disable                                                       []string
	noFacts                                                               bool
}

func (f *runFlags) register(fs *pflag.FlagSet, defaultFormat string) {
	fs.StringVar(&f.format, "format", defaultFormat, "output format: "+strings.Join(report.Formats(), ", "))
	fs.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` (written whole or not at all; a device such as /dev/null is written through)")
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "files checked in parallel (default: the number of CPUs)")
	fs.StringVar(&f.color, "color", "auto", "colour: auto, always or never (auto honours NO_COLOR and is off when not a terminal)")
	fs.Lookup("color").NoOptDefVal = "auto"
	fs.StringSliceVar(&f.enable, "enable", nil, "run only rule `ID` (repeatable, or comma-separated)")
	fs.StringSliceVar(&f.enable, "rule", nil, "")
	_ = fs.MarkHidden("rule") // the old name of --enable
	fs.StringSliceVar(&f.disable, "disable", nil, "do not run rule `ID` (repeatable, or comma-separated)")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not in `FILE`, an earlier JSON or SARIF report")
	fs.StringVarP(&f.dir, "directory", "C", "", "the kernel tree or repository to work in (default: the one holding the paths, or the current directory)")
	fs.StringVar(&f.srcroot, "srcroot", "", "name files relative to `DIR` (default: the git top level of the checked files, else the kernel tree, else the current directory)")
	fs.StringVar(&f.category, "sarif-category", "", "the code-scanning category of a SARIF upload (automationDetails.id), e.g. one per CI shard")
	fs.IntVar(&f.allowFailures, "allow-failures", 0, "exit 0 or 1, not 2, when at most `N` files could not be analysed")
	f.registerFacts(fs)
	fs.StringVar(&f.shard, "shard", "", "check only the `I/N`-th share of the files (a CI matrix; facts of the others from the store)")
}

// registerFacts adds the flags of the facts store, which every command
// that analyses a kernel tree takes.
func (f *runFlags) registerFacts(fs *pflag.FlagSet) {
	fs.StringVar(&f.facts, "facts", "", "the kernel tree's facts store `DIR` (default: one per tree under the user's cache directory)")
	fs.BoolVar(&f.noFacts, "no-facts", false, "neither read nor keep facts of other files (callers and callees in them are not seen)")
}

// session is a command's configured run: the pipeline's options and
// where and how the report goes.
type session struct {
	opt           pipeline.Options
	out           *pipeline.Output
	format        string
	color         bool
	allowFailures int
	stdout        io.Writer
	stderr        io.Writer
	fo            report.FormatOptions
}

// open checks the flags and prepares the run, before any analysis: a bad
// flag, rule, baseline or destination is reported at once.
func (f *runFlags) open(cmd *cobra.Command) (*session, error) {
	s := &session{format: f.format, stdout: cmd.OutOrStdout(), stderr: cmd.ErrOrStderr(), allowFailures: f.allowFailures}
	if _, err := report.NewFormat(f.format, report.FormatOptions{}); err != nil {
		return nil, fmt.Errorf("--format: %v", err)
	}
	if cmd.Flags().Changed("jobs") && f.jobs < 1 {
		return nil, fmt.Errorf("--jobs %d: give a number of files to check at once, 1 or more", f.jobs)
	}
	if f.allowFailures < 0 {
		return nil, fmt.Errorf("--allow-failures %d: give 0 or more", f.allowFailures)
	}
	switch f.color {
	case "auto", "always", "never":
	default:
		return nil, fmt.Errorf("unknown --color %q (want auto, always or never)", f.color)
	}
	var err error
	if s.opt.Rules, err = pipeline.SelectRules(f.enable, f.disable); err != nil {
		return nil, err
	}
	if f.baseline != "" {
		if s.opt.Baseline, err = baseline.Load(f.baseline); err != nil {
			return nil, err
		}
	}
	s.opt.Jobs, s.opt.SrcRoot, s.opt.Log = f.jobs, f.srcroot, s.stderr
	s.opt.FactsDir, s.opt.NoFacts = f.facts, f.noFacts
	if s.out, err = pipeline.OpenOutput(f.output, s.stdout); err != nil {
		return nil, err
	}
	s.color = f.color == "always" || f.color == "auto" && !s.out.IsFile() && !color.NoColor && isTerminal(s.stdout)
	cwd, _ := os.Getwd()
	s.fo = report.FormatOptions{
		Text: report.TextOptions{Color: s.color, Dir: cwd},
		SARIF: report.SARIFOptions{Rules: rules.Known(), Version: version, FullVersion: versionString(),
			Category: f.category, WorkingDir: cwd},
	}
	return s, nil
}

// write renders the report in the chosen format to the destination.
func (s *session) write(rep *pipeline.Report) error {
	if len(rep.Findings) > report.MaxSARIFResults && s.format == "sarif" {
		fmt.Fprintf(s.stderr, "kpreempt: %s\n", report.TruncatedSARIF(len(rep.Findings)))
	}
	f, err := report.NewFormat(s.format, s.fo)
	if err != nil {
		return err
	}
	return s.out.Write(func(w io.Writer) error { return f.Write(w, rep.Result) })
}

// finish writes the report and returns the exit status as an error.
func (s *session) finish(rep *pipeline.Report) error {
	if err := s.write(rep); err != nil {
		return err
	}
	return s.exit(rep)
}

// exit is the run's exit status, as an error.
func (s *session) exit(rep *pipeline.Report) error {
	if code := rep.ExitCode(s.allowFailures); code != 0 {
		if code == 2 {
			fmt.Fprintf(s.stderr, "kpreempt: %d file(s) could not be analysed (--allow-failures %d to accept that)\n",
				len(rep.Stats.FailedFiles), max(s.allowFailures, len(rep.Stats.FailedFiles)))
		}
		return exitError(code)
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
