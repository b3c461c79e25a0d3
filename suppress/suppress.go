// Package suppress applies inline suppression comments to a report:
//
//	/* kpreempt: ignore <rule>[,<rule>...] -- <reason> */
//	// kpreempt: ignore <rule>[,<rule>...] -- <reason>
//
// A comment silences findings of the named rules on its own line and on
// the line below it. The reason is required: a comment without one, or
// naming an unknown rule, silences nothing and becomes a finding of rule
// "suppression" itself, so that a silenced warning always says why.
package suppress

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

// File is a checked file whose malformed suppressions are reported: the
// main file of each unit (headers are shared by many units, so only the
// suppressions they actually apply are looked at).
type File struct {
	Path    string // where to read it
	Display string // as findings name it
}

// Comment is one suppression comment.
type Comment struct {
	Line, Col int
	Rules     []string
	Reason    string
	Problem   string // why it is not honoured; "" when it is
}

var directive = regexp.MustCompile(`(/[*/])\s*kpreempt:\s*ignore\b`)

// Parse finds the suppression comments of a file.
func Parse(content []byte) []Comment {
	if !bytes.Contains(content, []byte("kpreempt:")) {
		return nil
	}
	var out []Comment
	for i, line := range strings.Split(string(content), "\n") {
		loc := directive.FindStringSubmatchIndex(line)
		if loc == nil {
			continue
		}
		body := line[loc[1]:]
		if line[loc[2]:loc[3]] == "/*" {
			body, _, _ = strings.Cut(body, "*/")
		}
		c := Comment{Line: i + 1, Col: loc[0] + 1}
		names, reason, hasReason := strings.Cut(body, "--")
		c.Rules = strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		c.Reason = strings.TrimSpace(reason)
		switch {
		case len(c.Rules) == 0:
			c.Problem = "kpreempt: ignore names no rule: write /* kpreempt: ignore <rule> -- <reason> */"
		case !hasReason || c.Reason == "":
			c.Problem = "kpreempt: ignore " + strings.Join(c.Rules, ",") + " has no reason: add \"-- <why the code is safe>\""
		default:
			for _, n := range c.Rules {
				if r := rules.ByID(n); r == nil {
					c.Problem = "kpreempt: ignore names unknown rule \"" + n + "\" (see kpreempt rules)"
					break
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// Apply drops the findings that a well-formed comment silences and adds a
// "suppression" finding for each malformed comment in files, in file
// order after the findings. It returns how many findings were silenced.
func Apply(res *report.Result, files []File, src *report.Sources) int {
	comments := map[string][]Comment{}
	parsed := func(path string) []Comment {
		cs, ok := comments[path]
		if !ok {
			cs = Parse(src.Content(path))
			comments[path] = cs
		}
		return cs
	}
	kept := res.Findings[:0]
	silenced := 0
	for _, f := range res.Findings {
		if silences(parsed(f.Path), f) {
			silenced++
			continue
		}
		kept = append(kept, f)
	}
	res.Findings = kept
	seen := map[string]bool{}
	for _, file := range files {
		if seen[file.Path] {
			continue
		}
		seen[file.Path] = true
		for _, c := range parsed(file.Path) {
			if c.Problem == "" {
				continue
			}
			res.Findings = append(res.Findings, report.Finding{
				Rule: rules.Suppression.ID, Severity: rules.Suppression.Severity,
				File: file.Display, Line: c.Line, Column: c.Col, Message: c.Problem,
				Trace: []report.Step{}, Path: file.Path,
			})
		}
	}
	return silenced
}

func silences(cs []Comment, f report.Finding) bool {
	for _, c := range cs {
		if c.Problem != "" || (f.Line != c.Line && f.Line != c.Line+1) {
			continue
		}
		for _, r := range c.Rules {
			if r == f.Rule {
				return true
			}
		}
	}
	return false
}
