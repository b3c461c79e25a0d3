// Package suppress applies inline suppression comments to a report:
//
//	/* kpreempt: ignore <rule>[,<rule>...] -- <reason> */
//	// kpreempt: ignore <rule>[,<rule>...] -- <reason>
//	/*
//	 * kpreempt: ignore <rule>[,<rule>...] -- <reason>
//	 */
//
// A comment silences findings of the named rules on its own lines and on
// the line below it ("kpreempt" and "ignore" in any case). The reason is
// required: a comment without one, or naming an unknown rule, silences
// nothing and becomes a finding of rule "suppression" itself, so that a
// silenced warning always says why. So does a well-formed comment that
// silences nothing, when every rule it names was run: a stale directive
// would hide the next real finding on its line (staticcheck reports
// unused directives for the same reason).
package suppress

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

// File is a checked file whose malformed and unused suppressions are
// reported: the main file of each unit (headers are shared by many
// units, so only the suppressions they actually apply are looked at).
type File struct {
	Path    string // where to read it (a report.Sources key)
	Display string // as findings name it
}

// Comment is one suppression comment.
type Comment struct {
	Line, Col int // where the directive starts
	// Last is the last line it silences: the line after the comment.
	Last    int
	Rules   []string
	Reason  string
	Problem string // why it is not honoured; "" when it is
}

var directive = regexp.MustCompile(`(?i)\bkpreempt:\s*ignore\b`)

// Parse finds the suppression comments of a file.
func Parse(content []byte) []Comment {
	if !bytes.Contains(bytes.ToLower(content), []byte("kpreempt:")) {
		return nil
	}
	var out []Comment
	for _, c := range comments(content) {
		loc := directive.FindStringIndex(c.text)
		if loc == nil {
			continue
		}
		body := c.text[loc[1]:]
		before := c.text[:loc[0]]
		line := c.line + strings.Count(before, "\n")
		col := loc[0] + 1
		if i := strings.LastIndexByte(before, '\n'); i >= 0 {
			col = loc[0] - i
		} else {
			col += c.col - 1
		}
		out = append(out, parseDirective(body, line, col, c.endLine+1))
	}
	return out
}

func parseDirective(body string, line, col, last int) Comment {
	// Continuation lines of a block comment start with " * ".
	var parts []string
	for i, l := range strings.Split(body, "\n") {
		l = strings.TrimSpace(l)
		if i > 0 {
			l = strings.TrimSpace(strings.TrimPrefix(l, "*"))
		}
		if l != "" {
			parts = append(parts, l)
		}
	}
	body = strings.Join(parts, " ")
	c := Comment{Line: line, Col: col, Last: last}
	names, reason, hasReason := strings.Cut(body, "--")
	c.Rules = strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	c.Reason = strings.TrimSpace(reason)
	switch {
	case len(c.Rules) == 0:
		c.Problem = "kpreempt: ignore names no rule: write /* kpreempt: ignore <rule> -- <reason> */"
	case !hasReason || c.Reason == "":
		c.Problem = "kpreempt: ignore " + strings.Join(c.Rules, ",") + " has no reason: add \"-- <why the code is safe>\""
	default:
		for i, n := range c.Rules {
			r := rules.ByID(n)
			if r == nil || r == rules.Suppression {
				c.Problem = "kpreempt: ignore names unknown rule \"" + n + "\" (see kpreempt rules)"
				break
			}
			c.Rules[i] = r.ID // KPREEMPT_<RULE> names the rule too
		}
	}
	return c
}

// comment is a C comment: its text without the delimiters, and where it
// starts and ends.
type comment struct {
	text          string
	line, col     int // of the text's first character
	endLine       int
	block, closed bool
}

// comments lexes the comments of C source, skipping string and character
// literals (a "/*" inside a string opens nothing).
func comments(src []byte) []comment {
	var out []comment
	line, lineStart := 1, 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			line, lineStart = line+1, i+1
		case c == '"' || c == '\'':
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			if i < len(src) && src[i] == '\n' {
				line, lineStart = line+1, i+1
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			start := i + 2
			end := bytes.IndexByte(src[start:], '\n')
			if end < 0 {
				end = len(src) - start
			}
			out = append(out, comment{text: string(src[start : start+end]), line: line, col: start - lineStart + 1, endLine: line})
			i = start + end - 1
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			start := i + 2
			end := bytes.Index(src[start:], []byte("*/"))
			closed := end >= 0
			if !closed {
				end = len(src) - start
			}
			text := string(src[start : start+end])
			cm := comment{text: text, line: line, col: start - lineStart + 1, block: true, closed: closed}
			for j := start; j < start+end; j++ {
				if src[j] == '\n' {
					line, lineStart = line+1, j+1
				}
			}
			cm.endLine = line
			out = append(out, cm)
			i = start + end + 1
		}
	}
	return out
}

// Options say what a report's suppressions are checked against.
type Options struct {
	// Ran are the rules the run ran: a directive is unused only if every
	// rule it names ran.
	Ran []*rules.Rule
	// Report is whether problems with the comments themselves (malformed,
	// unused) become findings: false when --disable suppression.
	Report bool
}

// Apply drops the findings that a well-formed comment silences and, with
// opt.Report, adds a "suppression" finding for each malformed or unused
// comment in files, in file order after the findings. It returns how
// many findings were silenced.
func Apply(res *report.Result, files []File, src *report.Sources, opt Options) int {
	type parsed struct {
		cs   []Comment
		used []bool
	}
	byPath := map[string]*parsed{}
	get := func(path string) *parsed {
		p, ok := byPath[path]
		if !ok {
			cs := Parse(src.Content(path))
			p = &parsed{cs: cs, used: make([]bool, len(cs))}
			byPath[path] = p
		}
		return p
	}
	kept := res.Findings[:0]
	silenced := 0
	for _, f := range res.Findings {
		p := get(f.Path)
		if i := silencer(p.cs, f); i >= 0 {
			p.used[i] = true
			silenced++
			continue
		}
		kept = append(kept, f)
	}
	res.Findings = kept
	if !opt.Report {
		return silenced
	}
	ran := map[string]bool{}
	for _, r := range opt.Ran {
		ran[r.ID] = true
	}
	seen := map[string]bool{}
	for _, file := range files {
		if seen[file.Path] {
			continue
		}
		seen[file.Path] = true
		p := get(file.Path)
		for i, c := range p.cs {
			msg := c.Problem
			if msg == "" && !p.used[i] && allRan(c.Rules, ran) {
				msg = "kpreempt: ignore " + strings.Join(c.Rules, ",") + " silences no finding: remove it"
			}
			if msg == "" {
				continue
			}
			res.Findings = append(res.Findings, report.Finding{
				Rule: rules.Suppression.ID, Severity: rules.Suppression.Severity,
				File: file.Display, Line: c.Line, Column: c.Col, Message: msg,
				Trace: []report.Step{}, Path: file.Path,
			})
		}
	}
	return silenced
}

func allRan(names []string, ran map[string]bool) bool {
	for _, n := range names {
		if !ran[n] {
			return false
		}
	}
	return true
}

// silencer is the index of the well-formed comment that silences f, or -1.
func silencer(cs []Comment, f report.Finding) int {
	for i, c := range cs {
		if c.Problem != "" || f.Line < c.Line || f.Line > c.Last {
			continue
		}
		for _, r := range c.Rules {
			if r == f.Rule {
				return i
			}
		}
	}
	return -1
}
