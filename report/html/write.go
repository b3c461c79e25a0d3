package html

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/kpreempt/kpreempt/report"
)

// Dest is a site's destination directory, checked and prepared before the
// analysis, so that a destination that cannot be written is refused at
// once, not after a whole-tree run.
type Dest struct {
	name   string // as the user gave it
	target string // the directory to create or replace
	tmp    string // the new site, renamed onto target by Write
	mode   os.FileMode
	exists bool
}

// Create checks that dir may receive a site (it does not exist, or is an
// empty directory, or a site an earlier run wrote) and makes a temporary
// directory beside it. A symbolic link is followed: its target is
// replaced.
func Create(dir string) (*Dest, error) {
	if dir == "" {
		return nil, errors.New("an HTML report is a directory: give it with -o DIR")
	}
	d := &Dest{name: dir, target: dir}
	if t, err := filepath.EvalSymlinks(dir); err == nil {
		d.target = t
	}
	fi, err := os.Stat(d.target)
	switch {
	case err == nil && !fi.IsDir():
		return nil, fmt.Errorf("cannot write %s: it is not a directory", dir)
	case err == nil:
		entries, err := os.ReadDir(d.target)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %v", dir, pathErr(err))
		}
		if len(entries) > 0 {
			if _, err := os.Lstat(filepath.Join(d.target, Marker)); err != nil {
				return nil, fmt.Errorf("cannot write %s: it is not empty and not a kpreempt report (no %s in it); remove it or name another directory", dir, Marker)
			}
		}
		d.exists, d.mode = true, fi.Mode().Perm()
	case !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("cannot write %s: %v", dir, pathErr(err))
	}
	parent := filepath.Dir(filepath.Clean(d.target))
	if pi, err := os.Stat(parent); err != nil || !pi.IsDir() {
		return nil, fmt.Errorf("cannot write %s: no directory %s to hold it", dir, parent)
	}
	tmp, err := mkdirTemp(parent, "."+filepath.Base(filepath.Clean(d.target))+".tmp")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", dir, pathErr(err))
	}
	d.tmp = tmp
	if d.exists {
		_ = os.Chmod(tmp, d.mode) // keep the replaced directory's mode
	}
	return d, nil
}

// mkdirTemp creates a new directory beside the destination with the mode
// the umask allows, as for any directory the user's programs create.
func mkdirTemp(dir, prefix string) (string, error) {
	var err error
	for i := 0; i < 100; i++ {
		name := filepath.Join(dir, prefix+strconv.FormatInt(time.Now().UnixNano()+int64(i), 36))
		if err = os.Mkdir(name, 0o777); err == nil {
			return name, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", err
		}
	}
	return "", err
}

// Write renders the site into the temporary directory and puts it in
// place of the destination: the old site, if any, is replaced whole.
func (d *Dest) Write(r *report.Result, opt Options) error {
	if d.tmp == "" {
		return fmt.Errorf("cannot write %s: already written", d.name)
	}
	defer d.Abandon()
	err := Render(r, opt, func(name string, data []byte) error {
		p := filepath.Join(d.tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o666)
	})
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", d.name, pathErr(err))
	}
	if err := d.replace(); err != nil {
		return fmt.Errorf("cannot write %s: %v", d.name, pathErr(err))
	}
	d.tmp = ""
	return nil
}

// replace renames the new site onto the destination. An existing one is
// moved aside first and removed after: a reader sees the old site or the
// new, never a mix.
func (d *Dest) replace() error {
	if err := os.Rename(d.tmp, d.target); err == nil {
		return nil // the destination did not exist, or was an empty directory
	}
	// Check again: the destination may have been filled since Create.
	if _, err := os.Lstat(filepath.Join(d.target, Marker)); err != nil {
		if entries, rerr := os.ReadDir(d.target); rerr != nil || len(entries) > 0 {
			return fmt.Errorf("it is not empty and not a kpreempt report (no %s in it)", Marker)
		}
	}
	old, err := mkdirTemp(filepath.Dir(d.target), "."+filepath.Base(d.target)+".old")
	if err != nil {
		return err
	}
	if err := os.Rename(d.target, filepath.Join(old, "site")); err != nil {
		os.Remove(old)
		return err
	}
	if err := os.Rename(d.tmp, d.target); err != nil {
		_ = os.Rename(filepath.Join(old, "site"), d.target)
		os.Remove(old)
		return err
	}
	return os.RemoveAll(old)
}

// Abandon removes the temporary directory of a site not written.
func (d *Dest) Abandon() {
	if d != nil && d.tmp != "" {
		os.RemoveAll(d.tmp)
		d.tmp = ""
	}
}

// Name is the destination as the user gave it.
func (d *Dest) Name() string { return d.name }

func pathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Files returns the site's files in memory, by name (for tests and for
// callers that put them elsewhere).
func Files(r *report.Result, opt Options) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := Render(r, opt, func(name string, data []byte) error {
		out[name] = append([]byte(nil), data...)
		return nil
	})
	return out, err
}
