package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Fingerprint sets each finding's fingerprint: a hash of its rule, file,
// function and the text of its line with all white space removed, plus how
// many findings with the same four came before it. Line numbers are left
// out, so a finding keeps its fingerprint when code above it moves, and
// re-indenting or re-wrapping the line does not change it either; editing
// the line itself does.
func (r *Result) Fingerprint(src *Sources) {
	seen := map[string]int{}
	for i := range r.Findings {
		f := &r.Findings[i]
		line, _ := src.Line(f.Path, f.Line)
		key := strings.Join([]string{f.Rule, f.File, f.Function, squeeze(line)}, "\x00")
		// Occurrences are counted per version of the file: a run that
		// checks two versions of one file (the patches of a series) gives
		// each the fingerprints it would have alone.
		seen[f.Path+"\x00"+key]++
		sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(seen[f.Path+"\x00"+key])))
		f.Fingerprint = hex.EncodeToString(sum[:8])
	}
}

// squeeze drops all white space.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '\v', '\f':
			return -1
		}
		return r
	}, s)
}
