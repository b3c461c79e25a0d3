package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/fatih/color"
	"github.com/urfave/cli/v2"

	"github.com/kpreempt/kpreempt/baseline"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
	"github.com/kpreempt/kpreempt/suppress"
)

// The flags check, patch and diff share.
func analysisFlags(defaultFormat string) []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Value: defaultFormat, Usage: "output format: text, json, sarif or checkpatch"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `FILE` (written whole, or not at all)"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "files checked in parallel (default: number of CPUs)"},
		&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour text output: auto, always or never (auto honours NO_COLOR and is off when not a terminal)"},
		&cli.StringSliceFlag{Name: "enable", Aliases: []string{"rule"}, Usage: "run only rule `ID` (repeatable)"},
		&cli.StringSliceFlag{Name: "disable", Usage: "do not run rule `ID` (repeatable)"},
		&cli.StringFlag{Name: "baseline", Usage: "report only findings not in `FILE`, an earlier JSON or SARIF report"},
		&cli.StringFlag{Name: "directory", Aliases: []string{"C"}, Usage: "the kernel tree to work in (default: the one containing the paths, or the current directory)"},
	}
}

var formats = []string{"text", "json", "sarif", "checkpatch"}

// analysis is a configured run: which rules, which baseline, how to show it.
type analysis struct {
	format   string
	color    bool
	rules    []*rules.Rule
	jobs     int
	baseline *baseline.Set
	output   string
	stdout   io.Writer
	stderr   io.Writer
	sources  *report.Sources
	// source gives patched contents of units (nil: files on disk); the
	// caller puts the same contents in sources.
	source func(*kbuild.Unit) []byte
	// checkpatch output settings (patch and --format checkpatch).
	cp report.CheckpatchOptions
}

func newAnalysis(c *cli.Context) (*analysis, error) {
	a := &analysis{
		format: c.String("format"), jobs: c.Int("jobs"), output: c.String("output"),
		stdout: c.App.Writer, stderr: c.App.ErrWriter, sources: report.NewSources(),
	}
	if !contains(formats, a.format) {
		return nil, fmt.Errorf("unknown --format %q (want %s)", a.format, strings.Join(formats, ", "))
	}
	mode := c.String("color")
	if mode != "auto" && mode != "always" && mode != "never" {
		return nil, fmt.Errorf("unknown --color %q (want auto, always or never)", mode)
	}
	a.color = mode == "always" || mode == "auto" && a.output == "" && !color.NoColor && isTerminal(a.stdout)
	var err error
	if a.rules, err = selectRules(c.StringSlice("enable"), c.StringSlice("disable")); err != nil {
		return nil, err
	}
	if f := c.String("baseline"); f != "" {
		if a.baseline, err = baseline.Load(f); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// selectRules applies --enable (only these) and then --disable.
func selectRules(enable, disable []string) ([]*rules.Rule, error) {
	for _, id := range append(append([]string(nil), enable...), disable...) {
		if rules.ByID(id) == nil {
			return nil, fmt.Errorf("unknown rule %q (see kpreempt rules)", id)
		}
	}
	var out []*rules.Rule
	for _, r := range rules.All() {
		if (len(enable) == 0 || contains(enable, r.ID)) && !contains(disable, r.ID) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("--enable and --disable leave no rule to run")
	}
	return out, nil
}

// run checks the units and returns the report: fingerprints set,
// suppressions applied, baseline findings removed. Files that could not be
// analysed are listed in the report and on stderr. analysed is how many
// units were.
func (a *analysis) run(units []*kbuild.Unit, failed []report.FailedFile, showProgress bool) (res *report.Result, analysed int) {
	start := time.Now()
	res = report.New()
	for _, m := range failed {
		fmt.Fprintf(a.stderr, "kpreempt: %s\n", m.Error)
		res.Stats.FailedFiles = append(res.Stats.FailedFiles, m)
	}
	progress := newProgress(a.stderr, len(units), showProgress)
	results := driver.Run(units, driver.Options{Jobs: a.jobs, Rules: a.rules, Done: progress.done, Source: a.source})
	progress.finish()
	var files []suppress.File
	for _, r := range results {
		if r.Err != nil {
			msg := oneLine(r.Err.Error())
			var pe *cparse.Error
			if errors.As(r.Err, &pe) {
				msg = oneLine(pe.Msg)
			}
			fmt.Fprintf(a.stderr, "kpreempt: %s: %s\n", r.Unit.Display, msg)
			res.Stats.FailedFiles = append(res.Stats.FailedFiles, report.FailedFile{File: r.Unit.Display, Error: msg})
			continue
		}
		analysed++
		res.Stats.Functions += r.Functions
		u := r.Unit
		files = append(files, suppress.File{Path: u.File, Display: u.Display})
		res.Add(r.Diags, func(file string) string {
			if file == u.File {
				return u.Display
			}
			return filepath.ToSlash(file)
		})
	}
	suppress.Apply(res, files, a.sources)
	res.Fingerprint(a.sources)
	if a.baseline != nil {
		a.baseline.Filter(res)
	}
	res.Stats.Files = analysed
	res.Stats.Seconds = float64(time.Since(start).Milliseconds()) / 1000
	return res, analysed
}

// write renders the report in the chosen format to -o FILE or stdout.
func (a *analysis) write(res *report.Result) error {
	render := func(w io.Writer) error {
		switch a.format {
		case "json":
			return report.JSON(w, res)
		case "sarif":
			return report.SARIF(w, res, report.SARIFOptions{Rules: rules.Known(), Version: version, Sources: a.sources})
		case "checkpatch":
			return report.Checkpatch(w, res, a.sources, a.cp)
		}
		return report.Text(w, res, report.TextOptions{Color: a.color, Sources: a.sources})
	}
	if a.output != "" {
		return writeFileAtomic(a.output, render)
	}
	return render(a.stdout)
}

// exit is the exit status: 2 when nothing could be analysed, 1 with
// findings, else 0.
func exitStatus(res *report.Result, analysed int) error {
	switch {
	case analysed == 0 && len(res.Stats.FailedFiles) > 0:
		return exitError(2)
	case len(res.Findings) > 0:
		return exitError(1)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
