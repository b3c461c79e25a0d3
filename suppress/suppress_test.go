package suppress

import (
	"strconv"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/internal/testkit"
	"github.com/kpreempt/kpreempt/report"
	"github.com/kpreempt/kpreempt/rules"
)

func TestParse(t *testing.T) {
	src := `x; /* kpreempt: ignore percpu-preemptible -- the value is a hint */
// kpreempt: ignore stale-cpu, lock-owner -- caller holds it
/* kpreempt:ignore percpu-preemptible */
/* kpreempt: ignore -- why */
/* kpreempt: ignore no-such-rule -- why */
/* kpreempt: ignore stale-cpu -- */
/* kpreempt: ignoring is not a directive */
`
	got := Parse([]byte(src))
	if len(got) != 6 {
		t.Fatalf("parsed %d comments: %+v", len(got), got)
	}
	if c := got[0]; c.Line != 1 || c.Col != 4 || c.Problem != "" || c.Reason != "the value is a hint" || strings.Join(c.Rules, ",") != "percpu-preemptible" {
		t.Errorf("first: %+v", c)
	}
	if c := got[1]; c.Problem != "" || strings.Join(c.Rules, ",") != "stale-cpu,lock-owner" {
		t.Errorf("line comment with two rules: %+v", c)
	}
	for i, want := range []string{"has no reason", "names no rule", "unknown rule \"no-such-rule\"", "has no reason"} {
		if c := got[i+2]; !strings.Contains(c.Problem, want) {
			t.Errorf("comment on line %d: problem %q, want %q", c.Line, c.Problem, want)
		}
	}
}

// TestApply runs the analysis on a file where one finding is silenced
// with a reason, one comment lacks a reason (so its finding stays and the
// comment is reported), and one finding has no comment.
func TestApply(t *testing.T) {
	src := `#include <linux/smp.h>

int silenced(void)
{
	/* kpreempt: ignore percpu-preemptible -- only a hint */
	return smp_processor_id();
}

int trailing(void)
{
	return smp_processor_id(); // kpreempt: ignore percpu-preemptible -- a hint too
}

int unexplained(void)
{
	/* kpreempt: ignore percpu-preemptible */
	return smp_processor_id();
}

int plain(void)
{
	return smp_processor_id();
}
`
	res, path := testkit.Check(t, "s.c", src)
	if len(res.Findings) != 4 {
		t.Fatalf("want 4 findings before suppression, got %d", len(res.Findings))
	}
	n := Apply(res, []File{{Path: path, Display: "s.c"}}, report.NewSources())
	if n != 2 {
		t.Errorf("silenced %d, want 2", n)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Rule+"@"+strconv.Itoa(f.Line))
	}
	want := "percpu-preemptible@17 percpu-preemptible@22 suppression@16"
	if strings.Join(got, " ") != want {
		t.Errorf("findings %q, want %q", strings.Join(got, " "), want)
	}
}

// The documented examples of the suppression rule behave as documented.
func TestDocumentedExamples(t *testing.T) {
	for _, ex := range []struct {
		src     string
		problem bool
	}{{rules.Suppression.Bad, true}, {rules.Suppression.Good, false}} {
		cs := Parse([]byte(ex.src))
		if len(cs) != 1 || (cs[0].Problem != "") != ex.problem {
			t.Errorf("example %q: %+v", ex.src, cs)
		}
	}
}
