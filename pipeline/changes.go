package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/kpreempt/kpreempt/changes"
	"github.com/kpreempt/kpreempt/internal/boundedio"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/report"
)

// version is one C file as a change leaves it, with where the change's
// lines are in it and, when known, the file before the change.
type version struct {
	name    string // tree-relative path, as the change names it
	abs     string // where the file lives in the tree
	key     string // its content's name in the report's sources
	content []byte // nil: the file on disk
	added   map[int]changes.Line
	context map[int]changes.Line
	hunks   []changes.Range
	old     []byte // the file before the change (nil for a new file)
	hasOld  bool   // whether old is known
	isNew   bool
}

// PatchOptions say where and how a patch is checked.
type PatchOptions struct {
	// Dir is the tree or checkout the patch applies to; "" is the
	// current directory. Patch paths are relative to its git top level
	// (or its kernel tree's root, or Dir itself).
	Dir string
	// Apply checks copies of the files with the patch applied in memory;
	// without it the tree must have the patch applied. Either way, when
	// the repository holds the blobs a git patch names ("index a..b"),
	// those are checked: the patch's own before and after.
	Apply bool
}

// Patch checks the C files a patch or series changes and keeps the
// findings on lines it adds, and the findings in the files it changes
// that their versions before it did not have (a removed
// preempt_disable() makes unchanged lines below it unsafe). Each
// finding carries its line in the patch. A patch that does not match
// the tree is a failed file, "is it applied?".
func Patch(opt Options, set *changes.Set, po PatchOptions) (*Report, error) {
	start := time.Now()
	dir := po.Dir
	if dir == "" {
		dir = "."
	}
	dir = absPath(dir)
	top := gitTop(dir)
	var r *repo
	if top != "" {
		r = &repo{top: top}
	}
	base := dir
	tree, _ := kbuild.FindTree(dir)
	switch {
	case top != "":
		base = realDir(top)
	case tree != nil:
		base = realDir(tree.Root)
	}
	var vs []*version
	var failed []report.FailedFile
	var chains [][]*changes.File
	chainOf := map[string]int{}
	for _, p := range set.Patches {
		for _, f := range p.Files {
			if f.IsDelete || f.IsBinary || !isC(f.Name) {
				continue
			}
			if v := blobVersion(r, base, f); v != nil {
				vs = append(vs, v)
				continue
			}
			// Without the blobs, the changes of one file in a series are
			// followed through the tree's copy together.
			if i, ok := chainOf[f.Name]; ok {
				chains[i] = append(chains[i], f)
				continue
			}
			chainOf[f.Name] = len(chains)
			chains = append(chains, []*changes.File{f})
		}
	}
	for _, chain := range chains {
		v, err := treeVersion(base, chain, po.Apply)
		if err != nil {
			failed = append(failed, report.FailedFile{File: chain[len(chain)-1].Name, Error: firstLine(err.Error())})
			continue
		}
		vs = append(vs, v)
	}
	root, err := changeRoot(opt.SrcRoot, base, tree)
	if err != nil {
		return nil, err
	}
	rep := checkVersions(opt, root, tree, vs, failed)
	rep.Stats.Seconds = float64(time.Since(start).Milliseconds()) / 1000
	return rep, nil
}

// changeRoot is the source root of a patch or diff run: the base its
// paths are relative to, unless --srcroot says otherwise.
func changeRoot(explicit, base string, tree *kbuild.Tree) (string, error) {
	if explicit == "" {
		return base, nil
	}
	return sourceRoot(explicit, []string{base}, tree)
}

// blobVersion is the patched file as the repository holds it, when it
// has the blob the patch names as the result: exactly the patch's own
// after (and before), whatever later patches of a series did to the
// tree. Its lines are numbered as the patch numbers them.
func blobVersion(r *repo, base string, f *changes.File) *version {
	if r == nil || f.NewBlob == "" {
		return nil
	}
	content, ok := r.blob(f.NewBlob)
	if !ok {
		return nil
	}
	v := &version{
		name: f.Name, abs: filepath.Join(base, filepath.FromSlash(f.Name)),
		content: content, added: f.Added, context: f.Context, hunks: f.Hunks,
		isNew: f.IsNew,
	}
	v.key = v.abs + "@" + f.NewBlob
	if f.IsNew {
		v.hasOld = true
	} else if old, ok := r.blob(f.OldBlob); ok {
		v.old, v.hasOld = old, true
	}
	return v
}

// treeVersion is a file after the patches of chain (each a change of the
// same file, in series order), with their added lines found in it and,
// when it can be known, the file before them. With apply, the patches are
// applied in order to the tree's copy; without, the tree's copy must have
// them: every hunk of the last one is found in it, else the patch is
// reported as not applied.
func treeVersion(base string, chain []*changes.File, apply bool) (*version, error) {
	first, last := chain[0], chain[len(chain)-1]
	for _, f := range chain {
		for _, name := range []string{f.OldName, f.Name} {
			if err := inTree(base, name); err != nil {
				return nil, err
			}
		}
	}
	v := &version{name: last.Name, abs: filepath.Join(base, filepath.FromSlash(last.Name)),
		added: map[int]changes.Line{}, context: last.Context, hunks: last.Hunks,
		isNew: first.IsNew}
	v.key = v.abs
	var now []byte
	var err error
	if apply {
		if !first.IsNew {
			if v.old, err = readBounded(filepath.Join(base, filepath.FromSlash(first.OldName))); err != nil {
				return nil, fmt.Errorf("%s: cannot apply the patch: %v", report.QuotePath(first.OldName), err)
			}
		}
		now = v.old
		for _, f := range chain {
			if now, err = f.Apply(now); err != nil {
				return nil, err
			}
		}
		v.content, v.hasOld = now, true
		v.key = v.abs + "@patched"
	} else {
		if now, err = readBounded(v.abs); err != nil {
			return nil, fmt.Errorf("%s: %v (is the patch applied? --apply checks a patched copy)", report.QuotePath(last.Name), err)
		}
		if h, missing := last.MissingHunk(now); missing {
			return nil, fmt.Errorf("%s: does not have the lines of the hunk at line %d (is it applied? --apply checks a patched copy)", report.QuotePath(last.Name), h.First)
		}
		v.content = now
		v.context, v.hunks = last.Moved(now)
	}
	// Every patch's added lines, found in the final version: the last
	// patch's are where it says; earlier ones may have moved.
	for _, f := range chain {
		for n, l := range f.Relocate(now) {
			v.added[n] = l
		}
	}
	if !significant(v.added) && significant(first.Added) {
		return nil, fmt.Errorf("%s: has none of the lines the patch adds (is it applied? --apply checks a patched copy)", report.QuotePath(last.Name))
	}
	// Without apply, the version before the series is known when the
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

// inTree refuses a patch path that goes through a symbolic link in the
// tree, as git apply does ("beyond a symbolic link"): the file read would
// be outside the tree.
func inTree(base, name string) error {
	if name == "" {
		return nil
	}
	p := base
	for _, c := range strings.Split(name, "/") {
		p = filepath.Join(p, c)
		if fi, err := os.Lstat(p); err == nil && fi.Mode()&os.ModeSymlink != 0 {
			return fmt.Errorf("%s: is beyond a symbolic link in the tree (git apply refuses it too)", report.QuotePath(name))
		}
	}
	return nil
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

// checkVersions checks the changed versions of the .c files and keeps the
// findings on added lines, and the findings in changed files that their
// versions before the change did not have.
func checkVersions(opt Options, root string, tree *kbuild.Tree, vs []*version, failed []report.FailedFile) *Report {
	unit := func(abs string) *kbuild.Unit {
		if tree != nil {
			return tree.Unit(abs)
		}
		return kbuild.Standalone(abs)
	}
	now := &Targets{Root: root, Failed: failed, Tree: tree}
	before := &Targets{Root: root, Tree: tree}
	byKey := map[string]*version{}
	for _, v := range vs {
		byKey[v.key] = v
		if !strings.HasSuffix(v.name, ".c") {
			continue
		}
		now.Items = append(now.Items, Target{Unit: unit(v.abs), Content: v.content, Key: v.key})
		if v.hasOld && !v.isNew {
			// The file before the change is named as after it, so that a
			// renamed file's findings keep their fingerprints.
			before.Items = append(before.Items, Target{Unit: unit(v.abs), Content: orEmpty(v.old), Key: v.key + "@before"})
		}
	}
	rep := analyse(opt, now)
	finishWithoutBaseline(opt, rep)

	// The same files before the change, quietly: their failures are not
	// the change's. Each version is compared with its own before: in a
	// series, a later patch's before holds what an earlier one did.
	type versionFinding struct{ key, fingerprint string }
	old := map[versionFinding]bool{}
	if len(before.Items) > 0 {
		quiet := opt
		quiet.Log, quiet.Done, quiet.Baseline = nil, nil, nil
		prev := analyse(quiet, before)
		finishWithoutBaseline(quiet, prev)
		for _, f := range prev.Findings {
			old[versionFinding{strings.TrimSuffix(f.Path, "@before"), f.Fingerprint}] = true
		}
	}
	kept := rep.Findings[:0]
	for _, f := range rep.Findings {
		f.Patch = addedLine(byKey, f.Path, f.File, f.Line)
		for i := 0; f.Patch == nil && i < len(f.Trace); i++ {
			f.Patch = addedLine(byKey, f.Trace[i].Path, f.Trace[i].File, f.Trace[i].Line)
		}
		if f.Patch == nil {
			v := byKey[f.Path]
			if v == nil || !v.hasOld || old[versionFinding{f.Path, f.Fingerprint}] {
				continue
			}
			f.Patch = contextLine(v, f, rep.Sources)
		}
		kept = append(kept, f)
	}
	rep.Findings = kept
	if opt.Baseline != nil {
		opt.Baseline.Filter(rep.Result)
	}
	return rep
}

// finishWithoutBaseline applies suppressions and fingerprints: the
// baseline is applied to what the change is left with.
func finishWithoutBaseline(opt Options, r *Report) {
	opt.Baseline = nil
	finish(opt, r)
}

func orEmpty(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// addedLine is the patch line of an added line, nil if line is not one.
func addedLine(byKey map[string]*version, key, display string, line int) *report.PatchLine {
	if v := byKey[key]; v != nil {
		if l, ok := v.added[line]; ok {
			return &report.PatchLine{Line: l.PatchLine, Text: l.Text, File: display, FileLine: line}
		}
	}
	return nil
}

// contextLine places a finding on an unchanged line in the patch: at the
// line itself when the patch shows it as context, else at the header of
// the nearest hunk above it, which made the line unsafe.
func contextLine(v *version, f report.Finding, src *report.Sources) *report.PatchLine {
	text, _ := src.Line(f.Path, f.Line)
	p := &report.PatchLine{Text: text, File: f.File, FileLine: f.Line, Context: true}
	if l, ok := v.context[f.Line]; ok {
		p.Line = l.PatchLine
		return p
	}
	for _, h := range v.hunks {
		if h.First <= f.Line || p.Line == 0 {
			p.Line = h.PatchLine
		}
	}
	return p
}

// DiffOptions say what a diff run compares.
type DiffOptions struct {
	Dir    string // inside the repository; "" is the current directory
	Rev    string // the revision to compare with; "" is HEAD (or nothing before a first commit)
	Cached bool   // the index, not the working tree
}

// Diff checks what a commit would change: the staged changes (Cached,
// the pre-commit hook's mode) or the working tree, against a revision.
// It reads the repository with git's plumbing and never writes to it.
// The lines set.Lines counts are those of the diff it compared.
func Diff(opt Options, do DiffOptions) (*Report, *changes.Set, error) {
	start := time.Now()
	dir := do.Dir
	if dir == "" {
		dir = "."
	}
	r, err := openRepo(dir)
	if err != nil {
		return nil, nil, err
	}
	rev := do.Rev
	if rev == "" {
		rev = "HEAD"
		if !r.hasCommit(rev) {
			rev = emptyTree // before the first commit everything is new
		}
	} else if !r.hasCommit(rev) {
		return nil, nil, fmt.Errorf("%s: unknown revision", rev)
	}
	args := []string{"diff-index", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-renames", "--diff-filter=AM"}
	if do.Cached {
		args = append(args, "--cached")
	}
	out, err := r.git(append(args, rev, "--")...)
	if err != nil {
		return nil, nil, err
	}
	top := realDir(r.top)
	tree, _ := kbuild.FindTree(top)
	root, err := changeRoot(opt.SrcRoot, top, tree)
	if err != nil {
		return nil, nil, err
	}
	if len(bytes.TrimSpace(out)) == 0 {
		rep := &Report{Result: report.New()}
		rep.Root, rep.Sources = root, report.NewSources()
		return rep, &changes.Set{}, nil
	}
	set, err := changes.Parse("git diff-index", bytes.NewReader(out))
	if err != nil {
		return nil, nil, err
	}
	var vs []*version
	for _, chain := range set.Files() {
		f := chain[0] // one diff: one change per file
		if !isC(f.Name) {
			continue
		}
		v := &version{name: f.Name, abs: filepath.Join(top, filepath.FromSlash(f.Name)), added: f.Added,
			context: f.Context, hunks: f.Hunks, hasOld: true, isNew: f.IsNew}
		v.key = v.abs
		if do.Cached { // the staged version, not the file on disk
			if v.content, err = r.git("cat-file", "blob", ":"+f.Name); err != nil {
				return nil, nil, err
			}
			v.key = v.abs + "@index"
		}
		if !f.IsNew {
			if v.old, err = r.git("cat-file", "blob", rev+":"+f.Name); err != nil {
				return nil, nil, err
			}
		}
		vs = append(vs, v)
	}
	rep := checkVersions(opt, root, tree, vs, nil)
	rep.Stats.Seconds = float64(time.Since(start).Milliseconds()) / 1000
	return rep, set, nil
}

// readBounded reads a regular file of the tree.
func readBounded(path string) ([]byte, error) {
	b, err := boundedio.ReadFile(path, boundedio.SourceLimit)
	if pe, ok := err.(*os.PathError); ok {
		return nil, pe.Err
	}
	return b, err
}
