package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrecisionMatchesTriage recounts the verdicts of the recorded triage
// (testdata/triage/verdicts.tsv) per rule: the precision the rules
// publish is what the triage found.
func TestPrecisionMatchesTriage(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "testdata", "triage", "verdicts.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string]Precision{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	header := true
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		cells := strings.Split(line, "\t")
		if header {
			if len(cells) < 6 || cells[2] != "rule" || cells[4] != "verdict" {
				t.Fatalf("verdicts.tsv: header %q", line)
			}
			header = false
			continue
		}
		if len(cells) < 6 || cells[5] == "" {
			t.Errorf("verdicts.tsv: a row without its reason: %q", line)
			continue
		}
		if ByID(cells[2]) == nil {
			t.Errorf("verdicts.tsv: unknown rule %q", cells[2])
		}
		p := got[cells[2]]
		switch cells[4] {
		case "real":
			p.Real++
		case "by-design":
			p.ByDesign++
		case "false":
			p.False++
		case "unsure": // read, neither shown: not judged
		default:
			t.Errorf("verdicts.tsv: verdict %q (real, by-design, false or unsure)", cells[4])
		}
		got[cells[2]] = p
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, r := range All() {
		if g, m := got[r.ID], r.Precision(); g != m {
			t.Errorf("%s: the triage has %+v, the rule publishes %+v", r.ID, g, m)
		}
	}
}

func TestPrecisionClass(t *testing.T) {
	for _, c := range []struct {
		p    Precision
		want string
	}{
		{Precision{}, "medium"},
		{Precision{Real: 9, False: 1}, "very-high"},
		{Precision{Real: 7, ByDesign: 2, False: 1}, "high"},
		{Precision{Real: 4, False: 6}, "medium"},
		{Precision{Real: 1, ByDesign: 1, False: 8}, "low"},
	} {
		if got := c.p.Class(); got != c.want {
			t.Errorf("%+v: %s, want %s", c.p, got, c.want)
		}
	}
}
