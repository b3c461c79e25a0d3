package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/kpreempt/kpreempt/pipeline"
	"github.com/kpreempt/kpreempt/report/saved"
)

func reportCommand() *cobra.Command {
	var f runFlags
	var root string
	cmd := &cobra.Command{
		Use:   "report FORMAT REPORT",
		Short: "render a saved JSON or SARIF report in another format (html, digest, ...)",
		Long: `Renders a report kpreempt wrote earlier (--format json or sarif) without
analysing anything: as an HTML site (-o DIR: an index that sorts and filters by
rule, directory, MAINTAINERS entry and maintainer, and a page per finding with
its path drawn over the source), as a per-maintainer digest, or in any other
format of kpreempt check.

The source files are read under --root DIR (default: the root a SARIF log
records, else the current directory); MAINTAINERS is the one at that root, or
--maintainers FILE. With --baseline the html and digest formats mark the
findings of an earlier report known, the others leave them out.

Exit status: 0 written, 2 error.`,
		Example: `  kpreempt check --format json -o out.json
  kpreempt report html out.json -o kpreempt-html
  kpreempt report digest out.json --baseline last-release.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("report takes a format and a saved report (kpreempt report html out.json -o DIR)")
			}
			f.format = args[0]
			s, err := f.open(cmd)
			if err != nil {
				return err
			}
			defer s.abandon()
			loaded, err := saved.Load(args[1])
			if err != nil {
				return err
			}
			if root == "" && loaded.Root == "" {
				root, _ = os.Getwd()
			}
			if n := loaded.Resolve(root); n > 0 {
				fmt.Fprintf(s.stderr, "kpreempt: %d of the report's files cannot be read under %s: their source is not shown (give --root DIR)\n", n, loaded.Result.Root)
			}
			rep := &pipeline.Report{Result: loaded.Result}
			if s.opt.Baseline != nil {
				s.opt.Baseline.Filter(rep.Result)
			}
			return s.write(rep)
		},
	}
	fs := cmd.Flags()
	fs.StringVarP(&f.output, "output", "o", "", "write to `FILE` (with html, the site's directory; written whole or not at all)")
	fs.StringVar(&root, "root", "", "read the report's source files under `DIR` (default: a SARIF log's root, else the current directory)")
	fs.StringVar(&f.baseline, "baseline", "", "an earlier JSON or SARIF report `FILE`: html and digest mark its findings known, other formats leave them out")
	f.registerMaintainers(fs)
	fs.StringVar(&f.color, "color", "auto", "colour of text output: auto, always or never")
	fs.Lookup("color").NoOptDefVal = "auto"
	return cmd
}
