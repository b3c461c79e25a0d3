package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kpreempt/kpreempt/pipeline"
)

// hookMarker identifies a pre-commit hook kpreempt wrote, so that it can
// be updated or removed without touching anyone else's.
const hookMarker = "# kpreempt pre-commit hook"

func hookCommand() *cobra.Command {
	var dir, exe string
	var force bool
	install := &cobra.Command{
		Use:   "install",
		Short: "write the pre-commit hook: kpreempt diff --cached before each commit",
		Args:  noOperands,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runHookInstall(cmd.OutOrStdout(), dir, exe, force)
		},
	}
	install.Flags().BoolVar(&force, "force", false, "replace a pre-commit hook that kpreempt did not write")
	install.Flags().StringVar(&exe, "exec", "", "the kpreempt `PATH` the hook runs (default: this executable)")
	install.Flags().StringVarP(&dir, "directory", "C", "", "the repository (default: the current directory)")
	uninstall := &cobra.Command{
		Use:   "uninstall",
		Short: "remove the pre-commit hook if kpreempt wrote it",
		Args:  noOperands,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runHookUninstall(cmd.OutOrStdout(), dir)
		},
	}
	uninstall.Flags().StringVarP(&dir, "directory", "C", "", "the repository (default: the current directory)")
	cmd := &cobra.Command{
		Use:   "hook install|uninstall",
		Short: "install or remove the git pre-commit hook",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(install, uninstall)
	return cmd
}

// hookPath is where git looks for the pre-commit hook (core.hooksPath
// included).
func hookPath(dir string) (string, error) {
	if dir == "" {
		dir = "."
	}
	c := exec.Command("git", "rev-parse", "--show-toplevel", "--git-path", "hooks/pre-commit")
	c.Dir = dir
	out, err := c.Output()
	if err != nil {
		return "", fmt.Errorf("%s is not in a git working tree", dir)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return "", fmt.Errorf("git rev-parse: unexpected output %q", out)
	}
	p := lines[1]
	if !filepath.IsAbs(p) {
		p = filepath.Join(lines[0], p)
	}
	return p, nil
}

func hookScript(exe string) string {
	return `#!/bin/sh
` + hookMarker + ` (kpreempt hook install; remove with kpreempt hook uninstall).
# Checks the staged C changes for preemption bugs. To commit anyway:
#   git commit --no-verify
exec ` + shellQuote(exe) + ` diff --cached --color=auto
`
}

func runHookInstall(stdout io.Writer, dir, exe string, force bool) error {
	path, err := hookPath(dir)
	if err != nil {
		return err
	}
	if exe == "" {
		if exe, err = os.Executable(); err != nil {
			return fmt.Errorf("cannot tell where kpreempt is (%v); give --exec PATH", err)
		}
	}
	if old, err := os.ReadFile(path); err == nil && !bytes.Contains(old, []byte(hookMarker)) && !force {
		return fmt.Errorf("%s exists and was not written by kpreempt; add kpreempt diff --cached to it, or replace it with --force", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	out, err := pipeline.OpenOutput(path, nil)
	if err != nil {
		return err
	}
	defer out.Abandon()
	if err := out.Write(func(w io.Writer) error { _, err := io.WriteString(w, hookScript(exe)); return err }); err != nil {
		return err
	}
	if err := os.Chmod(path, 0o755); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "kpreempt: installed %s\nkpreempt: it runs %s diff --cached before each commit; to commit anyway: git commit --no-verify\n", path, exe)
	return nil
}

func runHookUninstall(stdout io.Writer, dir string) error {
	path, err := hookPath(dir)
	if err != nil {
		return err
	}
	old, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		fmt.Fprintf(stdout, "kpreempt: no pre-commit hook at %s\n", path)
		return nil
	}
	if err != nil {
		return err
	}
	if !bytes.Contains(old, []byte(hookMarker)) {
		return fmt.Errorf("%s was not written by kpreempt; left as it is", path)
	}
	if err := os.Remove(path); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "kpreempt: removed %s\n", path)
	return nil
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
