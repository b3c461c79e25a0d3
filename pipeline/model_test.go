package pipeline

import (
	"path/filepath"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
	"github.com/kpreempt/kpreempt/rules"
)

// A run for one kind of kernel leaves out the findings that hold only on
// the other; every finding says which kernels it holds on.
func TestModelFilter(t *testing.T) {
	abs, _ := filepath.Abs(filepath.Join("..", "testdata", "csrc", "rt"))
	targets, err := Discover("", []string{abs}, abs)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[rules.Model]map[string]int{}
	for _, m := range []rules.Model{rules.BothModels, rules.RTModel, rules.Classic} {
		rep := Check(Options{Model: m}, targets)
		if rep.Model != string(m) {
			t.Errorf("run for %s says %q", m, rep.Model)
		}
		counts[m] = map[string]int{}
		for _, f := range rep.Findings {
			counts[m][f.Model]++
			if r := rules.ByID(f.Rule); r.Model == rules.RTModel && f.Model != "rt" {
				t.Errorf("%s:%d: a %s finding holds on %q", f.File, f.Line, f.Rule, f.Model)
			}
		}
	}
	// testdata/csrc/rt/kernel-tests.c has a finding on kernels without
	// PREEMPT_RT only.
	both, rt := counts[rules.BothModels], counts[rules.RTModel]
	if both["rt"] == 0 || both["both"] == 0 || both["classic"] == 0 {
		t.Fatalf("--model both: %v; want findings of each model", both)
	}
	if rt["rt"] != both["rt"] || rt["both"] != both["both"] || rt["classic"] != 0 {
		t.Errorf("--model rt: %v, want %v without the classic ones", rt, both)
	}
	if c := counts[rules.Classic]; c["rt"] != 0 || c["both"] != both["both"] || c["classic"] != both["classic"] {
		t.Errorf("--model classic: %v; want %v without the rt ones", c, both)
	}
}

// The tree's .config decides the default: PREEMPT_RT on, an
// architecture without it, or both possible.
func TestDefaultModel(t *testing.T) {
	for _, c := range []struct {
		config map[string]string
		want   rules.Model
	}{
		{map[string]string{"CONFIG_ARCH_SUPPORTS_RT": "y", "CONFIG_PREEMPT_RT": "y"}, rules.RTModel},
		{map[string]string{"CONFIG_ARCH_SUPPORTS_RT": "y", "CONFIG_PREEMPT": "y"}, rules.BothModels},
		{map[string]string{"CONFIG_PPC64": "y"}, rules.Classic},
	} {
		if got := DefaultModel(&kbuild.Tree{Config: c.config}); got != c.want {
			t.Errorf("%v: %s, want %s", c.config, got, c.want)
		}
	}
	if got := DefaultModel(nil); got != rules.BothModels {
		t.Errorf("outside a tree: %s", got)
	}
}
