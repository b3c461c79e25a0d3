// Command kpreempt checks Linux kernel C for code that is unsafe under
// kernel preemption: per-CPU data used where the task may migrate,
// unbalanced preempt_disable()/preempt_enable(), and the other rules of
// Documentation/locking/preempt-locking.rst.
//
// Usage:
//
//	kpreempt check [--format text|json] [-o FILE] [-j N] [PATH...]
//	kpreempt rules
//	kpreempt explain RULE
//	kpreempt --version
//
// Exit status: 0 no findings, 1 findings, 2 error (nothing could be
// analysed, or bad usage).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

// version is set at link time (-ldflags "-X main.version=...").
var version = "0.1.0-dev"

// exitError carries an exit status out of a command without printing.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	return runWithInput(args, os.Stdin, stdout, stderr)
}

// runWithInput is run with standard input given (kpreempt patch - reads it).
func runWithInput(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	app.Reader = stdin
	err := app.Run(args)
	var code exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &code):
		return int(code)
	default:
		fmt.Fprintf(stderr, "kpreempt: %v\n", err)
		return 2
	}
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "kpreempt",
		Usage:   "check Linux kernel C for preemption-unsafe code",
		Version: versionString(),
		Writer:  stdout, ErrWriter: stderr,
		HideHelpCommand: true,
		Commands: []*cli.Command{
			checkCommand(),
			patchCommand(),
			diffCommand(),
			hookCommand(),
			ccCommand(),
			rulesCommand(),
			explainCommand(),
		},
		// Bad usage is reported by the error path of run with exit 2.
		OnUsageError:   func(_ *cli.Context, err error, _ bool) error { return err },
		ExitErrHandler: func(*cli.Context, error) {},
	}
}
