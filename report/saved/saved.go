// Package saved reads back a report kpreempt wrote, its JSON object or
// its SARIF log, so that it can be rendered again in another format
// (`kpreempt report html out.json`) without analysing anything.
//
// JSON keeps everything but the frames of call chains (Step.Depth) and
// the source root; SARIF keeps both (threadFlow nestingLevel,
// %SRCROOT%) and counts columns in UTF-16 code units, which Resolve
// turns back into bytes once the files can be read.
package saved

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/kpreempt/kpreempt/internal/boundedio"
	"github.com/kpreempt/kpreempt/report"
)

// maxReport bounds a report's size, as for baselines.
const maxReport = 1 << 30

// Report is a report read back.
type Report struct {
	*report.Result
	// Root is the source root the report names (SARIF's %SRCROOT%);
	// "" for JSON, which does not record it.
	Root string
	// Format is "json" or "sarif".
	Format string

	utf16 bool // columns count UTF-16 code units (until Resolve)
}

// Load reads a saved report. Errors are one line and name the file.
func Load(path string) (*Report, error) {
	data, err := boundedio.ReadFile(path, maxReport)
	if err != nil {
		return nil, fmt.Errorf("report: %v", err)
	}
	r, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return r, nil
}

// Parse reads a saved report from memory.
func Parse(data []byte) (*Report, error) {
	var probe struct {
		Version  json.RawMessage   `json:"version"`
		Runs     []json.RawMessage `json:"runs"`
		Findings []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("not a kpreempt JSON or SARIF report: %v", oneLine(err))
	}
	switch {
	case probe.Runs != nil:
		return parseSARIF(data)
	case probe.Findings != nil:
		if v := string(probe.Version); v != "" && v != strconv.Itoa(report.Version) {
			return nil, fmt.Errorf("kpreempt JSON report version %s, this kpreempt reads version %d", v, report.Version)
		}
		r := report.New()
		if err := json.Unmarshal(data, r); err != nil {
			return nil, fmt.Errorf("malformed kpreempt JSON report: %v", oneLine(err))
		}
		r.Version = report.Version
		normalise(r)
		return &Report{Result: r, Format: "json"}, nil
	}
	return nil, fmt.Errorf("not a kpreempt JSON or SARIF report: it has neither \"findings\" nor \"runs\"")
}

// normalise makes lists empty rather than null, as report.New has them.
func normalise(r *report.Result) {
	if r.Findings == nil {
		r.Findings = []report.Finding{}
	}
	if r.Stats.FailedFiles == nil {
		r.Stats.FailedFiles = []report.FailedFile{}
	}
	for i := range r.Findings {
		if r.Findings[i].Trace == nil {
			r.Findings[i].Trace = []report.Step{}
		}
	}
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
	LogicalLocations []struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
	} `json:"logicalLocations"`
	Message struct {
		Text string `json:"text"`
	} `json:"message"`
}

type sarifLog struct {
	Runs []struct {
		ColumnKind         string `json:"columnKind"`
		OriginalURIBaseIDs map[string]struct {
			URI string `json:"uri"`
		} `json:"originalUriBaseIds"`
		Results []struct {
			RuleID  string `json:"ruleId"`
			Level   string `json:"level"`
			Message struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations           []sarifLocation   `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			CodeFlows           []struct {
				ThreadFlows []struct {
					Locations []struct {
						Location     sarifLocation `json:"location"`
						NestingLevel int           `json:"nestingLevel"`
					} `json:"locations"`
				} `json:"threadFlows"`
			} `json:"codeFlows"`
		} `json:"results"`
		Invocations []struct {
			Notifications []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []sarifLocation `json:"locations"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

func parseSARIF(data []byte) (*Report, error) {
	var log sarifLog
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&log); err != nil {
		return nil, fmt.Errorf("malformed SARIF log: %v", oneLine(err))
	}
	out := &Report{Result: report.New(), Format: "sarif"}
	utf16Cols := false
	for _, run := range log.Runs {
		if base, ok := run.OriginalURIBaseIDs["%SRCROOT%"]; ok && out.Root == "" {
			if u, err := url.Parse(base.URI); err == nil && u.Scheme == "file" {
				out.Root = filepath.Clean(filepath.FromSlash(u.Path))
			}
		}
		utf16Cols = utf16Cols || run.ColumnKind == "" || run.ColumnKind == "utf16CodeUnits"
		for _, res := range run.Results {
			f := report.Finding{Rule: res.RuleID, Severity: "warning", Message: res.Message.Text, Trace: []report.Step{}}
			if res.Level == "error" {
				f.Severity = "error"
			}
			if len(res.Locations) > 0 {
				l := res.Locations[0]
				f.File, f.Line, f.Column = where(l)
				for _, ll := range l.LogicalLocations {
					if ll.Kind == "" || ll.Kind == "function" {
						f.Function = ll.Name
						break
					}
				}
			}
			f.Fingerprint = res.PartialFingerprints[report.SARIFFingerprintKey]
			if len(res.CodeFlows) > 0 && len(res.CodeFlows[0].ThreadFlows) > 0 {
				locs := res.CodeFlows[0].ThreadFlows[0].Locations
				// The flow ends at the result's own location.
				if n := len(locs); n > 0 {
					locs = locs[:n-1]
				}
				for _, tl := range locs {
					file, line, col := where(tl.Location)
					f.Trace = append(f.Trace, report.Step{File: file, Line: line, Column: col, Note: tl.Location.Message.Text, Depth: tl.NestingLevel})
				}
			}
			out.Findings = append(out.Findings, f)
		}
		for _, inv := range run.Invocations {
			for _, n := range inv.Notifications {
				if n.Level == "error" && len(n.Locations) > 0 {
					file, _, _ := where(n.Locations[0])
					out.Stats.FailedFiles = append(out.Stats.FailedFiles, report.FailedFile{File: file, Error: n.Message.Text})
				} else if n.Message.Text != "" {
					out.Notes = append(out.Notes, n.Message.Text)
				}
			}
		}
	}
	out.utf16 = utf16Cols
	return out, nil
}

func where(l sarifLocation) (string, int, int) {
	uri := l.PhysicalLocation.ArtifactLocation.URI
	file := uri
	if u, err := url.Parse(uri); err == nil {
		file = u.Path
		if u.Scheme == "file" {
			file = filepath.FromSlash(u.Path)
		}
	}
	return file, l.PhysicalLocation.Region.StartLine, l.PhysicalLocation.Region.StartColumn
}

// Resolve makes the report's files readable: each is read at root (the
// report's own root when root is ""), and SARIF's UTF-16 columns become
// byte columns of the lines read. It returns how many of the files the
// findings name could not be read.
func (r *Report) Resolve(root string) int {
	if root == "" {
		root = r.Root
	}
	if abs, err := filepath.Abs(root); err == nil && root != "" {
		root = abs
	}
	r.Result.Root = root
	src := report.NewSources()
	r.Sources = src
	path := func(file string) string {
		if filepath.IsAbs(file) || root == "" {
			return file
		}
		return filepath.Join(root, filepath.FromSlash(file))
	}
	missing := map[string]bool{}
	fix := func(p string, line, col int) int {
		if src.Content(p) == nil {
			missing[p] = true
			return col
		}
		if !r.utf16 {
			return col
		}
		text, ok := src.Line(p, line)
		if !ok {
			return col
		}
		return byteColumn(text, col)
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Path = path(f.File)
		f.Column = fix(f.Path, f.Line, f.Column)
		for j := range f.Trace {
			t := &f.Trace[j]
			t.Path = path(t.File)
			t.Column = fix(t.Path, t.Line, t.Column)
		}
	}
	r.utf16 = false
	return len(missing)
}

// byteColumn is the 1-based byte column of a 1-based UTF-16 column.
func byteColumn(text string, col int) int {
	units := 1
	for i, c := range text {
		if units >= col {
			return i + 1
		}
		units += utf16.RuneLen(c)
	}
	if units >= col {
		return len(text) + 1
	}
	return col
}

func oneLine(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}
