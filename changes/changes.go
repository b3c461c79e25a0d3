// Package changes reads unified diffs — plain `diff -u`, `git diff`, and
// `git format-patch` mail, one patch or a series in one mbox — and says
// which lines of which files they add, where each added line sits in the
// patch (for checkpatch's "#<n>:" references), and how to apply them to a
// copy of a file. Parsing and applying are github.com/bluekeyes/go-gitdiff's;
// this package adds the patch line numbers, which that library does not
// keep, and the series splitting it leaves to its callers.
package changes

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/bluekeyes/go-gitdiff/gitdiff"
)

// MaxInput bounds the size of a patch or series read: larger than any
// series sent to a kernel list, small enough to hold in memory.
const MaxInput = 256 << 20

// Set is everything one input adds: its patches in order.
type Set struct {
	Patches []*Patch
	Lines   int // lines in the input, as checkpatch counts "lines checked"
}

// Patch is one patch of a series (or the whole input, for a plain diff).
type Patch struct {
	Subject string // from the mail header, when there is one
	Files   []*File
}

// File is one file a patch changes.
type File struct {
	Name     string // path in the new tree ("b/" stripped); the old path when deleted
	OldName  string // path in the old tree; "" for a new file
	IsNew    bool
	IsDelete bool
	IsBinary bool
	// OldBlob and NewBlob are the (abbreviated) ids of the file's blobs
	// before and after the patch, from git's "index old..new" line; empty
	// for diffs that do not say.
	OldBlob, NewBlob string
	// Added maps the new-file line numbers of added lines to where they
	// are in the patch.
	Added map[int]Line
	// Context maps the new-file line numbers of context lines likewise.
	Context map[int]Line
	// Hunks are the new-file line ranges the patch's hunks cover,
	// context included.
	Hunks []Range

	diff *gitdiff.File
}

// Line is an added line.
type Line struct {
	PatchLine int    // 1-based line number in the input
	Text      string // without the leading '+' and the line end
}

// Range is a hunk: a closed range of new-file line numbers, the patch
// line of its "@@" header, and the lines it leaves (context and added,
// in order: what a file with the patch applied must contain).
type Range struct {
	First, Last, PatchLine int
	Post                   []string
}

// Parse reads a diff or a patch series. name is used in errors only.
// Input with no file changes at all is an error: a mistyped file name or
// an empty pipe should not pass as a clean patch.
func Parse(name string, r io.Reader) (*Set, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(data) > MaxInput {
		return nil, fmt.Errorf("%s: more than %d MiB: not a patch kpreempt can check", name, MaxInput>>20)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("%s: binary data, not a patch", name)
	}
	lines := splitLines(data)
	set := &Set{Lines: len(lines)}
	for _, part := range splitSeries(lines) {
		text := strings.Join(lines[part.first:part.last], "")
		files, preamble, err := gitdiff.Parse(strings.NewReader(text))
		if err != nil {
			return nil, fmt.Errorf("%s: malformed patch: %v", name, lineErr(err, part.first))
		}
		p := &Patch{}
		if h, err := gitdiff.ParsePatchHeader(preamble); err == nil {
			p.Subject = h.Title
		}
		if !strings.Contains(text, "\ndiff --git ") && !strings.HasPrefix(text, "diff --git ") {
			// A traditional diff: strip the first path component, as
			// patch -p1 and checkpatch do (go-gitdiff does so for git's).
			for _, f := range files {
				f.OldName, f.NewName = stripP1(f.OldName), stripP1(f.NewName)
			}
		}
		if err := locate(p, files, lines[part.first:part.last], part.first); err != nil {
			return nil, fmt.Errorf("%s: malformed patch: %v", name, err)
		}
		for _, f := range p.Files {
			for _, n := range []string{f.Name, f.OldName} {
				if err := checkPath(n); err != nil {
					return nil, fmt.Errorf("%s: %v", name, err)
				}
			}
		}
		if len(p.Files) > 0 {
			set.Patches = append(set.Patches, p)
		}
	}
	if len(set.Patches) == 0 {
		return nil, fmt.Errorf("%s: no diff found (expected unified diff or git format-patch output)", name)
	}
	return set, nil
}

// checkPath refuses the paths git apply refuses: absolute, or with a
// "..", "." or ".git" component (a patch must not reach outside the tree
// or into the repository's own files).
func checkPath(p string) error {
	if p == "" {
		return nil
	}
	if strings.HasPrefix(p, "/") || strings.ContainsRune(p, 0) {
		return fmt.Errorf("invalid path %q: outside the tree", p)
	}
	for _, c := range strings.Split(p, "/") {
		switch c {
		case "..", ".", "":
			return fmt.Errorf("invalid path %q: a patch may not name %q components", p, c)
		}
		if strings.EqualFold(c, ".git") {
			return fmt.Errorf("invalid path %q: inside .git", p)
		}
	}
	return nil
}

// MissingHunk returns the first hunk whose lines (context and added) do
// not occur, in order and adjacent, anywhere in content: the file does
// not have the patch applied.
func (f *File) MissingHunk(content []byte) (Range, bool) {
	lines := strings.Split(string(content), "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}
	for _, h := range f.Hunks {
		if len(h.Post) > 0 && !containsBlock(lines, h.Post) {
			return h, true
		}
	}
	return Range{}, false
}

func containsBlock(lines, block []string) bool {
	for i := 0; i+len(block) <= len(lines); i++ {
		if lines[i] != block[0] {
			continue
		}
		j := 1
		for j < len(block) && lines[i+j] == block[j] {
			j++
		}
		if j == len(block) {
			return true
		}
	}
	return false
}

// Files returns the changes to each file, in order of first change: for
// each file, its File of every patch that touches it, in series order.
func (s *Set) Files() [][]*File {
	var out [][]*File
	index := map[string]int{}
	for _, p := range s.Patches {
		for _, f := range p.Files {
			if i, ok := index[f.Name]; ok {
				out[i] = append(out[i], f)
				continue
			}
			index[f.Name] = len(out)
			out = append(out, []*File{f})
		}
	}
	return out
}

// Apply returns old with the file's changes applied (old is nil for a new
// file).
func (f *File) Apply(old []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := gitdiff.Apply(&out, bytes.NewReader(old), f.diff); err != nil {
		return nil, fmt.Errorf("%s: patch does not apply: %v", f.Name, err)
	}
	return out.Bytes(), nil
}

// Revert returns the file as it was before the patch, given it after:
// the patch applied in reverse. When later changes moved its hunks (a
// later patch of a series added lines above them), each hunk is found by
// its text, nearest to where the patch puts it, as patch(1) does with an
// offset.
func (f *File) Revert(patched []byte) ([]byte, error) {
	out, err := f.revertShifted(patched, nil)
	if err == nil {
		return out, nil
	}
	if shifts, ok := f.hunkShifts(patched); ok {
		if out, err2 := f.revertShifted(patched, shifts); err2 == nil {
			return out, nil
		}
	}
	return nil, err
}

// revertShifted applies the patch in reverse with each fragment's lines
// moved by shifts[i] (none when shifts is nil).
func (f *File) revertShifted(patched []byte, shifts []int64) ([]byte, error) {
	rev := *f.diff
	rev.OldName, rev.NewName = f.diff.NewName, f.diff.OldName
	rev.IsNew, rev.IsDelete = f.diff.IsDelete, f.diff.IsNew
	rev.TextFragments = nil
	for i, frag := range f.diff.TextFragments {
		r := *frag
		r.OldPosition, r.NewPosition = frag.NewPosition, frag.OldPosition
		if shifts != nil {
			r.OldPosition += shifts[i]
		}
		r.OldLines, r.NewLines = frag.NewLines, frag.OldLines
		r.LinesAdded, r.LinesDeleted = frag.LinesDeleted, frag.LinesAdded
		r.Lines = make([]gitdiff.Line, len(frag.Lines))
		for i, l := range frag.Lines {
			switch l.Op {
			case gitdiff.OpAdd:
				l.Op = gitdiff.OpDelete
			case gitdiff.OpDelete:
				l.Op = gitdiff.OpAdd
			}
			r.Lines[i] = l
		}
		rev.TextFragments = append(rev.TextFragments, &r)
	}
	var out bytes.Buffer
	if err := gitdiff.Apply(&out, bytes.NewReader(patched), &rev); err != nil {
		return nil, fmt.Errorf("%s: patch does not revert: %v", f.Name, err)
	}
	return out.Bytes(), nil
}

// Moved returns the context lines and hunks of the patch as they are in
// content, a version of the file with the patch applied whose lines later
// changes may have moved: each hunk is found by its text. Hunks not found
// keep the patch's numbers.
func (f *File) Moved(content []byte) (map[int]Line, []Range) {
	shifts, ok := f.hunkShifts(content)
	if !ok || len(shifts) != len(f.Hunks) {
		return f.Context, f.Hunks
	}
	context := map[int]Line{}
	hunks := make([]Range, len(f.Hunks))
	for i, h := range f.Hunks {
		d := int(shifts[i])
		for n := h.First; n <= h.Last; n++ {
			if l, ok := f.Context[n]; ok {
				context[n+d] = l
			}
		}
		h.First, h.Last = h.First+d, h.Last+d
		hunks[i] = h
	}
	return context, hunks
}

// hunkShifts finds each fragment's lines after the patch (context and
// added) in content, nearest to the line the patch gives them and below
// the fragment before: how far each moved. ok is false when one is not
// found, or has no lines to find.
func (f *File) hunkShifts(content []byte) ([]int64, bool) {
	lines := splitLines(content)
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], "\r\n")
	}
	var shifts []int64
	from := 0
	for _, frag := range f.diff.TextFragments {
		var block []string
		for _, l := range frag.Lines {
			if l.Op != gitdiff.OpDelete {
				block = append(block, strings.TrimRight(l.Line, "\r\n"))
			}
		}
		if len(block) == 0 || frag.NewPosition < 1 {
			return nil, false
		}
		want := int(frag.NewPosition) - 1
		at := -1
		for i := from; i+len(block) <= len(lines); i++ {
			if blockAt(lines, i, block) && (at < 0 || abs(i-want) < abs(at-want)) {
				at = i
			}
		}
		if at < 0 {
			return nil, false
		}
		shifts = append(shifts, int64(at-want))
		from = at + len(block)
	}
	return shifts, true
}

func blockAt(lines []string, i int, block []string) bool {
	for j, b := range block {
		if lines[i+j] != b {
			return false
		}
	}
	return true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Relocate finds the added lines in content, a version of the file that
// may have moved them (later patches of a series, local edits): each
// added line is looked for at its own line number first, then at the
// nearest line with the same text. Lines not found are dropped. It
// returns the added lines by their line numbers in content.
func (f *File) Relocate(content []byte) map[int]Line {
	lines := strings.Split(string(content), "\n")
	text := func(n int) string { return strings.TrimSpace(strings.TrimSuffix(lines[n-1], "\r")) }
	out := map[int]Line{}
	for n, l := range f.Added {
		want := strings.TrimSpace(l.Text)
		if n <= len(lines) && text(n) == want {
			out[n] = l
			continue
		}
		for d := 1; d < len(lines); d++ {
			if m := n - d; m >= 1 && m <= len(lines) && text(m) == want && out[m] == (Line{}) {
				out[m] = l
				break
			}
			if m := n + d; m <= len(lines) && text(m) == want && out[m] == (Line{}) {
				out[m] = l
				break
			}
			if n-d < 1 && n+d > len(lines) {
				break
			}
		}
	}
	return out
}

type span struct{ first, last int } // line indexes [first, last)

// mboxFrom is the separator git format-patch writes before each mail.
var mboxFrom = regexp.MustCompile(`^From [0-9a-f]{7,64} `)

// splitSeries cuts an mbox into its mails; anything else is one part.
func splitSeries(lines []string) []span {
	var parts []span
	start := 0
	for i, l := range lines {
		if i > start && mboxFrom.MatchString(l) {
			parts = append(parts, span{start, i})
			start = i
		}
	}
	return append(parts, span{start, len(lines)})
}

// locate fills p from the parsed files, finding each hunk header in the
// patch text to number the added lines. go-gitdiff consumes hunks in
// order, so a forward scan finds them.
func locate(p *Patch, files []*gitdiff.File, lines []string, offset int) error {
	at := 0
	for _, gf := range files {
		f := &File{
			Name: gf.NewName, OldName: gf.OldName,
			IsNew: gf.IsNew, IsDelete: gf.IsDelete, IsBinary: gf.IsBinary,
			OldBlob: gf.OldOIDPrefix, NewBlob: gf.NewOIDPrefix,
			Added: map[int]Line{}, Context: map[int]Line{}, diff: gf,
		}
		if f.IsDelete {
			f.Name = gf.OldName
		}
		for _, frag := range gf.TextFragments {
			hdr := -1
			for i := at; i < len(lines); i++ {
				if old, nw, ok := hunkHeader(lines[i]); ok && old == frag.OldPosition && nw == frag.NewPosition {
					hdr = i
					break
				}
			}
			if hdr < 0 {
				return fmt.Errorf("%s: cannot find hunk %s", f.Name, strings.TrimSpace(frag.Header()))
			}
			newLine := int(frag.NewPosition)
			if frag.NewLines == 0 {
				newLine++ // "+N,0" names the line before an empty range
			}
			h := Range{First: int(frag.NewPosition), Last: int(frag.NewPosition + frag.NewLines - 1), PatchLine: offset + hdr + 1}
			i := hdr + 1
			for _, l := range frag.Lines {
				for i < len(lines) && strings.HasPrefix(lines[i], `\`) {
					i++ // "\ No newline at end of file"
				}
				text := strings.TrimRight(l.Line, "\r\n")
				switch l.Op {
				case gitdiff.OpAdd:
					f.Added[newLine] = Line{PatchLine: offset + i + 1, Text: text}
					h.Post = append(h.Post, text)
					newLine++
				case gitdiff.OpContext:
					f.Context[newLine] = Line{PatchLine: offset + i + 1, Text: text}
					h.Post = append(h.Post, text)
					newLine++
				}
				i++
			}
			f.Hunks = append(f.Hunks, h)
			at = i
		}
		p.Files = append(p.Files, f)
	}
	return nil
}

func stripP1(name string) string {
	if _, rest, ok := strings.Cut(name, "/"); ok && rest != "" {
		return rest
	}
	return name
}

// hunkHeader parses "@@ -a[,b] +c[,d] @@".
func hunkHeader(l string) (old, nw int64, ok bool) {
	rest, found := strings.CutPrefix(l, "@@ -")
	if !found {
		return 0, 0, false
	}
	o, rest, found := strings.Cut(rest, " +")
	if !found {
		return 0, 0, false
	}
	n, _, found := strings.Cut(rest, " @@")
	if !found {
		return 0, 0, false
	}
	o, _, _ = strings.Cut(o, ",")
	n, _, _ = strings.Cut(n, ",")
	ov, err1 := strconv.ParseInt(o, 10, 64)
	nv, err2 := strconv.ParseInt(n, 10, 64)
	return ov, nv, err1 == nil && err2 == nil
}

// splitLines splits after each '\n', keeping line ends, as go-gitdiff
// reads them.
func splitLines(data []byte) []string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	sc.Split(func(d []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(d, '\n'); i >= 0 {
			return i + 1, d[:i+1], nil
		}
		if atEOF && len(d) > 0 {
			return len(d), d, nil
		}
		return 0, nil, nil
	})
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// lineErr shifts go-gitdiff's "gitdiff: line N: ..." to input lines.
func lineErr(err error, offset int) string {
	msg := strings.TrimPrefix(err.Error(), "gitdiff: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ":"); ok {
			if v, err := strconv.Atoi(n); err == nil {
				return fmt.Sprintf("line %d:%s", v+offset, tail)
			}
		}
	}
	return msg
}
