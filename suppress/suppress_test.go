package suppress_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/internal/testkit"
	"github.com/kpreempt/kpreempt/rules"
	"github.com/kpreempt/kpreempt/suppress"
)

func TestParse(t *testing.T) {
	src := `x; /* kpreempt: ignore percpu-preemptible -- the value is a hint */
// kpreempt: ignore stale-cpu, lock-owner -- caller holds it
/* kpreempt:ignore percpu-preemptible */
/* kpreempt: ignore -- why */
/* kpreempt: ignore no-such-rule -- why */
/* kpreempt: ignore stale-cpu -- */
/* kpreempt: ignoring is not a directive */
/*
 * KPREEMPT: Ignore KPREEMPT_LOCK_OWNER -- the lock is the caller's,
 * taken in foo_begin()
 */
char *s = "/* kpreempt: ignore stale-cpu -- in a string */";
`
	got := suppress.Parse([]byte(src))
	if len(got) != 7 {
		t.Fatalf("parsed %d comments: %+v", len(got), got)
	}
	if c := got[0]; c.Line != 1 || c.Col != 7 || c.Last != 2 || c.Problem != "" || c.Reason != "the value is a hint" || strings.Join(c.Rules, ",") != "percpu-preemptible" {
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
	// The kernel's block comment style, upper case, a checkpatch type,
	// a reason over two lines; it silences the line after the comment.
	if c := got[6]; c.Problem != "" || c.Line != 9 || c.Last != 12 || strings.Join(c.Rules, ",") != "lock-owner" ||
		c.Reason != "the lock is the caller's, taken in foo_begin()" {
		t.Errorf("block comment: %+v", c)
	}
}

// TestApply runs the whole pipeline on a file where findings are silenced
// with a reason (a block comment, a trailing comment, a kernel-style
// comment), one comment lacks a reason (so its finding stays and the
// comment is reported), one silences nothing, and one finding has none.
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

int kernel_style(void)
{
	/*
	 * kpreempt: ignore percpu-preemptible -- a hint,
	 * the caller copes with a stale CPU
	 */
	return smp_processor_id();
}

int unused(void)
{
	/* kpreempt: ignore stale-cpu -- nothing to silence here */
	return 0;
}
`
	res, _ := testkit.Check(t, "s.c", src)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Rule+"@"+strconv.Itoa(f.Line))
	}
	want := "percpu-preemptible@17 percpu-preemptible@22 suppression@16 suppression@36"
	if strings.Join(got, " ") != want {
		t.Errorf("findings %q, want %q", strings.Join(got, " "), want)
	}
	if m := res.Findings[3].Message; !strings.Contains(m, "silences no finding") {
		t.Errorf("unused directive: %q", m)
	}
}

// The documented examples of the suppression rule behave as documented.
func TestDocumentedExamples(t *testing.T) {
	for _, ex := range []struct {
		src     string
		problem bool
	}{{rules.Suppression.Bad, true}, {rules.Suppression.Good, false}} {
		cs := suppress.Parse([]byte(ex.src))
		if len(cs) != 1 || (cs[0].Problem != "") != ex.problem {
			t.Errorf("example %q: %+v", ex.src, cs)
		}
	}
}
