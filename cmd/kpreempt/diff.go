package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kpreempt/kpreempt/pipeline"
)

// diffCommand checks what a commit would change: the staged changes
// (--cached, the pre-commit hook's mode) or the working tree, against HEAD
// or REV. It reads the repository with git's plumbing and never writes to
// it: no index refresh, no stash, no checkout.
func diffCommand() *cobra.Command {
	var f runFlags
	var cached bool
	cmd := &cobra.Command{
		Use:   "diff [flags] [REV]",
		Short: "check the changes of a git working tree or index (the pre-commit check)",
		Long: `Checks the C files that differ from REV (default HEAD): the working tree's
versions, or with --cached the staged ones (what git commit would record). It
reports the findings on changed lines, and the findings in changed files that
the REV version of the file does not have (a removed preempt_disable() makes
the unchanged lines below it unsafe). Nothing in the repository is modified.
Exit status: 0 clean, 1 findings, 2 error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := f.open(cmd)
			if err != nil {
				return err
			}
			defer s.abandon()
			rev := ""
			if len(args) > 0 {
				rev = args[0]
			}
			rep, set, err := pipeline.Diff(s.opt, pipeline.DiffOptions{Dir: f.dir, Rev: rev, Cached: cached})
			if err != nil {
				return err
			}
			s.fo.Checkpatch.Name, s.fo.Checkpatch.Lines = "git diff-index", set.Lines
			err = s.finish(rep)
			if len(rep.Findings) > 0 && cached && s.format == "text" {
				// The pre-commit hook's run: say what happened to the commit.
				fmt.Fprintln(s.stderr, "kpreempt: commit refused: the staged changes have the findings above; fix them, or commit anyway with: git commit --no-verify")
			}
			return err
		},
	}
	f.register(cmd.Flags(), "text")
	cmd.Flags().BoolVar(&cached, "cached", false, "check the staged changes (the index) instead of the working tree")
	cmd.Flags().BoolVar(&cached, "staged", false, "as --cached")
	return cmd
}
