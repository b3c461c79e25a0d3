package kbuild

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
)

// Define is one -D or -U from a command line, kept in order.
type Define struct {
	Name  string
	Value string // the text after '=', "1" for a bare -DNAME
	Undef bool   // -UNAME
}

// Unit is one translation unit to check: a .c file and how to preprocess it.
type Unit struct {
	File    string // the .c file, absolute or relative to the working directory
	Display string // the name reports use: relative to the tree root when there is one

	Dir         string   // the directory the compiler ran in (the tree root for kbuild)
	QuoteDirs   []string // -iquote: searched for "file" includes only
	IncludeDirs []string // -I
	SystemDirs  []string // -isystem and the stub directory
	AfterDirs   []string // -idirafter
	Defines     []Define
	Includes    []string // -include, in order
	NoStdInc    bool     // -nostdinc: no host system headers

	// Compiler is the compiler the command named ("gcc" when unknown), and
	// CompilerFlags the flags that change its predefined macros (-m, -f,
	// -O, -std=).
	Compiler      string
	CompilerFlags []string

	// Stubs is set when includes resolve against the embedded stub headers
	// (a file outside any kernel tree).
	Stubs bool

	// Overlay, if set, holds files read in place of the disk's. Facts
	// made through one describe no file on disk, and are not stored.
	Overlay Overlay `json:"-"`
}

// StubDir is the directory name under which the embedded stub headers are
// served to the preprocessor. It names no real directory.
const StubDir = "/__kpreempt_stubs__"

// umbrella is the stub every unknown kernel header resolves to.
const umbrella = "kpreempt/all.h"

// Standalone returns the Unit for a file checked outside a kernel tree.
func Standalone(file string) *Unit {
	return &Unit{
		File:        file,
		Display:     filepath.ToSlash(filepath.Clean(file)),
		IncludeDirs: []string{filepath.Dir(file)},
		SystemDirs:  []string{StubDir},
		Defines:     []Define{{Name: "__KERNEL__", Value: "1"}},
		Stubs:       true,
	}
}

// StubFS serves the stub headers at StubDir for the preprocessor. A header
// under StubDir that no stub provides is answered with the umbrella stub, so
// a snippet may include any kernel header; every other name is not found,
// and the caller falls back to the host file system.
func StubFS() fs.FS { return theStubFS }

// theStubFS is one value for the whole process, so that the preprocessor's
// cache, which keys files by file system, shares stub headers across units.
var theStubFS fs.FS = stubFS{Stubs()}

type stubFS struct{ root fs.FS }

func (s stubFS) Open(name string) (fs.File, error) {
	rel, ok := strings.CutPrefix(filepath.ToSlash(name), StubDir+"/")
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	rel = filepath.ToSlash(filepath.Clean(rel))
	f, err := s.root.Open(rel)
	if errors.Is(err, fs.ErrNotExist) && strings.HasSuffix(rel, ".h") {
		return s.root.Open(umbrella)
	}
	return f, err
}
