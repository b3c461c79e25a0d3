package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kpreempt/kpreempt/driver"
	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/rules"
)

// Every rule's documented examples behave as documented: the bad one is
// flagged by the rule, the good one by no rule.
func TestDocumentedExamples(t *testing.T) {
	dir := t.TempDir()
	for _, r := range rules.All() {
		if r.ID == "" || r.Summary == "" || r.Doc == "" || r.Quote == "" || r.Source == "" || r.Run == nil {
			t.Errorf("rule %q is missing documentation", r.ID)
		}
		for _, ex := range []struct {
			name, src string
			flagged   bool
		}{{"bad", r.Bad, true}, {"good", r.Good, false}} {
			f := filepath.Join(dir, r.ID+"-"+ex.name+".c")
			if err := os.WriteFile(f, []byte(ex.src), 0o644); err != nil {
				t.Fatal(err)
			}
			res := driver.Check(kbuild.Standalone(f), rules.All())
			if res.Err != nil {
				t.Errorf("%s %s example: %v", r.ID, ex.name, res.Err)
				continue
			}
			own := 0
			for _, d := range res.Diags {
				if d.Rule == r.ID {
					own++
				}
			}
			switch {
			case ex.flagged && own == 0:
				t.Errorf("%s: the bad example is not flagged", r.ID)
			case !ex.flagged && len(res.Diags) > 0:
				t.Errorf("%s: the good example is flagged: %s", r.ID, res.Diags[0].Message)
			}
		}
	}
}

func TestRegistry(t *testing.T) {
	all := rules.All()
	for i := 1; i < len(all); i++ {
		if all[i-1].ID >= all[i].ID {
			t.Errorf("rules not sorted or duplicated: %s, %s", all[i-1].ID, all[i].ID)
		}
	}
	for _, r := range all {
		if rules.ByID(r.ID) != r {
			t.Errorf("ByID(%s) does not find it", r.ID)
		}
	}
	if rules.ByID("nope") != nil {
		t.Error("ByID finds an unknown rule")
	}
}
