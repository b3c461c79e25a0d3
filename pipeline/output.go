package pipeline

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/kpreempt/kpreempt/internal/scratch"
)

// Output is where a report goes: standard output, or a file written whole
// or not at all. It is opened before the analysis, so that a destination
// that cannot be written is reported at once, not after a whole-tree run.
type Output struct {
	name   string    // as the user gave it
	target string    // the file to replace ("" when writing through)
	tmp    *os.File  // the new contents, renamed onto target on Commit
	direct *os.File  // a device or FIFO, written through
	stdout io.Writer // no file named
}

// OpenOutput prepares to write to name, or to stdout when name is "".
// A regular file (or a name not yet taken) is written to a temporary file
// beside it and renamed into place; a symbolic link is followed and its
// target replaced the same way; a device or FIFO (/dev/null, /dev/stdout)
// is written through, never replaced. New files get the mode the umask
// allows; a replaced file keeps its mode.
func OpenOutput(name string, stdout io.Writer) (*Output, error) {
	o := &Output{name: name, stdout: stdout}
	if name == "" {
		return o, nil
	}
	target := name
	if t, err := filepath.EvalSymlinks(name); err == nil {
		target = t
	} else if l, lerr := os.Readlink(name); lerr == nil {
		// A dangling link: create what it points to.
		if !filepath.IsAbs(l) {
			l = filepath.Join(filepath.Dir(name), l)
		}
		target = l
	}
	fi, err := os.Stat(target)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("cannot write %s: it is a directory", name)
	case err == nil && !fi.Mode().IsRegular():
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %v", name, pathErr(err))
		}
		o.direct = f
		return o, nil
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("cannot write %s: %v", name, pathErr(err))
	}
	existed := err == nil
	mode := os.FileMode(0o666) // the umask applies
	if existed {
		mode = fi.Mode().Perm()
	}
	tmp, err := createTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp", mode)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", name, pathErr(err))
	}
	if existed {
		// Keep the replaced file's mode exactly, whatever the umask.
		_ = tmp.Chmod(mode)
	}
	scratch.Track(tmp.Name()) // an interrupted run removes it
	o.target, o.tmp = target, tmp
	return o, nil
}

// createTemp creates a new file next to the destination with the given
// mode (less the umask, as for any file the user's programs create).
func createTemp(dir, prefix string, mode os.FileMode) (*os.File, error) {
	var err error
	for i := 0; i < 100; i++ {
		name := filepath.Join(dir, prefix+strconv.FormatInt(time.Now().UnixNano()+int64(i), 36))
		var f *os.File
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, mode)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
	}
	return nil, err
}

// Write renders into the destination and, for a file, puts it in place.
func (o *Output) Write(render func(io.Writer) error) error {
	switch {
	case o.direct != nil:
		err := render(o.direct)
		if cerr := o.direct.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("cannot write %s: %v", o.name, err)
		}
		return nil
	case o.tmp != nil:
		defer scratch.Remove(o.tmp.Name()) // after a successful rename this finds nothing
		err := render(o.tmp)
		if cerr := o.tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(o.tmp.Name(), o.target)
		}
		if err != nil {
			return fmt.Errorf("cannot write %s: %v", o.name, pathErr(err))
		}
		return nil
	}
	return render(o.stdout)
}

// Abandon drops the destination's temporary file without writing.
func (o *Output) Abandon() {
	if o.tmp != nil {
		o.tmp.Close()
		_ = scratch.Remove(o.tmp.Name())
	}
	if o.direct != nil {
		o.direct.Close()
	}
}

// IsFile reports whether the report goes to a named file.
func (o *Output) IsFile() bool { return o.name != "" }

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
