// Package baseline reads a previous report — kpreempt's JSON or any
// SARIF log it wrote — and removes from a new report the findings that
// were already in it, so that a tree with known findings can gate on new
// ones only. Findings match by fingerprint (rule, file, function and the
// text of the reported line, not its number), so moving code does not
// bring old findings back. Reports without fingerprints match on rule,
// file, function and message instead.
package baseline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kpreempt/kpreempt/internal/boundedio"
	"github.com/kpreempt/kpreempt/report"
)

// Set is the findings of a baseline.
type Set struct {
	fingerprints map[string]bool
	loose        map[string]bool // findings without a fingerprint
}

// maxReport bounds a baseline report's size: far more than the JSON of
// every finding of a whole kernel tree, far less than memory.
const maxReport = 1 << 30

// Load reads a baseline file, a regular file (a device or FIFO would
// never end, or never start). Errors are one line and name the file.
func Load(path string) (*Set, error) {
	data, err := boundedio.ReadFile(path, maxReport)
	if err != nil {
		return nil, fmt.Errorf("baseline: %v", err)
	}
	s, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %v", path, err)
	}
	return s, nil
}

// Parse reads a baseline from memory.
func Parse(data []byte) (*Set, error) {
	var probe struct {
		Version  json.RawMessage   `json:"version"`
		Runs     []json.RawMessage `json:"runs"`
		Findings []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("not a kpreempt JSON or SARIF report: %v", oneLine(err))
	}
	s := &Set{fingerprints: map[string]bool{}, loose: map[string]bool{}}
	switch {
	case probe.Runs != nil:
		return s, s.sarif(data)
	case probe.Findings != nil:
		return s, s.json(data)
	}
	return nil, fmt.Errorf("not a kpreempt JSON or SARIF report: it has neither \"findings\" nor \"runs\"")
}

func (s *Set) json(data []byte) error {
	var r report.Result
	if err := json.Unmarshal(data, &r); err != nil {
		return fmt.Errorf("malformed kpreempt JSON report: %v", oneLine(err))
	}
	for _, f := range r.Findings {
		s.add(f.Fingerprint, f.Rule, f.File, f.Function, f.Message)
	}
	return nil
}

func (s *Set) sarif(data []byte) error {
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
					LogicalLocations []struct {
						Name string `json:"name"`
					} `json:"logicalLocations"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&log); err != nil {
		return fmt.Errorf("malformed SARIF log: %v", oneLine(err))
	}
	for _, run := range log.Runs {
		for _, r := range run.Results {
			var file, function string
			if len(r.Locations) > 0 {
				file = r.Locations[0].PhysicalLocation.ArtifactLocation.URI
				if ll := r.Locations[0].LogicalLocations; len(ll) > 0 {
					function = ll[0].Name
				}
			}
			s.add(r.PartialFingerprints[report.SARIFFingerprintKey], r.RuleID, file, function, r.Message.Text)
		}
	}
	return nil
}

func (s *Set) add(fingerprint, rule, file, function, message string) {
	if fingerprint != "" {
		s.fingerprints[fingerprint] = true
		return
	}
	s.loose[looseKey(rule, file, function, message)] = true
}

func looseKey(rule, file, function, message string) string {
	return strings.Join([]string{rule, file, function, message}, "\x00")
}

// Len is the number of findings in the baseline.
func (s *Set) Len() int { return len(s.fingerprints) + len(s.loose) }

// Contains reports whether f was in the baseline.
func (s *Set) Contains(f report.Finding) bool {
	return f.Fingerprint != "" && s.fingerprints[f.Fingerprint] ||
		s.loose[looseKey(f.Rule, f.File, f.Function, f.Message)]
}

// Filter removes the findings that are in the baseline (fingerprints must
// be set) and returns how many it removed.
func (s *Set) Filter(r *report.Result) int {
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		if !s.Contains(f) {
			kept = append(kept, f)
		}
	}
	n := len(r.Findings) - len(kept)
	r.Findings = kept
	return n
}

func oneLine(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}
