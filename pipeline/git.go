package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// repo runs read-only git commands in a repository: optional locks
// (index refreshes) are off, and the user's pager, colour and diff
// drivers are not used. Nothing kpreempt runs through it writes to the
// repository.
type repo struct{ top string }

// openRepo finds the repository dir belongs to.
func openRepo(dir string) (*repo, error) {
	out, err := (&repo{top: dir}).git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not in a git working tree", dir)
	}
	return &repo{top: strings.TrimSpace(string(out))}, nil
}

// gitTop is the top of the working tree holding dir, "" when there is
// none (or no git).
func gitTop(dir string) string {
	if _, err := exec.LookPath("git"); err != nil {
		return ""
	}
	r, err := openRepo(dir)
	if err != nil {
		return ""
	}
	return r.top
}

func (r *repo) hasCommit(rev string) bool {
	_, err := r.git("rev-parse", "--verify", "--quiet", rev+"^{commit}")
	return err == nil
}

// blob returns the contents of the blob an abbreviated object id names,
// and whether the repository has it (exactly one such blob).
func (r *repo) blob(id string) ([]byte, bool) {
	if id == "" || strings.Trim(id, "0") == "" {
		return nil, false
	}
	full, err := r.git("rev-parse", "--verify", "--quiet", id+"^{blob}")
	if err != nil {
		return nil, false
	}
	b, err := r.git("cat-file", "blob", strings.TrimSpace(string(full)))
	return b, err == nil
}

// emptyTree is git's empty tree object, the base before a first commit.
const emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

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
			return nil, fmt.Errorf("git %s: %s", args[0], firstLine(strings.TrimSpace(stderr.String())))
		}
		return nil, fmt.Errorf("git: %v", err)
	}
	return out, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
