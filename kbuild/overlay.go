package kbuild

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"time"
)

// Overlay holds files in memory that a unit's preprocessing reads in
// place of the disk's, by absolute path: a patched header, or a patched
// .c file that the unit includes (kernel/locking/rtmutex_api.c includes
// rtmutex.c).
type Overlay map[string][]byte

// Open serves a file of the overlay; any other name is not found, and the
// preprocessor falls back to the file system.
func (o Overlay) Open(name string) (fs.File, error) {
	b, ok := o[filepath.Clean(filepath.FromSlash(name))]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &memFile{Reader: bytes.NewReader(b), info: memInfo{name: filepath.Base(name), size: int64(len(b))}}, nil
}

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// layers tries each file system in turn.
type layers []fs.FS

func (l layers) Open(name string) (fs.File, error) {
	for _, f := range l {
		if r, err := f.Open(name); err == nil {
			return r, nil
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// FS is what the unit's preprocessing reads before the disk: its overlay,
// then the stub headers of a standalone file; nil for neither.
func (u *Unit) FS() fs.FS {
	switch {
	case u.Overlay != nil && u.Stubs:
		return layers{u.Overlay, StubFS()}
	case u.Overlay != nil:
		return u.Overlay
	case u.Stubs:
		return StubFS()
	}
	return nil
}
