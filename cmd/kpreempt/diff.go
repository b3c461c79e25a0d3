package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/kpreempt/kpreempt/changes"
)

// diffCommand checks what a commit would change: the staged changes
// (--cached, the pre-commit hook's mode) or the working tree, against HEAD
// or REV. It reads the repository with git's plumbing and never writes to
// it: no index refresh, no stash, no checkout.
func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "check the changes of a git working tree or index (the pre-commit check)",
		ArgsUsage: "[REV]",
		Description: `Checks the C files that differ from REV (default HEAD): the working tree's
versions, or with --cached the staged ones (what git commit would record). It
reports the findings on changed lines, and the findings in changed files that
the REV version of the file does not have (a removed preempt_disable() makes
the unchanged lines below it unsafe). Nothing in the repository is modified.
Exit status: 0 clean, 1 findings, 2 error.`,
		Flags: append(analysisFlags("text"),
			&cli.BoolFlag{Name: "cached", Aliases: []string{"staged"}, Usage: "check the staged changes (the index) instead of the working tree"},
		),
		Action: runDiff,
	}
}

func runDiff(c *cli.Context) error {
	a, err := newAnalysis(c)
	if err != nil {
		return err
	}
	if c.NArg() > 1 {
		return fmt.Errorf("diff takes at most one revision")
	}
	dir := c.String("directory")
	if dir == "" {
		dir = "."
	}
	repo, err := openRepo(dir)
	if err != nil {
		return err
	}
	rev := c.Args().First()
	if rev == "" {
		rev = "HEAD"
		if !repo.hasCommit(rev) {
			rev = emptyTree // before the first commit everything is new
		}
	} else if !repo.hasCommit(rev) {
		return fmt.Errorf("%s: unknown revision", rev)
	}
	cached := c.Bool("cached")
	args := []string{"diff-index", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-renames", "--diff-filter=AM"}
	if cached {
		args = append(args, "--cached")
	}
	out, err := repo.git(append(args, rev, "--")...)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(out)) == 0 {
		return nil // nothing changed
	}
	set, err := changes.Parse("git diff-index", bytes.NewReader(out))
	if err != nil {
		return err
	}
	var vs []*changedFile
	for _, chain := range set.Files() {
		f := chain[0] // one diff: one change per file
		if !isC(f.Name) {
			continue
		}
		v := &changedFile{File: f, abs: filepath.Join(repo.top, filepath.FromSlash(f.Name)), added: f.Added, hasOld: true}
		if cached { // the staged version, not the file on disk
			if v.content, err = repo.git("cat-file", "blob", ":"+f.Name); err != nil {
				return err
			}
		}
		if !f.IsNew {
			if v.old, err = repo.git("cat-file", "blob", rev+":"+f.Name); err != nil {
				return err
			}
		}
		vs = append(vs, v)
	}
	now, analysedNow := checkChangedFiles(a, repo.top, vs, nil)
	a.cp.Name, a.cp.Lines = "git diff-index", set.Lines
	if err := a.write(now); err != nil {
		return err
	}
	if len(now.Findings) > 0 && isTerminal(a.stderr) && a.format == "text" {
		fmt.Fprintln(a.stderr, "kpreempt: to commit anyway: git commit --no-verify")
	}
	return exitStatus(now, analysedNow)
}

// emptyTree is git's empty tree object, the base before a first commit.
const emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

// repo runs read-only git commands in a repository.
type repo struct{ top string }

func openRepo(dir string) (*repo, error) {
	r := &repo{top: dir}
	out, err := r.git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not in a git working tree", dir)
	}
	r.top = strings.TrimSpace(string(out))
	return r, nil
}

func (r *repo) hasCommit(rev string) bool {
	_, err := r.git("rev-parse", "--verify", "--quiet", rev+"^{commit}")
	return err == nil
}

// git runs a git command that does not write: optional locks (index
// refreshes) are off, and the user's pager, colour and diff drivers are
// not used.
func (r *repo) git(args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"--no-optional-locks", "--no-pager"}, args...)...)
	cmd.Dir = r.top
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git %s: %s", args[0], oneLine(strings.TrimSpace(stderr.String())))
		}
		return nil, fmt.Errorf("git: %v", err)
	}
	return out, nil
}
