package html

import (
	"regexp"
	"sort"
	"strings"
)

// extent is a top-level braced definition of a C file: a function (or a
// struct, or an initialiser), from the first line of its declaration to
// its closing brace. Lines are 1-based.
type extent struct {
	Start, Open, End int // declaration's first line, the line of '{', the line of '}'
	Name             string
	// Doc is the first line of the comment right above the declaration
	// (a kernel-doc comment), Start when there is none.
	Doc int
}

// extents finds the top-level definitions of C source without parsing
// it: braces are counted outside comments, literals and preprocessor
// lines. The branches of a conditional directive are counted as
// alternatives (the depth after #else restarts from the depth at #if,
// and the first branch's depth is kept after #endif), so that a function
// whose header is written twice under #ifdef still closes where it
// should. Code it cannot follow gives fewer extents, never wrong
// nesting: a line outside every extent is shown with lines around it.
func extents(src []byte) []extent {
	var out []extent
	type cond struct{ atIf, afterFirst int }
	var conds []cond
	depth, line := 0, 1
	declLine := 0 // the first line of tokens since the last top-level ';', '}' or directive
	openLine := 0
	var header strings.Builder
	atLineStart := true
	n := len(src)
	for i := 0; i < n; i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
			atLineStart = true
			if depth == 0 && declLine > 0 {
				header.WriteByte(' ')
			}
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			if depth == 0 && declLine > 0 {
				header.WriteByte(' ')
			}
			continue
		case c == '#' && atLineStart:
			// A directive, with its continuation lines.
			j := i
			for j < n && src[j] != '\n' {
				if src[j] == '\\' && j+1 < n && src[j+1] == '\n' {
					j++
					line++
				}
				j++
			}
			d := strings.Fields(strings.TrimPrefix(string(src[i:j]), "#"))
			if len(d) > 0 {
				switch d[0] {
				case "if", "ifdef", "ifndef":
					conds = append(conds, cond{atIf: depth, afterFirst: -1})
				case "else", "elif", "elifdef", "elifndef":
					if k := len(conds) - 1; k >= 0 {
						if conds[k].afterFirst < 0 {
							conds[k].afterFirst = depth
						}
						depth = conds[k].atIf
					}
				case "endif":
					if k := len(conds) - 1; k >= 0 {
						if conds[k].afterFirst >= 0 {
							depth = conds[k].afterFirst
						}
						conds = conds[:k]
					}
				}
			}
			if depth == 0 && openLine == 0 {
				declLine = 0
				header.Reset()
			}
			i = j - 1
			continue
		}
		atLineStart = false
		switch {
		case c == '/' && i+1 < n && src[i+1] == '/':
			for i+1 < n && src[i+1] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < n && src[i+1] == '*':
			i += 2
			for i < n && !(src[i] == '*' && i+1 < n && src[i+1] == '/') {
				if src[i] == '\n' {
					line++
				}
				i++
			}
			i++ // the '/'
			continue
		case c == '"' || c == '\'':
			start := i
			for i++; i < n && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' && i+1 < n {
					if src[i+1] == '\n' {
						line++
					}
					i++
				}
			}
			if depth == 0 && declLine > 0 {
				header.Write(src[start:min(i+1, n)])
			}
			if i < n && src[i] == '\n' {
				i-- // an unterminated literal ends at the line end
			}
			continue
		}
		if depth == 0 && declLine == 0 && c != ';' && c != '}' {
			declLine = line
		}
		switch c {
		case '{':
			if depth == 0 {
				if declLine == 0 {
					declLine = line
				}
				openLine = line
			}
			depth++
		case '}':
			if depth > 0 {
				depth--
				if depth == 0 && openLine > 0 {
					out = append(out, extent{Start: declLine, Open: openLine, End: line, Name: declName(header.String()), Doc: declLine})
					openLine, declLine = 0, 0
					header.Reset()
				}
			}
		case ';':
			if depth == 0 {
				declLine = 0
				header.Reset()
			}
		default:
			if depth == 0 && declLine > 0 {
				header.WriteByte(c)
			}
		}
	}
	if len(out) > 0 {
		lines := strings.Split(string(src), "\n")
		for i := range out {
			out[i].Doc = docStart(lines, out[i].Start)
		}
	}
	return out
}

// maxDocLines bounds the comment shown with a function: a longer one
// would push the path off the page.
const maxDocLines = 8

// docStart is the first line of the comment that ends right above line
// start (1-based), or start when there is none or it is longer than
// maxDocLines.
func docStart(lines []string, start int) int {
	if d := commentAbove(lines, start); start-d <= maxDocLines {
		return d
	}
	return start
}

func commentAbove(lines []string, start int) int {
	l := start - 1 // the line above, 1-based
	above := func(n int) string { return strings.TrimSpace(lines[n-1]) }
	switch {
	case l < 1 || l > len(lines):
		return start
	case strings.HasSuffix(above(l), "*/"):
		for n := l; n >= 1 && n > l-200; n-- {
			if i := strings.Index(above(n), "/*"); i >= 0 {
				if i == 0 {
					return n
				}
				return start // code before the comment
			}
		}
	case strings.HasPrefix(above(l), "//"):
		for l > 1 && strings.HasPrefix(above(l-1), "//") {
			l--
		}
		return l
	}
	return start
}

var declNameRE = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)\s*\(`)

// declName is the name a declaration's header declares: the identifier
// before its first parenthesis (a function's name), or the last
// identifier before '=' (an initialised variable).
func declName(h string) string {
	if i := strings.IndexByte(h, '='); i >= 0 && !strings.Contains(h[:i], "(") {
		f := strings.FieldsFunc(h[:i], func(r rune) bool {
			return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		})
		if len(f) > 0 {
			return f[len(f)-1]
		}
	}
	if m := declNameRE.FindStringSubmatch(h); m != nil {
		return m[1]
	}
	return ""
}

// find returns the extent holding line, if any.
func find(es []extent, line int) (extent, bool) {
	i := sort.Search(len(es), func(i int) bool { return es[i].End >= line })
	if i < len(es) && es[i].Start <= line {
		return es[i], true
	}
	return extent{}, false
}
