package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kpreempt/kpreempt/changes"
	"github.com/kpreempt/kpreempt/pipeline"
	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

// patchFlags are checkpatch.pl's options as b4 and kernel developers pass
// them; those that mean something for kpreempt's findings apply, the
// others are accepted and ignored (scripts/checkpatch.pl's GetOptions).
type patchFlags struct {
	runFlags
	apply, terse, emacs, showfile, showTypes, noSummary, mailback, summaryFile, noColor bool
	quiet                                                                               int
	types, ignore                                                                       []string
	root, testOnly                                                                      string
}

func patchCommand() *cobra.Command {
	var f patchFlags
	cmd := &cobra.Command{
		Use:   "patch [flags] [FILE.patch|-]...",
		Short: "check the lines a patch adds, in checkpatch's format (b4 prep --check)",
		Long: `Reads unified diffs, git diff or git format-patch output (one patch or a
series in an mbox; - or no argument: standard input), checks the C files they
touch in the current directory (or -C DIR), a kernel tree or any checkout of C
files, and reports the findings on lines the patch adds and on lines it made
unsafe, in checkpatch.pl's format. When the repository holds the blobs a git
patch names ("index a..b"), the patch's own before and after are checked,
whatever else the tree holds; otherwise the tree must have the patch applied,
or --apply checks patched copies held in memory. checkpatch.pl's options are
accepted: --terse, --emacs, --showfile, --show-types, -q, --no-summary,
--mailback, --summary-file, --types and --ignore (KPREEMPT_<RULE> types),
--color; the others (--strict, --no-tree, --codespell, --max-line-length=N,
...) are accepted and ignored.

Exit status: 0 clean, 1 findings, 2 error (a malformed patch, or one the tree
does not have: "is it applied?").`,
		RunE: func(cmd *cobra.Command, args []string) error { return runPatch(cmd, &f, args) },
	}
	fs := cmd.Flags()
	f.register(fs, "checkpatch")
	fs.BoolVar(&f.apply, "apply", false, "apply the patch to copies held in memory before checking (default: the tree has it applied); the tree is never changed")
	fs.BoolVar(&f.terse, "terse", false, "one line per finding (implies --emacs and -q)")
	fs.BoolVar(&f.emacs, "emacs", false, "prefix each finding with PATCH:LINE: for editors")
	fs.BoolVar(&f.showfile, "showfile", false, "prefix each finding with FILE:LINE: instead of a #LINE: FILE: line")
	fs.BoolVar(&f.showTypes, "show-types", false, "show each finding's type (KPREEMPT_<RULE>)")
	fs.BoolVar(&f.noSummary, "no-summary", false, "no total: line")
	fs.BoolVar(&f.mailback, "mailback", false, "print nothing when clean")
	fs.BoolVar(&f.summaryFile, "summary-file", false, "the patch's name before the total: line")
	fs.CountVarP(&f.quiet, "quiet", "q", "no verdict (twice: nothing else either when clean)")
	fs.StringSliceVar(&f.types, "types", nil, "report only these `TYPE`s (KPREEMPT_<RULE>, comma-separated)")
	fs.StringSliceVar(&f.ignore, "ignore", nil, "do not report these `TYPE`s (KPREEMPT_<RULE>, comma-separated)")
	fs.StringVar(&f.root, "root", "", "the kernel tree (as -C)")
	fs.StringVar(&f.testOnly, "test-only", "", "report only findings whose message contains `WORD`")
	fs.BoolVar(&f.noColor, "no-color", false, "as --color=never")
	fs.BoolVar(&f.noColor, "nocolor", false, "as --color=never")
	var ignored struct {
		b   bool
		i   int
		s   string
		kvs []string
	}
	for _, name := range []string{"strict", "subjective", "no-tree", "tree", "codespell", "no-signoff", "signoff",
		"no-fixes-tag", "fixes-tag", "patch", "no-patch", "fix", "fix-inplace", "ignore-perl-version", "list-types", "verbose", "summary"} {
		fs.BoolVar(&ignored.b, name, false, "")
		_ = fs.MarkHidden(name)
	}
	for _, name := range []string{"max-line-length", "min-conf-desc-length", "tab-size"} {
		fs.IntVar(&ignored.i, name, 0, "")
		_ = fs.MarkHidden(name)
	}
	for _, name := range []string{"codespellfile", "typedefsfile", "kconfig-prefix"} {
		fs.StringVar(&ignored.s, name, "", "")
		_ = fs.MarkHidden(name)
	}
	fs.StringSliceVar(&ignored.kvs, "debug", nil, "")
	_ = fs.MarkHidden("debug")
	fs.Lookup("verbose").Shorthand = "v"
	return cmd
}

func runPatch(cmd *cobra.Command, f *patchFlags, inputs []string) error {
	if f.root != "" && f.dir == "" {
		f.dir = f.root
	}
	if f.noColor {
		f.color = "never"
	}
	selected, err := f.selectTypes()
	if err != nil {
		return err
	}
	s, err := f.open(cmd)
	if err != nil {
		return err
	}
	defer s.abandon()
	if selected != nil {
		s.opt.Rules = selected
	}
	// b4 counts every stderr line as a failure: a tree without facts
	// yet is not the patch's.
	s.opt.NoFactsWarning = true
	s.fo.Checkpatch = report.CheckpatchOptions{
		Terse: f.terse, Emacs: f.emacs, ShowFile: f.showfile, ShowTypes: f.showTypes,
		NoSummary: f.noSummary, SummaryFile: f.summaryFile, Quiet: f.quiet, Mailback: f.mailback, Color: s.color,
	}
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	if len(inputs) > 1 && s.toFile() {
		return fmt.Errorf("-o takes one patch; give a series as one mbox file")
	}
	worst := 0
	for _, in := range inputs {
		set, err := readPatch(cmd.InOrStdin(), in)
		if err != nil {
			return err
		}
		var rep *pipeline.Report
		if len(s.opt.Rules) == 0 { // --types named none of kpreempt's
			rep = &pipeline.Report{Result: report.New()}
		} else if rep, err = pipeline.Patch(s.opt, set, pipeline.PatchOptions{Dir: f.dir, Apply: f.apply}); err != nil {
			return err
		}
		if f.testOnly != "" {
			kept := rep.Findings[:0]
			for _, x := range rep.Findings {
				if strings.Contains(x.Message, f.testOnly) {
					kept = append(kept, x)
				}
			}
			rep.Findings = kept
		}
		s.fo.Checkpatch.Name, s.fo.Checkpatch.Lines = in, set.Lines
		if len(set.Patches) == 1 {
			s.fo.Checkpatch.Subject = set.Patches[0].Subject
		}
		if err := s.write(rep); err != nil {
			return err
		}
		if code := rep.ExitCode(s.allowFailures); code > worst {
			worst = code
		}
	}
	if worst != 0 {
		return exitError(worst)
	}
	return nil
}

// selectTypes maps --types and --ignore onto kpreempt's rules. Types of
// checkpatch's own (SPDX_LICENSE_TAG, ...) name none of them and are
// passed over, so that one option line serves both tools. nil: no change.
func (f *patchFlags) selectTypes() ([]*rules.Rule, error) {
	if len(f.types) == 0 && len(f.ignore) == 0 {
		return nil, nil
	}
	mapped := func(types []string) []string {
		var ids []string
		for _, t := range types {
			if r := rules.ByID(strings.TrimSpace(t)); r != nil {
				ids = append(ids, r.ID)
			}
		}
		return ids
	}
	on, off := mapped(f.types), mapped(f.ignore)
	if len(f.types) > 0 && len(on) == 0 {
		return []*rules.Rule{}, nil // only other tools' types: nothing of ours to report
	}
	return pipeline.SelectRules(append(append([]string(nil), f.enable...), on...), append(append([]string(nil), f.disable...), off...))
}

func readPatch(stdin io.Reader, name string) (*changes.Set, error) {
	if name == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		return changes.Parse("<stdin>", stdin)
	}
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() && fi.Mode()&os.ModeNamedPipe == 0 {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return changes.Parse(name, fh)
}
