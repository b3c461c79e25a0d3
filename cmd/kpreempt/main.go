// Command kpreempt checks Linux kernel C for code that is unsafe under
// kernel preemption: per-CPU data used where the task may migrate,
// unbalanced preempt_disable()/preempt_enable(), and the other rules of
// Documentation/locking/preempt-locking.rst.
//
// Usage:
//
//	kpreempt check [flags] [PATH...]
//	kpreempt patch [flags] [FILE.patch|-]...
//	kpreempt diff [flags] [REV]
//	kpreempt cc [--fail] COMPILER-FLAGS... FILE.c
//	kpreempt hook install|uninstall
//	kpreempt report FORMAT REPORT.json|REPORT.sarif [-o OUT]
//	kpreempt rules
//	kpreempt explain RULE
//	kpreempt help [COMMAND]
//
// Exit status: 0 no findings, 1 findings, 2 error (bad usage, or files
// that could not be analysed). The commands only map their flags onto the
// run pipeline (package pipeline).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kpreempt/kpreempt/internal/memlimit"
	"github.com/kpreempt/kpreempt/internal/scratch"
	"github.com/kpreempt/kpreempt/pipeline"
)

// version is set at link time (-ldflags "-X main.version=...").
var version = "0.1.0-dev"

// exitError carries an exit status out of a command without printing.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func main() {
	// The collector works to the limit the process runs under (ulimit -v,
	// a container's memory), so that a large unit slows down rather
	// than kills the run.
	memlimit.Set()
	// An interrupted run removes the temporary files it was writing (an
	// output beside its destination, parsed units kept on disk).
	scratch.OnSignal()
	os.Exit(runWithInput(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	return runWithInput(args, os.Stdin, stdout, stderr)
}

// runWithInput runs the command line args (args[0] is the program) with
// the given standard streams and returns the exit status. Errors are one
// line on stderr, never usage text on stdout: b4 and scripts read stdout.
func runWithInput(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	pipeline.Version = versionString()
	root := newRoot(stdin, stdout, stderr)
	root.SetArgs(args[1:])
	err := root.Execute()
	var code exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &code):
		return int(code)
	default:
		msg := strings.TrimSpace(err.Error())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		fmt.Fprintf(stderr, "kpreempt: %s\n", msg)
		return 2
	}
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "kpreempt",
		Short: "check Linux kernel C for preemption-unsafe code",
		Long: `kpreempt checks Linux kernel C against Documentation/locking/preempt-locking.rst:
per-CPU data and CPU ids used where the task can be preempted, FPU sections,
locks released by the path that took them, preempt_disable()/preempt_enable()
nesting, sleeping in atomic context, irqs-off-only regions that reschedule and
missed reschedules.`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("kpreempt {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%s: %v (see kpreempt help %s)", c.Name(), err, c.Name())
	})
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(checkCommand(), summarizeCommand(), patchCommand(), diffCommand(), ccCommand(), hookCommand(),
		reportCommand(), rulesCommand(), explainCommand())
	root.SetHelpCommand(helpCommand(root))
	return root
}

// noArgs refuses operands, naming an unknown command as such.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unknown command %q (see kpreempt help)", args[0])
	}
	return nil
}

// helpCommand prints a command's help; an unknown topic is an error.
func helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "show the help of kpreempt or of one of its commands",
		Args:  cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return fmt.Errorf("no command %q (see kpreempt help)", strings.Join(args, " "))
			}
			return target.Help()
		},
	}
}
