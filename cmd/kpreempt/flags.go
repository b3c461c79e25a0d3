package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kpreempt/kpreempt/baseline"
	"github.com/kpreempt/kpreempt/internal/memlimit"
	"github.com/kpreempt/kpreempt/pipeline"
	"github.com/kpreempt/kpreempt/report"
	htmlreport "github.com/kpreempt/kpreempt/report/html"
	"github.com/kpreempt/kpreempt/report/maintainers"
	"github.com/kpreempt/kpreempt/rules"
)

// runFlags are the flags check, patch and diff share.
type runFlags struct {
	format, output, color, baseline, dir, srcroot, category, facts, shard string
	maintainers, model                                                    string
	jobs, allowFailures                                                   int
	enable, disable                                                       []string
	noFacts                                                               bool
}

func (f *runFlags) register(fs *pflag.FlagSet, defaultFormat string) {
	fs.StringVar(&f.format, "format", defaultFormat, "output format: "+strings.Join(formatNames(), ", "))
	fs.StringVarP(&f.output, "output", "o", "", "write the report to `FILE` (written whole or not at all; a device such as /dev/null is written through); with --format html, the site's directory")
	fs.IntVarP(&f.jobs, "jobs", "j", 0, "files checked in parallel (default: the number of CPUs)")
	fs.StringVar(&f.color, "color", "auto", "colour: auto, always or never (auto honours NO_COLOR and is off when not a terminal)")
	fs.Lookup("color").NoOptDefVal = "auto"
	fs.StringSliceVar(&f.enable, "enable", nil, "run only rule `ID` (repeatable, or comma-separated)")
	fs.StringSliceVar(&f.enable, "rule", nil, "")
	_ = fs.MarkHidden("rule") // the old name of --enable
	fs.StringSliceVar(&f.disable, "disable", nil, "do not run rule `ID` (repeatable, or comma-separated)")
	fs.StringVar(&f.model, "model", "", "the kernels to check for: classic (without PREEMPT_RT), rt (PREEMPT_RT) or both (default: rt when the tree's .config enables PREEMPT_RT, classic when its architecture cannot have it, else both)")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not in `FILE`, an earlier JSON or SARIF report (html and digest mark them known instead)")
	f.registerMaintainers(fs)
	fs.StringVarP(&f.dir, "directory", "C", "", "the kernel tree or repository to work in (default: the one holding the paths, or the current directory)")
	fs.StringVar(&f.srcroot, "srcroot", "", "name files relative to `DIR` (default: the git top level of the checked files, else the kernel tree, else the current directory)")
	fs.StringVar(&f.category, "sarif-category", "", "the code-scanning category of a SARIF upload (automationDetails.id), e.g. one per CI shard")
	fs.IntVar(&f.allowFailures, "allow-failures", 0, "exit 0 or 1, not 2, when at most `N` files could not be analysed")
	f.registerFacts(fs)
	fs.StringVar(&f.shard, "shard", "", "check only the `I/N`-th share of the files (a CI matrix; facts of the others from the store)")
}

// registerMaintainers adds --maintainers, which the html and digest
// formats read.
func (f *runFlags) registerMaintainers(fs *pflag.FlagSet) {
	fs.StringVar(&f.maintainers, "maintainers", "", "group html and digest output by the entries of this MAINTAINERS `FILE` (default: the one at the source root)")
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
	// site is the destination of --format html, a directory.
	site *htmlreport.Dest
	// known holds the baseline's findings for the formats that mark
	// them rather than leave them out (html, digest).
	known *baseline.Set
	// mf is the --maintainers file, read before the run.
	mf     *maintainers.File
	mfPath string
}

// formatNames are the output formats: report's, and the HTML site.
func formatNames() []string {
	return slices.Sorted(slices.Values(append(report.Formats(), "html")))
}

// marksBaseline tells the formats that show a baseline's findings as
// known instead of leaving them out.
func marksBaseline(format string) bool { return format == "html" || format == "digest" }

// open checks the flags and prepares the run, before any analysis: a bad
// flag, rule, baseline or destination is reported at once.
func (f *runFlags) open(cmd *cobra.Command) (*session, error) {
	s := &session{format: f.format, stdout: cmd.OutOrStdout(), stderr: cmd.ErrOrStderr(), allowFailures: f.allowFailures}
	if f.format != "html" {
		if _, err := report.NewFormat(f.format, report.FormatOptions{}); err != nil {
			return nil, fmt.Errorf("--format: unknown format %q (want %s)", f.format, strings.Join(formatNames(), ", "))
		}
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
	if f.model != "" {
		m, ok := rules.ParseModel(f.model)
		if !ok {
			return nil, fmt.Errorf("unknown --model %q (want classic, rt or both)", f.model)
		}
		s.opt.Model = m
	}
	var err error
	if s.opt.Rules, err = pipeline.SelectRules(f.enable, f.disable); err != nil {
		return nil, err
	}
	if f.baseline != "" {
		if s.opt.Baseline, err = baseline.Load(f.baseline); err != nil {
			return nil, err
		}
		if marksBaseline(f.format) {
			s.known, s.opt.Baseline = s.opt.Baseline, nil
		}
	}
	if f.maintainers != "" {
		if s.mf, err = maintainers.Load(f.maintainers); err != nil {
			return nil, err
		}
		s.mfPath = f.maintainers
	}
	s.opt.Jobs, s.opt.SrcRoot, s.opt.Log = f.jobs, f.srcroot, s.stderr
	memlimit.ForJobs(f.jobs)
	s.opt.FactsDir, s.opt.NoFacts = f.facts, f.noFacts
	output := f.output
	if f.format == "html" {
		if s.site, err = htmlreport.Create(f.output); err != nil {
			return nil, err
		}
		output = "" // the site is written by Dest; nothing goes to stdout
	}
	if s.out, err = pipeline.OpenOutput(output, s.stdout); err != nil {
		s.site.Abandon()
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

// abandon drops the destination's temporary file or directory.
func (s *session) abandon() {
	s.out.Abandon()
	s.site.Abandon()
}

// toFile tells whether the report goes to a file or directory, not stdout.
func (s *session) toFile() bool { return s.out.IsFile() || s.site != nil }

// write renders the report in the chosen format to the destination.
func (s *session) write(rep *pipeline.Report) error {
	if len(rep.Findings) > report.MaxSARIFResults && s.format == "sarif" {
		fmt.Fprintf(s.stderr, "kpreempt: %s\n", report.TruncatedSARIF(len(rep.Findings)))
	}
	if s.site != nil || s.format == "digest" {
		mf, mfPath := s.findMaintainers(rep.Root)
		var known func(report.Finding) bool
		if s.known != nil {
			known = s.known.Contains
		}
		if s.site != nil {
			return s.site.Write(rep.Result, htmlreport.Options{Maintainers: mf, MaintainersPath: mfPath, Known: known, Generator: "kpreempt " + versionString()})
		}
		s.fo.Digest = report.DigestOptions{Maintainers: mf, MaintainersPath: mfPath, Known: known}
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

// findMaintainers is the --maintainers file, else the MAINTAINERS file
// at the source root; nil without one (findings are then grouped by
// directory). A root's file that cannot be read is said once.
func (s *session) findMaintainers(root string) (*maintainers.File, string) {
	if s.mf != nil {
		return s.mf, s.mfPath
	}
	p := maintainers.Find(root)
	if p == "" {
		return nil, ""
	}
	mf, err := maintainers.Load(p)
	if err != nil {
		fmt.Fprintf(s.stderr, "kpreempt: %v: grouping by directory\n", err)
		return nil, ""
	}
	return mf, p
}

// exit is the run's exit status, as an error. Findings a baseline marks
// known do not count.
func (s *session) exit(rep *pipeline.Report) error {
	if s.known != nil {
		res := *rep.Result
		res.Findings = nil
		for _, f := range rep.Findings {
			if !s.known.Contains(f) {
				res.Findings = append(res.Findings, f)
			}
		}
		cp := *rep
		cp.Result = &res
		rep = &cp
	}
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
