package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/report/maintainers"
)

// DigestOptions controls the per-maintainer digest.
type DigestOptions struct {
	// Maintainers groups findings by its entries; nil groups them by
	// top-level directory.
	Maintainers *maintainers.File
	// MaintainersPath is where Maintainers was read, named in the header.
	MaintainersPath string
	// Known, if set, tells the findings of a baseline: the others are
	// marked new.
	Known func(Finding) bool
}

// Digest writes one section per MAINTAINERS entry that has findings, in
// the file's order: its title, To: its maintainers (M:), Cc: its
// reviewers (R:) and lists (L:), then its findings as gcc-style lines
// with their notes, ready to paste into a mail. A finding is listed
// under every entry get_maintainer.pl would send it to (without THE
// REST when a more specific entry matches).
func Digest(w io.Writer, r *Result, opt DigestOptions) error {
	ew := &errWriter{w: w}
	src := r.Sources
	type section struct {
		entry    *maintainers.Entry
		findings []int
		fresh    int
	}
	var sections []*section
	byKey := map[string]*section{}
	fresh := 0
	isNew := make([]bool, len(r.Findings))
	for i, f := range r.Findings {
		if opt.Known != nil && !opt.Known(f) {
			isNew[i] = true
			fresh++
		}
		for _, e := range opt.Maintainers.Sections(f.File) {
			k := fmt.Sprintf("%d\x00%s", e.Line, e.Name)
			s := byKey[k]
			if s == nil {
				s = &section{entry: e}
				byKey[k] = s
				sections = append(sections, s)
			}
			s.findings = append(s.findings, i)
			if isNew[i] {
				s.fresh++
			}
		}
	}
	sort.SliceStable(sections, func(i, j int) bool {
		a, b := sections[i].entry, sections[j].entry
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Name < b.Name
	})

	n := len(r.Findings)
	fmt.Fprintf(ew, "kpreempt: %d %s", n, plural(n, "finding", "findings"))
	if opt.Known != nil {
		fmt.Fprintf(ew, " (%d new, %d known)", fresh, n-fresh)
	}
	if opt.Maintainers != nil {
		where := "MAINTAINERS"
		if opt.MaintainersPath != "" {
			where = opt.MaintainersPath
		}
		fmt.Fprintf(ew, ", by entry of %s\n", where)
	} else {
		fmt.Fprintf(ew, ", by top-level directory (no MAINTAINERS file found at the source root)\n")
	}
	if len(r.Stats.FailedFiles) > 0 {
		fmt.Fprintf(ew, "%d %s could not be analysed.\n", len(r.Stats.FailedFiles), plural(len(r.Stats.FailedFiles), "file", "files"))
	}
	for _, s := range sections {
		e := s.entry
		fmt.Fprintf(ew, "\n%s\n%s\n", e.Name, strings.Repeat("=", max(len(e.Name), 3)))
		fmt.Fprintf(ew, "%d %s", len(s.findings), plural(len(s.findings), "finding", "findings"))
		if opt.Known != nil {
			fmt.Fprintf(ew, ", %d new", s.fresh)
		}
		if e.Status != "" {
			fmt.Fprintf(ew, "; status: %s", e.Status)
		}
		fmt.Fprintln(ew)
		if len(e.Maintainers) > 0 {
			fmt.Fprintf(ew, "To: %s\n", strings.Join(e.Maintainers, ", "))
		}
		if cc := append(append([]string(nil), e.Reviewers...), e.Lists...); len(cc) > 0 {
			fmt.Fprintf(ew, "Cc: %s\n", strings.Join(cc, ", "))
		}
		for _, i := range s.findings {
			f := &r.Findings[i]
			fmt.Fprintln(ew)
			mark := ""
			if isNew[i] {
				mark = " (new)"
			}
			fmt.Fprintf(ew, "%s:%d:%d: %s: %s [%s]%s\n", QuotePath(f.File), f.Line, displayColumn(src, f.Path, f.Line, f.Column), f.Severity, f.Message, f.Rule, mark)
			if f.Function != "" {
				fmt.Fprintf(ew, "  in %s()\n", f.Function)
			}
			for _, t := range f.Trace {
				fmt.Fprintf(ew, "  %s:%d:%d: note: %s\n", QuotePath(t.File), t.Line, displayColumn(src, t.Path, t.Line, t.Column), t.Note)
			}
		}
	}
	return ew.err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
