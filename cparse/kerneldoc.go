package cparse

import (
	"strings"
	"unicode"
)

// The kernel documents a function's calling context in the Context:
// section of its kernel-doc comment (Documentation/doc-guide/kernel-doc.rst:
// "whether the function can sleep, what locks it takes, releases, or
// expects to be held"). Like the lock annotations, the comment is gone
// after preprocessing, so it is read from the source text.

// docContext returns the Context: section of the kernel-doc comment that
// documents f, written just above its definition, or "" when there is
// none. The comment must name f on its first line ("* name() - what it
// does"), as scripts/kernel-doc requires.
func docContext(f *Func, lines []string) string {
	end := commentEndAbove(lines, f.Pos.Line-1)
	if end < 0 {
		return ""
	}
	start := -1
	for j := end; j >= 0 && end-j < maxDocLines; j-- {
		t := strings.TrimSpace(lines[j])
		if strings.HasPrefix(t, "/**") {
			start = j
			break
		}
		if j < end && (strings.HasPrefix(t, "/*") || strings.HasSuffix(t, "*/")) {
			return "" // another comment: the block is not kernel-doc
		}
	}
	if start < 0 {
		return ""
	}
	body := make([]string, 0, end-start+1)
	for j := start; j <= end; j++ {
		t := strings.TrimSpace(lines[j])
		if j == start {
			t = strings.TrimPrefix(t, "/**")
		}
		if j == end {
			t = strings.TrimSuffix(t, "*/")
		}
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "*"))
		body = append(body, t)
	}
	if !namesFunc(body, f.Name) {
		return ""
	}
	return contextSection(body)
}

// maxDocLines bounds the search for a comment's opening.
const maxDocLines = 300

// commentEndAbove is the index of the line ending the comment just above
// the line of index at (the line that names the function), skipping the
// lines of the declaration above the name (return type, attributes) and
// blank lines; -1 when something else comes first.
func commentEndAbove(lines []string, at int) int {
	if at < 0 || at > len(lines) {
		return -1
	}
	for j, seen := at-1, 0; j >= 0 && seen < 4; j-- {
		t := strings.TrimSpace(lines[j])
		switch {
		case strings.HasSuffix(t, "*/"):
			return j
		case t == "":
		case strings.ContainsAny(t, ";{}#") || strings.HasPrefix(t, "//"):
			return -1 // the end of another declaration, or a directive
		default:
			seen++
		}
	}
	return -1
}

// namesFunc reports whether the comment's first non-empty line names
// the function: "name - ...", "name() - ..." or "function name - ...".
func namesFunc(body []string, name string) bool {
	for _, t := range body {
		if t == "" {
			continue
		}
		t = strings.TrimPrefix(t, "function ")
		t, ok := strings.CutPrefix(t, name)
		if !ok {
			return false
		}
		t = strings.TrimPrefix(t, "()")
		return t == "" || t[0] == ' ' || t[0] == '\t' || t[0] == '-' || t[0] == ':'
	}
	return false
}

// contextSection is the text of the Context: section: the rest of its
// line and the lines that follow up to a blank line or the next section
// or parameter.
func contextSection(body []string) string {
	var out []string
	in := false
	for _, t := range body {
		if in {
			if t == "" || strings.HasPrefix(t, "@") || sectionHead(t) {
				break
			}
			out = append(out, t)
			continue
		}
		if rest, ok := cutFold(t, "context:"); ok {
			in = true
			if rest = strings.TrimSpace(rest); rest != "" {
				out = append(out, rest)
			}
		}
	}
	return strings.Join(out, " ")
}

// sectionHead reports whether a line starts a kernel-doc section: a
// single word followed by a colon ("Return:", "Note:").
func sectionHead(t string) bool {
	i := strings.IndexByte(t, ':')
	if i <= 0 {
		return false
	}
	for _, r := range t[:i] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// cutFold is strings.CutPrefix ignoring the case of ASCII letters.
func cutFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}
