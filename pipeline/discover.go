package pipeline

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/report"
)

// Target is one unit to analyse.
type Target struct {
	Unit *kbuild.Unit
	// Content is the unit's file as it is to be analysed (a patched copy
	// held in memory, a blob of the repository); nil reads the file.
	Content []byte
	// Key is the name its content is known by in the report's sources
	// (two versions of one file in one run need two); "" means Unit.File.
	Key string
}

// Targets is what a run analyses, and what could not even be found.
type Targets struct {
	Root   string // absolute source root (see the package documentation)
	Items  []Target
	Failed []report.FailedFile // named relative to Root
	// Whole is set when Items are every unit of the kernel tree: the
	// program has no caller outside them.
	Whole bool
	// Tree is the kernel tree the units belong to, nil outside one.
	Tree *kbuild.Tree
}

// Discover decides how paths are checked. Inside a configured kernel tree
// (dir, given with -C, or the one holding the first path or the current
// directory), files come from its compile_commands.json or are derived
// from its configuration; outside any tree, each .c file is a standalone
// snippet checked against the stub headers. srcroot is Options.SrcRoot.
func Discover(dir string, paths []string, srcroot string) (*Targets, error) {
	where := dir
	if where == "" {
		where = "."
		if len(paths) > 0 {
			where = paths[0]
		}
	}
	tree, err := kbuild.FindTree(where)
	if err != nil {
		return nil, err
	}
	var files []string
	var failed []missing
	if tree == nil {
		if dir != "" {
			return nil, fmt.Errorf("%s is not in a Linux source tree (-C names the top of a configured kernel tree)", dir)
		}
		if len(paths) == 0 {
			paths = []string{"."}
		}
		files, failed = collect(paths)
	} else {
		if dir != "" {
			// Paths given with -C are relative to the tree, as in make -C.
			for i, p := range paths {
				if !filepath.IsAbs(p) {
					paths[i] = filepath.Join(tree.Root, p)
				}
			}
		}
		var present []string
		for _, p := range paths {
			if msg := checkSource(p, true); msg != "" {
				failed = append(failed, missing{p, msg})
				continue
			}
			present = append(present, p)
		}
		if len(paths) == 0 || len(present) > 0 {
			if files, err = tree.Files(present); err != nil {
				return nil, err
			}
		}
	}
	t := &Targets{Whole: tree != nil && len(paths) == 0, Tree: tree}
	abs := make([]string, len(files))
	for i, f := range files {
		abs[i] = absPath(f)
	}
	named := append([]string(nil), abs...)
	for _, m := range failed {
		named = append(named, absPath(m.path))
	}
	if t.Root, err = sourceRoot(srcroot, named, tree); err != nil {
		return nil, err
	}
	for _, m := range failed {
		name := identity(t.Root, m.path)
		t.Failed = append(t.Failed, report.FailedFile{File: name, Error: name + ": " + m.msg})
	}
	var inTree []*kbuild.Unit
	if tree != nil {
		inTree = tree.Units(files)
	}
	for i := range files {
		u := kbuild.Standalone(abs[i])
		if tree != nil {
			u = inTree[i]
		}
		t.Items = append(t.Items, Target{Unit: u})
	}
	return t, nil
}

// Compiler is the target of a compiler command line, as kbuild passes it
// to $(CHECK): the flags, then the file, relative to dir.
func Compiler(args []string, dir, srcroot string) (*Targets, error) {
	u, err := kbuild.FromCommand(args, dir, "")
	if err != nil {
		return nil, err
	}
	tree, _ := kbuild.FindTree(u.File)
	if tree == nil {
		// Outside any tree the file is a snippet: the stubs stand in for
		// the kernel headers, after the command line's own directories.
		u.SystemDirs = append(u.SystemDirs, kbuild.StubDir)
		u.Stubs = true
	}
	t := &Targets{Items: []Target{{Unit: u}}, Tree: tree}
	if t.Root, err = sourceRoot(srcroot, []string{absPath(u.File)}, tree); err != nil {
		return nil, err
	}
	return t, nil
}

type missing struct{ path, msg string }

// checkSource says why a named path cannot be checked ("" when it can):
// it must exist and be a directory (when dirs) or a regular file. Devices,
// FIFOs and sockets are refused: reading them never ends or never
// blocks.
func checkSource(p string, dirs bool) string {
	fi, err := os.Stat(p)
	switch {
	case err != nil:
		if pe, ok := err.(*fs.PathError); ok {
			return pe.Err.Error()
		}
		return err.Error()
	case fi.IsDir() && dirs, fi.Mode().IsRegular():
		return ""
	}
	return "not a regular file"
}

// collect expands the paths into the .c files to check, in a stable
// order: named files as given, directories walked in lexical order.
func collect(paths []string) (files []string, failed []missing) {
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, p := range paths {
		if msg := checkSource(p, true); msg != "" {
			failed = append(failed, missing{p, msg})
			continue
		}
		if fi, _ := os.Stat(p); !fi.IsDir() {
			add(p)
			continue
		}
		var found []string
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, missing{path, err.Error()})
				return nil
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".c") {
				return nil
			}
			if msg := checkSource(path, false); msg != "" {
				failed = append(failed, missing{path, msg})
				return nil
			}
			found = append(found, path)
			return nil
		})
		if err != nil {
			failed = append(failed, missing{p, err.Error()})
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, failed
}

// Shard keeps the i-th of n shares of the targets (1 <= i <= n), chosen
// by position in their stable order, so that n runs (a CI matrix) check
// every unit once. Facts of the other shares come from the store.
func (t *Targets) Shard(i, n int) error {
	if n < 1 || i < 1 || i > n {
		return fmt.Errorf("--shard %d/%d: want I/N with 1 <= I <= N", i, n)
	}
	var kept []Target
	for k, it := range t.Items {
		if k%n == i-1 {
			kept = append(kept, it)
		}
	}
	t.Items = kept
	if n > 1 {
		t.Whole = false
	}
	return nil
}
