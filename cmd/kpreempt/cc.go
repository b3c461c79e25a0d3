package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

// ccCommand is kbuild's checker hook: make C=1 CHECK="kpreempt cc" runs
// $(CHECK) $(CHECKFLAGS) $(c_flags) file.c from the top of the tree for
// every C file it compiles (C=2: every file). Findings go to stderr in gcc's
// format, as sparse's do; the build goes on unless --fail is given.
func ccCommand() *cli.Command {
	return &cli.Command{
		Name:      "cc",
		Usage:     "check one file from a compiler command line (kbuild: make C=1 CHECK=\"kpreempt cc\")",
		ArgsUsage: "[--fail] [COMPILER FLAGS...] FILE.c",
		Description: `Takes the arguments kbuild passes to a checker (sparse's: -D, -I, -include, -m64,
--arch=x86, -Wbitwise, ...), checks the file they name, and prints findings on
stderr. Exit status 0, unless --fail is the first argument and there are findings
(1) or the file could not be analysed (2).`,
		SkipFlagParsing: true,
		Action:          runCC,
	}
}

func runCC(c *cli.Context) error {
	args := c.Args().Slice()
	fail := false
	if len(args) > 0 && args[0] == "--fail" {
		fail, args = true, args[1:]
	}
	stderr := c.App.ErrWriter
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	u, err := kbuild.FromCommand(args, cwd, "")
	if err != nil {
		fmt.Fprintf(stderr, "kpreempt cc: %v\n", err)
		return exitIf(fail, 2)
	}
	u.Display = u.File
	if tree, err := kbuild.FindTree(u.File); err == nil && tree != nil {
		u.Display = tree.Rel(u.File)
	} else if tree == nil {
		// Outside any tree the file is a snippet: the stubs stand in for
		// the kernel headers, after the command line's own directories.
		u.SystemDirs = append(u.SystemDirs, kbuild.StubDir)
		u.Stubs = true
	}
	r := driver.Check(u, rules.All())
	if r.Err != nil {
		fmt.Fprintf(stderr, "kpreempt: %s: %s\n", u.Display, oneLine(errorMessage(r.Err)))
		return exitIf(fail, 2)
	}
	res := report.New()
	res.Add(r.Diags, func(file string) string {
		if file == u.File {
			return u.Display
		}
		return file
	})
	if err := report.Text(stderr, res, report.TextOptions{Color: isTerminal(stderr) && os.Getenv("NO_COLOR") == ""}); err != nil {
		return err
	}
	if len(res.Findings) > 0 {
		return exitIf(fail, 1)
	}
	return nil
}

func exitIf(fail bool, code int) error {
	if fail {
		return exitError(code)
	}
	return nil
}

func errorMessage(err error) string {
	s := err.Error()
	if i := strings.Index(s, ": "); i >= 0 && strings.HasSuffix(s[:i], ".c") {
		return s[i+2:]
	}
	return s
}
