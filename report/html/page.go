package html

import (
	"fmt"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

// page is what a finding's page shows.
type page struct {
	*row
	Generator  string
	Baseline   bool
	Up         string // the index, relative to the page
	Prev, Next string
	Steps      []*step
	Frames     []*frame
	Rule       *ruleDoc
	Suppress   *suppression
}

// step is a point of the path: a note of the trace, or the finding itself
// (Final), numbered from 1 in path order.
type step struct {
	N            int
	File         string
	Line, Column int
	Note         string
	Final        bool
	Depth        int
	Anchor       string // the line in a frame's source ("" when not shown)
	frameKey     string
	path         string
	displayCol   int
}

// frame is a function the path goes through, with its source.
type frame struct {
	ID         int
	Name, File string
	Start, End int
	Window     bool // lines around a step outside any function
	Rows       []*srcRow
	Missing    bool // the file could not be read
}

// srcRow is a line of a frame, or a gap of elided lines (Gap > 0).
type srcRow struct {
	Gap             int
	N               int
	Anchor          string
	Pre, Mark, Post string
	Steps           []*step
	Hit, FinalHit   bool
}

type ruleDoc struct {
	ID, Summary, Precision, Source, Quote, Bad, Good string
	Doc                                              []docBlock
	Known                                            bool
}

// docBlock is a paragraph of a rule's documentation, or a list (its
// lines start with "- ").
type docBlock struct {
	Text  string
	Items []string
}

// docBlocks splits a rule's documentation into paragraphs and lists.
func docBlocks(doc string) []docBlock {
	var out []docBlock
	for _, para := range strings.Split(doc, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		if !strings.HasPrefix(para, "- ") {
			out = append(out, docBlock{Text: para})
			continue
		}
		var b docBlock
		for _, l := range strings.Split(para, "\n") {
			l = strings.TrimSpace(l)
			if item, ok := strings.CutPrefix(l, "- "); ok {
				b.Items = append(b.Items, item)
			} else if n := len(b.Items); n > 0 {
				b.Items[n-1] += " " + l
			}
		}
		out = append(out, b)
	}
	return out
}

type suppression struct {
	File    string
	Line    int
	Comment string // the comment line to paste, indented as the line
	Source  string // the finding's line, as it stands
}

// Lines of a frame beyond which only the declaration and the lines
// around its steps are shown.
const (
	maxFrameLines = 160
	contextLines  = 6
	windowLines   = 5
)

func (s *site) page(i int) *page {
	w := s.Rows[i]
	f := w.Finding
	p := &page{row: w, Generator: s.Generator, Baseline: s.Baseline, Up: "../index.html"}
	if i > 0 {
		p.Prev = path.Base(s.Rows[i-1].Href)
	}
	if i+1 < len(s.Rows) {
		p.Next = path.Base(s.Rows[i+1].Href)
	}
	for _, t := range f.Trace {
		p.Steps = append(p.Steps, &step{N: len(p.Steps) + 1, File: t.File, Line: t.Line, Column: t.Column, Note: t.Note, Depth: t.Depth, path: orFile(t.Path, t.File)})
	}
	p.Steps = append(p.Steps, &step{N: len(p.Steps) + 1, File: f.File, Line: f.Line, Column: f.Column, Note: f.Message, Final: true, path: orFile(f.Path, f.File)})
	p.Frames = s.frames(p.Steps, f)
	if r := rules.ByID(f.Rule); r != nil {
		doc := &ruleDoc{ID: r.ID, Summary: r.Summary, Precision: r.Precision().String(), Source: r.Source,
			Quote: strings.TrimRight(r.Quote, "\n"), Bad: strings.TrimRight(r.Bad, "\n"), Good: strings.TrimRight(r.Good, "\n"), Known: true}
		doc.Doc = docBlocks(r.Doc)
		p.Rule = doc
	} else {
		p.Rule = &ruleDoc{ID: f.Rule}
	}
	if f.Rule != rules.Suppression.ID {
		line, _ := s.src.line(orFile(f.Path, f.File), f.Line)
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		p.Suppress = &suppression{File: f.File, Line: f.Line, Source: line,
			Comment: indent + "/* kpreempt: ignore " + f.Rule + " -- <why the code is safe> */"}
	}
	return p
}

func orFile(p, file string) string {
	if p != "" {
		return p
	}
	return file
}

// frames groups the steps by the function they are in, in the order the
// path first enters each, and lays out each function's source with its
// steps.
func (s *site) frames(steps []*step, f *report.Finding) []*frame {
	var out []*frame
	byKey := map[string]*frame{}
	extentOf := map[string]extent{}
	for _, st := range steps {
		file := s.src.file(st.path)
		key := ""
		var e extent
		switch {
		case file == nil:
			key = "missing\x00" + st.path
		default:
			var ok bool
			if e, ok = find(file.extents, st.Line); ok {
				key = fmt.Sprintf("fn\x00%s\x00%d", st.path, e.Start)
			} else {
				key = fmt.Sprintf("win\x00%s\x00%d", st.path, st.Line)
			}
		}
		st.frameKey = key
		fr := byKey[key]
		if fr == nil {
			fr = &frame{ID: len(out) + 1, File: st.File}
			switch {
			case file == nil:
				fr.Missing = true
			case strings.HasPrefix(key, "fn\x00"):
				fr.Name, fr.Start, fr.End = e.Name, e.Doc, e.End
				extentOf[key] = e
			default:
				fr.Window = true
				fr.Start, fr.End = max(1, st.Line-windowLines), min(len(file.lines), st.Line+windowLines)
			}
			if fr.Name == "" && st.Final && !fr.Window && f.Function != "" {
				fr.Name = f.Function
			}
			byKey[key] = fr
			out = append(out, fr)
		}
	}
	for _, fr := range out {
		if fr.Missing {
			continue
		}
		var mine []*step
		var key string
		for _, st := range steps {
			if byKey[st.frameKey] == fr {
				mine = append(mine, st)
				key = st.frameKey
			}
		}
		file := s.src.file(mine[0].path)
		keep := map[int]bool{}
		if e := extentOf[key]; !fr.Window && e.End-e.Start+1 > maxFrameLines {
			fr.Start = e.Start // without its comment
			for l := e.Start; l <= e.Open; l++ {
				keep[l] = true
			}
			keep[e.End] = true
			for _, st := range mine {
				for l := st.Line - contextLines; l <= st.Line+contextLines; l++ {
					keep[l] = true
				}
			}
		}
		at := map[int][]*step{}
		for _, st := range mine {
			at[st.Line] = append(at[st.Line], st)
		}
		gap := 0
		for l := fr.Start; l <= fr.End && l <= len(file.lines); l++ {
			if len(keep) > 0 && !keep[l] {
				gap++
				continue
			}
			if gap > 0 {
				fr.Rows = append(fr.Rows, &srcRow{Gap: gap})
				gap = 0
			}
			text := file.lines[l-1]
			r := &srcRow{N: l, Anchor: fmt.Sprintf("f%d-L%d", fr.ID, l), Pre: text, Steps: at[l]}
			if len(r.Steps) > 0 {
				r.Hit = true
				col := r.Steps[len(r.Steps)-1].Column
				for _, st := range r.Steps {
					st.Anchor = r.Anchor
					st.displayCol = displayWidth(text, st.Column)
					r.FinalHit = r.FinalHit || st.Final
				}
				r.Pre, r.Mark, r.Post = markToken(text, col)
			}
			fr.Rows = append(fr.Rows, r)
		}
		if gap > 0 {
			fr.Rows = append(fr.Rows, &srcRow{Gap: gap})
		}
	}
	return out
}

// Indent is how far a step's note is indented under its line, in
// characters: under the column it points at.
func (st *step) Indent() int { return st.displayCol }

// markToken splits a line around the token that starts at byte column
// col (1-based): an identifier, or one character.
func markToken(text string, col int) (string, string, string) {
	i := col - 1
	if col < 1 || i >= len(text) {
		return text, "", ""
	}
	j := i
	for j < len(text) && isIdent(text[j]) {
		j++
	}
	if j == i {
		_, n := utf8.DecodeRuneInString(text[i:])
		j = i + n
	}
	return text[:i], text[i:j], text[j:]
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// displayWidth is the width of the text before byte column col, tabs to
// the next multiple of 8, as the source is shown.
func displayWidth(text string, col int) int {
	w := 0
	for i, r := range text {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			w += 8 - w%8
		} else {
			w++
		}
	}
	return w
}

// sources reads the report's files once each, split into lines, with
// their top-level definitions.
type sources struct {
	src   *report.Sources
	files map[string]*srcFile
}

type srcFile struct {
	lines   []string
	extents []extent
}

func newSources(src *report.Sources) *sources {
	return &sources{src: src, files: map[string]*srcFile{}}
}

func (s *sources) file(p string) *srcFile {
	if f, ok := s.files[p]; ok {
		return f
	}
	var f *srcFile
	if data := s.src.Content(p); data != nil {
		text := strings.ToValidUTF8(string(data), "\uFFFD")
		lines := strings.Split(text, "\n")
		if len(lines) > 0 && lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		for i, l := range lines {
			lines[i] = strings.TrimSuffix(l, "\r")
		}
		f = &srcFile{lines: lines, extents: extents(data)}
	}
	s.files[p] = f
	return f
}

func (s *sources) line(p string, n int) (string, bool) {
	f := s.file(p)
	if f == nil || n < 1 || n > len(f.lines) {
		return "", false
	}
	return f.lines[n-1], true
}
