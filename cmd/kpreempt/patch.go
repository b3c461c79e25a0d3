package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/urfave/cli/v2"

	"github.com/kpreempt/kpreempt/changes"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/report"
)

// patchCommand is the checkpatch companion: it checks the C files a patch
// touches and reports findings on the lines the patch adds, in
// checkpatch.pl's format. As a b4 per-patch check (b4 prep --check) it
// reads the patch on stdin and, with --terse, prints one line per finding.
func patchCommand() *cli.Command {
	flags := append(analysisFlags("checkpatch"),
		&cli.BoolFlag{Name: "apply", Usage: "apply the patch to copies held in memory before checking (default: the tree already has it applied); the tree is never changed"},
		&cli.BoolFlag{Name: "terse", Usage: "one line per finding"},
		&cli.BoolFlag{Name: "emacs", Usage: "prefix each finding with PATCH:LINE: for editors"},
		&cli.BoolFlag{Name: "showfile", Usage: "prefix each finding with FILE:LINE: instead of a #LINE: FILE: line"},
		&cli.BoolFlag{Name: "no-summary", Usage: "no total: line"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no verdict; print nothing when clean"},
	)
	return &cli.Command{
		Name:      "patch",
		Usage:     "check the lines a patch adds, in checkpatch's format (b4 prep --check)",
		ArgsUsage: "[FILE.patch|-]...",
		Description: `Reads unified diffs, git diff or git format-patch output (one patch or a
series in an mbox; - or no argument: standard input), checks the C files they
touch in the current directory (or -C DIR), a kernel tree or any checkout of C
files, and reports the findings on lines the patch adds. The tree must have the
patch applied, or give --apply to check patched copies held in memory.
Exit status: 0 clean, 1 findings, 2 error.`,
		Flags:  flags,
		Action: runPatch,
	}
}

func runPatch(c *cli.Context) error {
	a, err := newAnalysis(c)
	if err != nil {
		return err
	}
	a.cp = report.CheckpatchOptions{
		Terse: c.Bool("terse"), Emacs: c.Bool("emacs"), ShowFile: c.Bool("showfile"),
		NoSummary: c.Bool("no-summary"), Quiet: c.Bool("quiet"),
	}
	inputs := c.Args().Slice()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	if len(inputs) > 1 && a.output != "" {
		return fmt.Errorf("-o takes one patch; give a series as one mbox file")
	}
	root := c.String("directory")
	if root == "" {
		root = "."
	}
	if root, err = filepath.Abs(root); err != nil {
		return err
	}
	worst := 0
	for _, in := range inputs {
		set, err := readPatch(c.App.Reader, in)
		if err != nil {
			return err
		}
		res, analysed := checkChanges(a, root, set, c.Bool("apply"))
		a.cp.Name, a.cp.Lines = in, set.Lines
		if err := a.write(res); err != nil {
			return err
		}
		if err, ok := exitStatus(res, analysed).(exitError); ok && int(err) > worst {
			worst = int(err)
		}
	}
	if worst != 0 {
		return exitError(worst)
	}
	return nil
}

func readPatch(stdin io.Reader, name string) (*changes.Set, error) {
	if name == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		return changes.Parse("<stdin>", stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return changes.Parse(name, f)
}

// checkChanges checks the C files the patches change, found under root.
// With apply, each file is the tree's version with its patches applied in
// series order, held in memory; without, the tree's file, which should
// have them.
func checkChanges(a *analysis, root string, set *changes.Set, apply bool) (*report.Result, int) {
	var vs []*changedFile
	var failed []report.FailedFile
	for _, chain := range set.Files() {
		first, last := chain[0], chain[len(chain)-1]
		if last.IsDelete || last.IsBinary || !isC(last.Name) {
			continue
		}
		v, err := changedVersion(root, chain, apply)
		if err != nil {
			failed = append(failed, report.FailedFile{File: last.Name, Error: oneLine(err.Error())})
			continue
		}
		if !significant(v.added) && significant(first.Added) {
			failed = append(failed, report.FailedFile{File: last.Name, Error: fmt.Sprintf("%s: has none of the lines the patch adds (is it applied? --apply checks a patched copy)", last.Name)})
			continue
		}
		vs = append(vs, v)
	}
	return checkChangedFiles(a, root, vs, failed)
}

// changedVersion is a file after the patches of chain (each a change of
// the same file, in series order), with their added lines found in it and,
// when it can be known, the file before them.
func changedVersion(root string, chain []*changes.File, apply bool) (*changedFile, error) {
	first, last := chain[0], chain[len(chain)-1]
	v := &changedFile{File: last, abs: filepath.Join(root, filepath.FromSlash(last.Name)), added: map[int]changes.Line{}}
	var now []byte
	var err error
	if apply {
		if !first.IsNew {
			if v.old, err = os.ReadFile(filepath.Join(root, filepath.FromSlash(first.OldName))); err != nil {
				return nil, fmt.Errorf("%s: cannot apply the patch: %v", first.OldName, pathErr(err))
			}
		}
		now = v.old
		for _, f := range chain {
			if now, err = f.Apply(now); err != nil {
				return nil, err
			}
		}
		v.content, v.hasOld = now, true
	} else if now, err = os.ReadFile(v.abs); err != nil {
		return nil, fmt.Errorf("%s: %v (is the patch applied? --apply checks a patched copy)", last.Name, pathErr(err))
	}
	// Every patch's added lines, found in the final version: the last
	// patch's are where it says; earlier ones may have moved.
	for _, f := range chain {
		for n, l := range f.Relocate(now) {
			v.added[n] = l
		}
	}
	// Without --apply, the version before the series is known when the
	// tree has exactly what the patches made: the patches revert, last
	// first (reverting checks every context and added line).
	if !apply {
		old := now
		for i := len(chain) - 1; i >= 0 && err == nil; i-- {
			old, err = chain[i].Revert(old)
		}
		if err == nil {
			v.old, v.hasOld = old, true
			if first.IsNew {
				v.old = nil
			}
		}
	}
	return v, nil
}

// changedFile is a C file a patch or diff changes.
type changedFile struct {
	*changes.File
	abs     string
	content []byte               // the changed version; nil: the file on disk
	added   map[int]changes.Line // added lines, by line number in the changed version
	old     []byte               // the version before the change (nil for a new file)
	hasOld  bool                 // whether old is known
}

// significant reports whether lines has a line with a letter or digit in
// it: braces and blank lines match anywhere and prove nothing.
func significant(lines map[int]changes.Line) bool {
	for _, l := range lines {
		if strings.IndexFunc(l.Text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			return true
		}
	}
	return false
}

func isC(name string) bool { return strings.HasSuffix(name, ".c") || strings.HasSuffix(name, ".h") }

// checkChangedFiles checks the changed versions of the .c files and keeps
// the findings on added lines, and the findings in changed files that
// their versions before the change did not have (a removed
// preempt_disable() makes unchanged lines below it unsafe).
func checkChangedFiles(a *analysis, root string, vs []*changedFile, failed []report.FailedFile) (*report.Result, int) {
	tree, _ := kbuild.FindTree(root)
	unit := func(v *changedFile) *kbuild.Unit {
		var u *kbuild.Unit
		if tree != nil {
			u = tree.Unit(v.abs)
		} else {
			u = kbuild.Standalone(v.abs)
		}
		u.Display = v.Name
		return u
	}
	byPath := map[string]*changedFile{}
	now := map[string][]byte{}
	before := map[string][]byte{}
	var units, oldUnits []*kbuild.Unit
	for _, v := range vs {
		byPath[v.abs] = v
		if v.content != nil {
			now[v.abs] = v.content
			a.sources.Set(v.abs, v.content)
		}
		if !strings.HasSuffix(v.Name, ".c") {
			continue
		}
		units = append(units, unit(v))
		if v.hasOld && !v.IsNew {
			before[v.abs] = v.old
			oldUnits = append(oldUnits, unit(v))
		}
	}
	a.source = func(u *kbuild.Unit) []byte { return now[u.File] }
	res, analysed := a.run(units, failed, false)

	// The same files before the change, quietly: their failures are not
	// the change's.
	old := map[string]bool{}
	if len(oldUnits) > 0 {
		q := *a
		q.stderr, q.baseline, q.sources = io.Discard, nil, report.NewSources()
		for p, b := range before {
			q.sources.Set(p, b)
		}
		q.source = func(u *kbuild.Unit) []byte { return before[u.File] }
		prev, _ := q.run(oldUnits, nil, false)
		for _, f := range prev.Findings {
			old[f.Fingerprint] = true
		}
	}

	// A header finding that several units report is kept once.
	seen := map[string]bool{}
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		key := fmt.Sprintf("%s:%d:%d:%s:%s", f.File, f.Line, f.Column, f.Rule, f.Message)
		if seen[key] {
			continue
		}
		f.Patch = addedLine(byPath, f.Path, f.File, f.Line)
		for i := 0; f.Patch == nil && i < len(f.Trace); i++ {
			f.Patch = addedLine(byPath, f.Trace[i].Path, f.Trace[i].File, f.Trace[i].Line)
		}
		if f.Patch == nil {
			abs, _ := filepath.Abs(f.Path)
			v := byPath[abs]
			if v == nil || !v.hasOld || old[f.Fingerprint] {
				continue
			}
			f.Patch = contextLine(v, f, a.sources)
		}
		seen[key] = true
		kept = append(kept, f)
	}
	res.Findings = kept
	return res, analysed
}

// addedLine is the patch line of an added line, nil if line is not one.
func addedLine(byPath map[string]*changedFile, path, display string, line int) *report.PatchLine {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	if v := byPath[abs]; v != nil {
		if l, ok := v.added[line]; ok {
			return &report.PatchLine{Line: l.PatchLine, Text: l.Text, File: display, FileLine: line}
		}
	}
	return nil
}

// contextLine places a finding on an unchanged line in the patch: at the
// line itself when the patch shows it as context, else at the header of
// the nearest hunk above it, which made the line unsafe.
func contextLine(v *changedFile, f report.Finding, src *report.Sources) *report.PatchLine {
	text, _ := src.Line(f.Path, f.Line)
	p := &report.PatchLine{Text: text, File: f.File, FileLine: f.Line, Context: true}
	if l, ok := v.Context[f.Line]; ok {
		p.Line = l.PatchLine
		return p
	}
	for _, h := range v.Hunks {
		if h.First <= f.Line || p.Line == 0 {
			p.Line = h.PatchLine
		}
	}
	return p
}

func pathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
