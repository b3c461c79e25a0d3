package rules

// Suppression is the rule under which kpreempt reports its own
// suppression comments when they cannot be honoured. It has no analysis
// (package suppress applies it after the other rules), so it is not in
// All; Known lists it with them for output formats that describe every
// rule a report may contain.
var Suppression = &Rule{
	ID:       "suppression",
	Name:     "SuppressionComment",
	Summary:  "a kpreempt: ignore comment without a reason, naming an unknown rule, or silencing nothing",
	Severity: "warning",
	Doc: `A finding is silenced by a comment on its line or on the line above:
/* kpreempt: ignore <rule>[,<rule>...] -- <reason> */, a // comment, or a
kernel-style block comment whose line reads " * kpreempt: ignore <rule> --
<reason>" (the line after the comment is the one silenced). The reason is
required, so that the next reader knows why the code is safe; a comment
without one, or naming a rule that does not exist, silences nothing and is
reported itself. A well-formed comment that silences no finding of a rule
that ran is reported too: once the code is fixed it would hide the next
real finding on that line. Rules may be named by ID or by the
KPREEMPT_<RULE> type kpreempt patch prints.`,
	Quote: `/* kpreempt: ignore <rule>[,<rule>...] -- <reason> */
// kpreempt: ignore <rule>[,<rule>...] -- <reason>
/*
 * kpreempt: ignore <rule>[,<rule>...] -- <reason>
 */`,
	Source: "kpreempt's suppression comment syntax",
	Bad: `#include <linux/smp.h>

int this_cpu(void)
{
	/* kpreempt: ignore percpu-preemptible */
	return smp_processor_id();
}
`,
	Good: `#include <linux/smp.h>

int this_cpu(void)
{
	/* kpreempt: ignore percpu-preemptible -- only a hint for the allocator */
	return smp_processor_id();
}
`,
}

// Known returns every rule a report can contain: All, then Suppression.
func Known() []*Rule { return append(All(), Suppression) }
