package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"
)

// hookMarker identifies a pre-commit hook kpreempt wrote, so that it can
// be updated or removed without touching anyone else's.
const hookMarker = "# kpreempt pre-commit hook"

func hookCommand() *cli.Command {
	return &cli.Command{
		Name:  "hook",
		Usage: "install or remove the git pre-commit hook",
		Subcommands: []*cli.Command{
			{
				Name:  "install",
				Usage: "write .git/hooks/pre-commit to run kpreempt diff --cached before each commit",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "force", Usage: "replace a pre-commit hook that kpreempt did not write"},
					&cli.StringFlag{Name: "exec", Usage: "the kpreempt `PATH` the hook runs (default: this executable)"},
					&cli.StringFlag{Name: "directory", Aliases: []string{"C"}, Usage: "the repository (default: the current directory)"},
				},
				Action: runHookInstall,
			},
			{
				Name:  "uninstall",
				Usage: "remove the pre-commit hook if kpreempt wrote it",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "directory", Aliases: []string{"C"}, Usage: "the repository (default: the current directory)"},
				},
				Action: runHookUninstall,
			},
		},
	}
}

// hookPath is where git looks for the pre-commit hook (core.hooksPath
// included).
func hookPath(c *cli.Context) (string, error) {
	dir := c.String("directory")
	if dir == "" {
		dir = "."
	}
	r, err := openRepo(dir)
	if err != nil {
		return "", err
	}
	out, err := r.git("rev-parse", "--git-path", "hooks/pre-commit")
	if err != nil {
		return "", err
	}
	p := strings.TrimSpace(string(out))
	if !filepath.IsAbs(p) {
		p = filepath.Join(r.top, p)
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

func runHookInstall(c *cli.Context) error {
	path, err := hookPath(c)
	if err != nil {
		return err
	}
	exe := c.String("exec")
	if exe == "" {
		if exe, err = os.Executable(); err != nil {
			return fmt.Errorf("cannot tell where kpreempt is (%v); give --exec PATH", err)
		}
	}
	if old, err := os.ReadFile(path); err == nil && !bytes.Contains(old, []byte(hookMarker)) && !c.Bool("force") {
		return fmt.Errorf("%s exists and was not written by kpreempt; add kpreempt diff --cached to it, or replace it with --force", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	err = writeFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write([]byte(hookScript(exe)))
		return err
	})
	if err != nil {
		return err
	}
	if err := os.Chmod(path, 0o755); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "kpreempt: installed %s\nkpreempt: it runs %s diff --cached before each commit; to commit anyway: git commit --no-verify\n", path, exe)
	return nil
}

func runHookUninstall(c *cli.Context) error {
	path, err := hookPath(c)
	if err != nil {
		return err
	}
	old, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		fmt.Fprintf(c.App.Writer, "kpreempt: no pre-commit hook at %s\n", path)
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
	fmt.Fprintf(c.App.Writer, "kpreempt: removed %s\n", path)
	return nil
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
