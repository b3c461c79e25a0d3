// Package maintainers reads the kernel's MAINTAINERS file and tells which
// of its entries a file belongs to, the way scripts/get_maintainer.pl
// reads it:
//
//   - An entry is a title line followed by "T:\tvalue" lines; blank lines
//     separate entries, and the file's preamble (indented field
//     descriptions) belongs to none.
//   - F: is a file pattern. A trailing slash matches the directory and
//     everything below it; otherwise the pattern matches paths with as
//     many components as it has. * and ? match within one component. A
//     pattern without wildcards names a file, or a directory and
//     everything below it (get_maintainer adds the slash to a pattern
//     that names a directory of the tree).
//   - X: excludes files with the same patterns; an excluded file does not
//     belong to the entry, whatever its F: lines say.
//   - N: is a regular expression (Perl's extended syntax: unescaped white
//     space is ignored) searched anywhere in the file's path.
//
// Entries are ranked as get_maintainer ranks them: by the depth of the
// pattern that matched (its number of slashes, plus one for a pattern
// naming files rather than a directory; 0 for N:; -1 for a pattern
// starting with a wildcard, THE REST's "F: *" and "F: */").
// K: (content regexes) is not read: it matches patches and file
// contents, not paths.
package maintainers

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/internal/boundedio"
)

// Entry is one section of MAINTAINERS.
type Entry struct {
	Name        string   // the title line, e.g. "SCHEDULER"
	Line        int      // where it starts (1-based)
	Maintainers []string // M: "Full Name <address>"
	Reviewers   []string // R:
	Lists       []string // L:
	Status      string   // S:, e.g. "Maintained"

	files, excludes []pattern
	regexes         []*regexp.Regexp
}

// File is a parsed MAINTAINERS file.
type File struct {
	Entries []*Entry
	// Skipped lists the N: patterns that are not valid regular
	// expressions in Go's syntax (Perl's lookarounds), as "line N: why".
	Skipped []string
}

// maxSize bounds the file read: the kernel's is under 1 MB.
const maxSize = 64 << 20

// Load reads and parses a MAINTAINERS file.
func Load(path string) (*File, error) {
	data, err := boundedio.ReadFile(path, maxSize)
	if err != nil {
		return nil, fmt.Errorf("MAINTAINERS: %v", err)
	}
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return f, nil
}

// Find returns the MAINTAINERS file at the top of a source tree, or ""
// when there is none (not a kernel tree).
func Find(root string) string {
	if root == "" {
		return ""
	}
	p := filepath.Join(root, "MAINTAINERS")
	if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
		return p
	}
	return ""
}

var field = regexp.MustCompile(`^([A-Z]):\s*(.*)$`)

// Parse reads MAINTAINERS text. It fails only when no entry has a file
// pattern: the text is not a MAINTAINERS file.
func Parse(data []byte) (*File, error) {
	f := &File{}
	var cur *Entry
	title, titleLine := "", 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t\r")
		m := field.FindStringSubmatch(line)
		if m == nil {
			cur = nil
			if strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				title, titleLine = strings.TrimSpace(line), n
			} else {
				title = ""
			}
			continue
		}
		if cur == nil {
			if title == "" {
				continue // a field outside any entry
			}
			cur = &Entry{Name: title, Line: titleLine}
			f.Entries = append(f.Entries, cur)
			title = ""
		}
		value := strings.TrimSpace(m[2])
		switch m[1] {
		case "M":
			cur.Maintainers = append(cur.Maintainers, value)
		case "R":
			cur.Reviewers = append(cur.Reviewers, value)
		case "L":
			cur.Lists = append(cur.Lists, value)
		case "S":
			cur.Status = value
		case "F":
			if value != "" {
				cur.files = append(cur.files, compile(value))
			}
		case "X":
			if value != "" {
				cur.excludes = append(cur.excludes, compile(value))
			}
		case "N":
			re, err := regexp.Compile(extended(value))
			if err != nil {
				f.Skipped = append(f.Skipped, fmt.Sprintf("line %d: N: %s: %v", n, value, err))
				continue
			}
			cur.regexes = append(cur.regexes, re)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	kept := f.Entries[:0]
	for _, e := range f.Entries {
		if len(e.files) > 0 || len(e.regexes) > 0 {
			kept = append(kept, e)
		}
	}
	f.Entries = kept
	if len(kept) == 0 {
		return nil, fmt.Errorf("not a MAINTAINERS file: no entry has an F: or N: line")
	}
	return f, nil
}

// extended turns a Perl /x regex into Go's syntax: unescaped white space
// outside a character class is dropped.
func extended(re string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(re); i++ {
		c := re[i]
		switch {
		case c == '\\' && i+1 < len(re):
			b.WriteByte(c)
			i++
			b.WriteByte(re[i])
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case !inClass && (c == ' ' || c == '\t'):
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// pattern is a compiled F: or X: pattern.
type pattern struct {
	re    *regexp.Regexp
	depth int // get_maintainer's ranking
}

func compile(p string) pattern {
	dir := strings.HasSuffix(p, "/")
	wild := strings.ContainsAny(p, "*?")
	var b strings.Builder
	b.WriteByte('^')
	for _, r := range strings.TrimSuffix(p, "/") {
		switch r {
		case '*':
			b.WriteString(`[^/]*`)
		case '?':
			b.WriteString(`[^/]`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	switch {
	case dir:
		b.WriteString(`/`) // the directory and everything below
	case !wild:
		b.WriteString(`(/|$)`) // a file, or a directory named without its slash
	default:
		b.WriteString(`$`) // as many components as the pattern has
	}
	depth := strings.Count(p, "/")
	if !dir {
		depth++
	}
	if strings.HasPrefix(p, "*") {
		depth = -1
	}
	return pattern{re: regexp.MustCompile(b.String()), depth: depth}
}

// Match is an entry a file belongs to, with the depth of its most
// specific pattern that matched.
type Match struct {
	Entry *Entry
	Depth int
}

// Match returns the entries a file (a path relative to the tree's top,
// with slashes) belongs to, most specific first; entries of equal depth
// keep the file's order.
func (f *File) Match(path string) []Match {
	path = strings.TrimPrefix(filepath.ToSlash(path), "./")
	var out []Match
	for _, e := range f.Entries {
		if d, ok := e.match(path); ok {
			out = append(out, Match{e, d})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Depth > out[j].Depth })
	return out
}

func (e *Entry) match(path string) (int, bool) {
	for _, x := range e.excludes {
		if x.re.MatchString(path) {
			return 0, false
		}
	}
	best, ok := 0, false
	for _, p := range e.files {
		if p.re.MatchString(path) && (!ok || p.depth > best) {
			best, ok = p.depth, true
		}
	}
	for _, re := range e.regexes {
		if re.MatchString(path) && (!ok || best < 0) {
			best, ok = 0, true
		}
	}
	return best, ok
}

// Sections are the entries a finding in path is reported to: those that
// match it, most specific first, without the catch-all entries (THE
// REST, matched only through a pattern that starts with a wildcard)
// when a more specific one matches. With no MAINTAINERS file (f nil) a
// file's section is its top-level directory, an Entry of that name with
// no addresses.
func (f *File) Sections(path string) []*Entry {
	path = strings.TrimPrefix(filepath.ToSlash(path), "./")
	if f == nil {
		top, _, found := strings.Cut(path, "/")
		if !found || top == "" || filepath.IsAbs(path) {
			return []*Entry{{Name: "(top level)"}}
		}
		return []*Entry{{Name: top + "/"}}
	}
	ms := f.Match(path)
	var out []*Entry
	for _, m := range ms {
		if m.Depth < 0 && len(out) > 0 {
			break // sorted: only catch-alls follow
		}
		out = append(out, m.Entry)
	}
	return out
}
