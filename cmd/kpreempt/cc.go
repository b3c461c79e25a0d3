package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/kpreempt/kpreempt/pipeline"
	"github.com/kpreempt/kpreempt/report"
)

// ccCommand is kbuild's checker hook: make C=1 CHECK="kpreempt cc" runs
// $(CHECK) $(CHECKFLAGS) $(c_flags) file.c from the top of the tree for
// every C file it compiles (C=2: every file). Findings go to stderr in gcc's
// format, as sparse's do; the build goes on unless --fail is given.
func ccCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cc [--fail] [COMPILER FLAGS...] FILE.c",
		Short: "check one file from a compiler command line (kbuild: make C=1 CHECK=\"kpreempt cc\")",
		Long: `Takes the arguments kbuild passes to a checker (sparse's: -D, -I, -include, -m64,
--arch=x86, -Wbitwise, ...), checks the file they name, and prints findings on
stderr, suppression comments honoured as by kpreempt check. Exit status 0,
unless --fail is the first argument and there are findings (1) or the file
could not be analysed (2).`,
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && (args[0] == "--help" || args[0] == "-h") {
				return cmd.Help()
			}
			return runCC(cmd.ErrOrStderr(), args)
		},
	}
	return cmd
}

func runCC(stderr io.Writer, args []string) error {
	fail := false
	if len(args) > 0 && args[0] == "--fail" {
		fail, args = true, args[1:]
	}
	exit := func(code int) error {
		if fail {
			return exitError(code)
		}
		return nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	t, err := pipeline.Compiler(args, cwd, "")
	if err != nil {
		fmt.Fprintf(stderr, "kpreempt cc: %v\n", err)
		return exit(2)
	}
	// Each file kbuild compiles adds its facts to the tree's store; the
	// line about missing facts would repeat for every file.
	rep := pipeline.Check(pipeline.Options{Log: stderr, NoFactsWarning: true}, t)
	opt := report.TextOptions{Color: isTerminal(stderr) && os.Getenv("NO_COLOR") == "", Dir: cwd}
	if err := report.Text(stderr, rep.Result, opt); err != nil {
		return err
	}
	return exit(rep.ExitCode(0))
}
