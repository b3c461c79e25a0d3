package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fatih/color"
	"github.com/mattn/go-isatty"
	"github.com/urfave/cli/v2"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check C files and directories",
		ArgsUsage: "[PATH...]",
		Description: `Checks every .c file named, and every .c file under the directories named
(default: the current directory). Files outside a kernel tree are checked as
standalone snippets against kpreempt's built-in stub headers.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: text or json"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the report to `FILE` (written whole, or not at all)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "files checked in parallel (default: number of CPUs)"},
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour text output: auto, always or never (auto honours NO_COLOR and is off when not a terminal)"},
			&cli.StringSliceFlag{Name: "rule", Usage: "run only rule `ID` (repeatable)"},
			&cli.StringFlag{Name: "directory", Aliases: []string{"C"}, Usage: "the kernel tree to work in (default: the one containing the paths, or the current directory)"},
		},
		Action: runCheck,
	}
}

func runCheck(c *cli.Context) error {
	format := c.String("format")
	if format != "text" && format != "json" {
		return fmt.Errorf("unknown --format %q (want text or json)", format)
	}
	colorMode := c.String("color")
	if colorMode != "auto" && colorMode != "always" && colorMode != "never" {
		return fmt.Errorf("unknown --color %q (want auto, always or never)", colorMode)
	}
	selected := rules.All()
	if ids := c.StringSlice("rule"); len(ids) > 0 {
		selected = nil
		for _, id := range ids {
			r := rules.ByID(id)
			if r == nil {
				return fmt.Errorf("unknown rule %q (see kpreempt rules)", id)
			}
			selected = append(selected, r)
		}
	}
	stderr := c.App.ErrWriter
	start := time.Now()

	res := report.New()
	units, failed, err := unitsFor(c.String("directory"), c.Args().Slice())
	if err != nil {
		return err
	}
	for _, m := range failed {
		fmt.Fprintf(stderr, "kpreempt: %s\n", m.Error)
		res.Stats.FailedFiles = append(res.Stats.FailedFiles, m)
	}
	progress := newProgress(stderr, len(units), format == "text" || c.String("output") != "")
	results := driver.Run(units, driver.Options{Jobs: c.Int("jobs"), Rules: selected, Done: progress.done})
	progress.finish()
	analysed := 0
	for _, r := range results {
		if r.Err != nil {
			msg := oneLine(r.Err.Error())
			var pe *cparse.Error
			if errors.As(r.Err, &pe) {
				msg = oneLine(pe.Msg)
			}
			fmt.Fprintf(stderr, "kpreempt: %s: %s\n", r.Unit.Display, msg)
			res.Stats.FailedFiles = append(res.Stats.FailedFiles, report.FailedFile{File: r.Unit.Display, Error: msg})
			continue
		}
		analysed++
		res.Stats.Functions += r.Functions
		u := r.Unit
		res.Add(r.Diags, func(file string) string {
			if file == u.File {
				return u.Display
			}
			return filepath.ToSlash(file)
		})
	}
	res.Stats.Files = analysed
	res.Stats.Seconds = float64(time.Since(start).Milliseconds()) / 1000

	useColor := colorMode == "always" || colorMode == "auto" && c.String("output") == "" && !color.NoColor && isTerminal(c.App.Writer)
	write := func(w io.Writer) error {
		if format == "json" {
			return report.JSON(w, res)
		}
		return report.Text(w, res, report.TextOptions{Color: useColor})
	}
	if out := c.String("output"); out != "" {
		if err := writeFileAtomic(out, write); err != nil {
			return err
		}
	} else if err := write(c.App.Writer); err != nil {
		return err
	}
	if isTerminal(stderr) && format == "text" {
		fmt.Fprintf(stderr, "kpreempt: %d finding(s); %d file(s) checked, %d failed, %d function(s), %.2fs\n",
			len(res.Findings), analysed, len(res.Stats.FailedFiles), res.Stats.Functions, res.Stats.Seconds)
	}
	switch {
	case analysed == 0 && len(res.Stats.FailedFiles) > 0:
		return exitError(2)
	case analysed == 0:
		fmt.Fprintln(stderr, "kpreempt: no .c files found")
		return exitError(2)
	case len(res.Findings) > 0:
		return exitError(1)
	}
	return nil
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
