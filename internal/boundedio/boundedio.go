// Package boundedio reads input files that may be hostile: only regular
// files (after symbolic links are followed) are read, and no more than a
// given size. A FIFO, a terminal or /dev/stdin would block a read forever,
// /dev/zero would fill memory, and merely opening some devices has effects;
// they are refused before they are opened.
package boundedio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// SourceLimit is the size limit for C sources, headers and the other text
// files of a kernel tree: the largest real ones are generated register
// headers of about 24 MB.
const SourceLimit = 64 << 20

// ErrNotRegular is the error for a file that is not a regular file; it is
// wrapped with the file's kind ("named pipe", "character device", ...). A
// directory is reported as syscall.EISDIR instead, as a read would.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is the error for a file larger than the limit asked for.
var ErrTooLarge = errors.New("file too large")

// ReadFile reads the regular file name if it holds at most limit bytes.
// Errors are *fs.PathError.
func ReadFile(name string, limit int64) ([]byte, error) {
	// Stat first: opening a FIFO blocks until it has a writer.
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if err := check(fi, limit); err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	// O_NONBLOCK: should the file have been replaced by a FIFO since, the
	// open does not wait for a writer; the check below refuses it.
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f, name, limit)
}

// ReadFS is ReadFile for a file of fsys. A file system that cannot stat
// a file its ReadFile serves (an in-memory overlay) is trusted with the
// kind of file; its size is still checked.
func ReadFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	fi, err := fs.Stat(fsys, name)
	if rf, ok := fsys.(fs.ReadFileFS); ok && err != nil {
		b, err := rf.ReadFile(name)
		if err == nil && int64(len(b)) > limit {
			return nil, &fs.PathError{Op: "read", Path: name, Err: tooLarge(limit)}
		}
		return b, err
	}
	if err != nil {
		return nil, err
	}
	if err := check(fi, limit); err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f, name, limit)
}

// check refuses what fi describes unless it is a regular file of at most
// limit bytes.
func check(fi fs.FileInfo, limit int64) error {
	m := fi.Mode()
	switch {
	case m.IsDir():
		return syscall.EISDIR
	case !m.IsRegular():
		return fmt.Errorf("%w (%s)", ErrNotRegular, kind(m))
	case fi.Size() > limit:
		return tooLarge(limit)
	}
	return nil
}

func tooLarge(limit int64) error {
	return fmt.Errorf("%w: more than %s", ErrTooLarge, size(limit))
}

// read reads an opened file, checking it again: the name may now be
// another file than the one checked.
func read(f fs.File, name string, limit int64) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if err := check(fi, limit); err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	// The size is a hint only: files in /proc say 0 and may be endless,
	// and a file may grow while it is read.
	b := make([]byte, 0, fi.Size()+1)
	for {
		if int64(len(b)) > limit {
			return nil, &fs.PathError{Op: "read", Path: name, Err: tooLarge(limit)}
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		end := min(int64(cap(b)), limit+1)
		n, err := f.Read(b[len(b):end])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: unwrap(err)}
		}
	}
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "character device"
	case m&fs.ModeDevice != 0:
		return "block device"
	case m&fs.ModeIrregular != 0:
		return "irregular file"
	}
	return m.Type().String()
}

// size spells a limit in the unit that makes it round.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
