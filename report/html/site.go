// Package html renders a report as a static web site for triage: an index
// of every finding, with counts per rule, subsystem and directory, that
// sorts and filters by rule, directory, MAINTAINERS entry and maintainer;
// and a page per finding that draws the path over the source of each
// function it goes through (steps numbered in path order, as clang's
// scan-build draws them), with the rule's documentation, the paragraph
// of preempt-locking.rst it enforces and the suppression comment to paste
// when the code is right.
//
// The site is plain files: no server, and a few lines of vanilla
// JavaScript that work from file://. Every piece of text, source lines
// above all, goes through html/template's escaping. The same report
// gives byte-identical files. A site is written into a temporary
// directory beside its destination and renamed into place, and only
// replaces an empty directory or an earlier site (marked by a
// .kpreempt-site file).
package html

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/report/maintainers"
	"github.com/kpreempt/kpreempt/rules"
)

// Options control the site.
type Options struct {
	// Maintainers, if set, groups findings by its entries; nil groups
	// them by top-level directory, and the site says so.
	Maintainers *maintainers.File
	// MaintainersPath is where Maintainers was read, shown on the index.
	MaintainersPath string
	// Known, if set, tells the findings a baseline holds: the others are
	// marked new.
	Known func(report.Finding) bool
	// Generator names the program that made the site, e.g. "kpreempt 0.1.0".
	Generator string
}

//go:embed assets
var assets embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	"personName": personName,
}).ParseFS(assets, "assets/*.tmpl"))

// Marker is the file that marks a directory as a kpreempt site, which a
// later run may replace.
const Marker = ".kpreempt-site"

// Render produces the site's files, each given to emit with its name
// relative to the site's top (slash-separated), in a fixed order.
func Render(r *report.Result, opt Options, emit func(name string, data []byte) error) error {
	s := newSite(r, opt)
	for _, name := range []string{"style.css", "index.js"} {
		data, err := assets.ReadFile("assets/" + name)
		if err != nil {
			return err
		}
		if err := emit(name, data); err != nil {
			return err
		}
	}
	if err := emit(Marker, []byte("kpreempt HTML report: the next kpreempt --format html -o run replaces this directory whole\n")); err != nil {
		return err
	}
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "index.tmpl", s); err != nil {
		return err
	}
	if err := emit("index.html", b.Bytes()); err != nil {
		return err
	}
	for i := range s.Rows {
		b.Reset()
		if err := templates.ExecuteTemplate(&b, "finding.tmpl", s.page(i)); err != nil {
			return err
		}
		if err := emit(s.Rows[i].Href, b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// site is what the index shows.
type site struct {
	Generator       string
	Root            string
	MaintainersPath string // "" when findings are grouped by directory
	Baseline        bool
	Stats           report.Stats
	Notes           []string
	New, Known      int
	Rows            []*row
	ByRule          []count
	BySection       []count
	ByDir           []count
	Rules           []option
	Sections        []option
	Maintainers     []option
	Dirs            []string

	result *report.Result
	src    *sources
	opt    Options
}

// row is a finding as the index lists it.
type row struct {
	N                 int
	Href              string // the finding's page, relative to the top
	Finding           *report.Finding
	Dir               string
	Sections          []*maintainers.Entry
	SectionNames      []string
	Maintainers       []string // M: of every section, in order, once each
	SectionsJSON      string
	MaintainersJSON   string
	Status            string // "new" or "known" with a baseline, else ""
	LocationSortValue string
}

// count is a line of a summary table.
type count struct {
	Key, Label, Detail string
	Count, New         int
	People             []string
}

// option is an entry of a filter's drop-down list.
type option struct {
	Value, Label string
	Count        int
}

func newSite(r *report.Result, opt Options) *site {
	s := &site{
		Generator: opt.Generator, Root: r.Root, Stats: r.Stats, Notes: r.Notes,
		MaintainersPath: opt.MaintainersPath, Baseline: opt.Known != nil,
		result: r, src: newSources(r.Sources), opt: opt,
	}
	if opt.Maintainers == nil {
		s.MaintainersPath = ""
	}
	ids := pageIDs(r.Findings)
	byRule := map[string]*count{}
	bySection := map[string]*count{}
	byDir := map[string]*count{}
	byPerson := map[string]*option{}
	dirs := map[string]bool{}
	for i := range r.Findings {
		f := &r.Findings[i]
		w := &row{N: i + 1, Href: "findings/" + ids[i] + ".html", Finding: f, Dir: path.Dir(f.File)}
		w.LocationSortValue = fmt.Sprintf("%s\x00%09d\x00%09d", f.File, f.Line, f.Column)
		if opt.Known != nil {
			w.Status = "new"
			if opt.Known(*f) {
				w.Status = "known"
				s.Known++
			} else {
				s.New++
			}
		}
		w.Sections = opt.Maintainers.Sections(f.File)
		seen := map[string]bool{}
		for _, e := range w.Sections {
			w.SectionNames = append(w.SectionNames, e.Name)
			for _, m := range e.Maintainers {
				if !seen[m] {
					seen[m] = true
					w.Maintainers = append(w.Maintainers, m)
				}
			}
		}
		w.SectionsJSON = jsonList(w.SectionNames)
		w.MaintainersJSON = jsonList(w.Maintainers)
		s.Rows = append(s.Rows, w)

		isNew := w.Status == "new"
		add(byRule, f.Rule, isNew, nil)
		for _, e := range w.Sections {
			add(bySection, e.Name, isNew, e)
		}
		for d := w.Dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
			dirs[d] = true
			if strings.Count(d, "/") < 2 {
				add(byDir, d, isNew, nil)
			}
		}
		for _, m := range w.Maintainers {
			o := byPerson[m]
			if o == nil {
				o = &option{Value: m, Label: personName(m)}
				byPerson[m] = o
			}
			o.Count++
		}
	}
	s.ByRule = sorted(byRule)
	for i := range s.ByRule {
		if rule := rules.ByID(s.ByRule[i].Key); rule != nil {
			s.ByRule[i].Detail = rule.Summary
		}
		s.Rules = append(s.Rules, option{Value: s.ByRule[i].Key, Label: s.ByRule[i].Key, Count: s.ByRule[i].Count})
	}
	sort.Slice(s.Rules, func(i, j int) bool { return s.Rules[i].Value < s.Rules[j].Value })
	s.BySection = sorted(bySection)
	for _, c := range s.BySection {
		s.Sections = append(s.Sections, option{Value: c.Key, Label: c.Key, Count: c.Count})
	}
	sort.Slice(s.Sections, func(i, j int) bool { return s.Sections[i].Value < s.Sections[j].Value })
	s.ByDir = sorted(byDir)
	for _, o := range byPerson {
		s.Maintainers = append(s.Maintainers, *o)
	}
	sort.Slice(s.Maintainers, func(i, j int) bool {
		a, b := s.Maintainers[i], s.Maintainers[j]
		if la, lb := strings.ToLower(a.Label), strings.ToLower(b.Label); la != lb {
			return la < lb
		}
		return a.Value < b.Value
	})
	for d := range dirs {
		s.Dirs = append(s.Dirs, d)
	}
	sort.Strings(s.Dirs)
	return s
}

func add(m map[string]*count, key string, isNew bool, e *maintainers.Entry) {
	c := m[key]
	if c == nil {
		c = &count{Key: key, Label: key}
		if e != nil {
			c.People = e.Maintainers
			c.Detail = e.Status
		}
		m[key] = c
	}
	c.Count++
	if isNew {
		c.New++
	}
}

// sorted lists counts, most findings first.
func sorted(m map[string]*count) []count {
	out := make([]count, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// pageIDs names the findings' pages: by fingerprint, so that a finding
// keeps its address from one run to the next, unless some finding has
// none or two share one; then by position.
func pageIDs(fs []report.Finding) []string {
	ids := make([]string, len(fs))
	seen := map[string]bool{}
	byFingerprint := true
	for i, f := range fs {
		if f.Fingerprint == "" || seen[f.Fingerprint] || !hexID.MatchString(f.Fingerprint) {
			byFingerprint = false
			break
		}
		seen[f.Fingerprint] = true
		ids[i] = f.Fingerprint
	}
	if !byFingerprint {
		for i := range fs {
			ids[i] = strconv.Itoa(i + 1)
		}
	}
	return ids
}

var hexID = regexp.MustCompile(`^[0-9a-f]{1,64}$`)

// personName is the name of "Full Name <address>", or the address.
func personName(m string) string {
	if i := strings.LastIndexByte(m, '<'); i > 0 {
		return strings.Trim(strings.TrimSpace(m[:i]), `"`)
	}
	return m
}

func jsonList(l []string) string {
	if l == nil {
		l = []string{}
	}
	b, _ := json.Marshal(l)
	return string(b)
}
