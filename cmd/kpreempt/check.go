package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/report"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check C files and directories",
		ArgsUsage: "[PATH...]",
		Description: `Checks every .c file named, and every .c file under the directories named
(default: the current directory). Files outside a kernel tree are checked as
standalone snippets against kpreempt's built-in stub headers.`,
		Flags:  analysisFlags("text"),
		Action: runCheck,
	}
}

func runCheck(c *cli.Context) error {
	a, err := newAnalysis(c)
	if err != nil {
		return err
	}
	units, failed, err := unitsFor(c.String("directory"), c.Args().Slice())
	if err != nil {
		return err
	}
	res, analysed := a.run(units, failed, a.format == "text" || a.output != "")
	a.cp.FileMode = true
	if a.format == "checkpatch" {
		for _, u := range units {
			a.cp.Lines += bytes.Count(a.sources.Content(u.File), []byte("\n"))
		}
	}
	if err := a.write(res); err != nil {
		return err
	}
	if isTerminal(a.stderr) && a.format == "text" {
		fmt.Fprintf(a.stderr, "kpreempt: %d finding(s); %d file(s) checked, %d failed, %d function(s), %.2fs\n",
			len(res.Findings), analysed, len(res.Stats.FailedFiles), res.Stats.Functions, res.Stats.Seconds)
	}
	if analysed == 0 && len(res.Stats.FailedFiles) == 0 {
		fmt.Fprintln(a.stderr, "kpreempt: no .c files found")
		return exitError(2)
	}
	return exitStatus(res, analysed)
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// unitsFor decides how the named paths are checked. Inside a configured
// kernel tree (the one given with -C, or the one containing the first path
// or the current directory), files come from its compile_commands.json or
// are derived from its configuration; outside any tree, each file is a
// standalone snippet checked against the stub headers.
func unitsFor(dir string, paths []string) ([]*kbuild.Unit, []report.FailedFile, error) {
	where := dir
	if where == "" {
		where = "."
		if len(paths) > 0 {
			where = paths[0]
		}
	}
	tree, err := kbuild.FindTree(where)
	if err != nil {
		return nil, nil, err
	}
	if tree == nil {
		if dir != "" {
			return nil, nil, fmt.Errorf("%s is not in a Linux source tree (-C names the top of a configured kernel tree)", dir)
		}
		if len(paths) == 0 {
			paths = []string{"."}
		}
		files, failed := collect(paths)
		units := make([]*kbuild.Unit, len(files))
		for i, f := range files {
			units[i] = kbuild.Standalone(f)
		}
		return units, failed, nil
	}
	if dir != "" && len(paths) > 0 {
		// Paths given with -C are relative to the tree, as in make -C.
		for i, p := range paths {
			if !filepath.IsAbs(p) {
				paths[i] = filepath.Join(tree.Root, p)
			}
		}
	}
	var failed []report.FailedFile
	var present []string
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			failed = append(failed, report.FailedFile{File: filepath.ToSlash(p), Error: p + ": no such file or directory"})
			continue
		}
		present = append(present, p)
	}
	if len(paths) > 0 && len(present) == 0 {
		return nil, failed, nil
	}
	files, err := tree.Files(present)
	if err != nil {
		return nil, nil, err
	}
	units := make([]*kbuild.Unit, len(files))
	for i, f := range files {
		units[i] = tree.Unit(f)
	}
	return units, failed, nil
}

// collect expands the paths into the .c files to check, in a stable order:
// named files as given, directories walked in lexical order.
func collect(paths []string) (files []string, failed []report.FailedFile) {
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			msg := err.Error()
			if pe, ok := err.(*fs.PathError); ok {
				msg = pe.Err.Error()
			}
			failed = append(failed, report.FailedFile{File: filepath.ToSlash(p), Error: p + ": " + msg})
			continue
		}
		if !fi.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, report.FailedFile{File: filepath.ToSlash(path), Error: path + ": " + err.Error()})
				return nil
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(path, ".c") {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			failed = append(failed, report.FailedFile{File: filepath.ToSlash(p), Error: p + ": " + err.Error()})
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, failed
}

// writeFileAtomic writes a report next to its destination and renames it
// into place, so that a failed run never leaves a half-written file.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename this finds nothing
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	return nil
}
