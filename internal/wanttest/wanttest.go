// Package wanttest checks findings against the expectations written in C
// test files, the convention of golang.org/x/tools/go/analysis/analysistest:
// a comment
//
//	/* want "regexp" "another" */
//
// on a line says that the findings reported on that line are exactly one
// per regexp, each matching its message. A line without a want comment must
// have no finding. Regexps are Go string literals, double-quoted or
// backquoted.
package wanttest

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Finding is what the checker reported, reduced to what is compared.
type Finding struct {
	Line    int
	Message string
}

// Want is one expectation.
type Want struct {
	Line int
	Re   *regexp.Regexp
}

var wantComment = regexp.MustCompile(`/\*\s*want\s+(.*?)\*/`)

// Parse reads the want comments of a file.
func Parse(src string) ([]Want, error) {
	var wants []Want
	for i, line := range strings.Split(src, "\n") {
		for _, m := range wantComment.FindAllStringSubmatch(line, -1) {
			pats, err := literals(m[1])
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			if len(pats) == 0 {
				return nil, fmt.Errorf("line %d: want comment without a pattern", i+1)
			}
			for _, p := range pats {
				re, err := regexp.Compile(p)
				if err != nil {
					return nil, fmt.Errorf("line %d: %v", i+1, err)
				}
				wants = append(wants, Want{Line: i + 1, Re: re})
			}
		}
	}
	return wants, nil
}

// literals splits a sequence of Go string literals.
func literals(s string) ([]string, error) {
	var out []string
	s = strings.TrimSpace(s)
	for s != "" {
		var end int
		switch s[0] {
		case '"':
			end = 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
		case '`':
			end = strings.IndexByte(s[1:], '`') + 1
			if end == 0 {
				end = len(s)
			}
		default:
			return nil, fmt.Errorf("want: expected a string literal at %q", s)
		}
		if end >= len(s) {
			return nil, fmt.Errorf("want: unterminated string literal %q", s)
		}
		lit, err := strconv.Unquote(s[:end+1])
		if err != nil {
			return nil, fmt.Errorf("want: %v in %q", err, s[:end+1])
		}
		out = append(out, lit)
		s = strings.TrimSpace(s[end+1:])
	}
	return out, nil
}

// Check compares findings with wants and returns one line per mismatch,
// in line order.
func Check(wants []Want, findings []Finding) []string {
	var problems []string
	used := make([]bool, len(wants))
	for _, f := range findings {
		ok := false
		for i, w := range wants {
			if !used[i] && w.Line == f.Line && w.Re.MatchString(f.Message) {
				used[i], ok = true, true
				break
			}
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("%d: unexpected finding: %s", f.Line, f.Message))
		}
	}
	for i, w := range wants {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("%d: no finding matches %q", w.Line, w.Re))
		}
	}
	sort.SliceStable(problems, func(i, j int) bool {
		return lineOf(problems[i]) < lineOf(problems[j])
	})
	return problems
}

func lineOf(p string) int {
	n, _ := strconv.Atoi(p[:strings.IndexByte(p, ':')])
	return n
}
