package rules

import "fmt"

// Precision is how many of a rule's reports on a real kernel are real
// bugs, from the whole-tree triage recorded in
// testdata/triage/verdicts.tsv (scripts/triage.sh reproduces the run,
// the sample and the counts): of the sampled reports read, how many were
// real bugs, intended by the code's authors, or false.
type Precision struct {
	Real, ByDesign, False int
}

// Judged is how many sampled reports were read.
func (p Precision) Judged() int { return p.Real + p.ByDesign + p.False }

// Class is the precision in GitHub code scanning's terms (the SARIF
// property "precision"): very-high from 90 % of the reports read being
// real bugs, high from 70 %, medium from 40 %, else low. A rule with no
// report read is "medium": nothing measured says more.
func (p Precision) Class() string {
	n := p.Judged()
	switch {
	case n == 0:
		return "medium"
	case 10*p.Real >= 9*n:
		return "very-high"
	case 10*p.Real >= 7*n:
		return "high"
	case 10*p.Real >= 4*n:
		return "medium"
	}
	return "low"
}

// String says what was measured, for the rule's page.
func (p Precision) String() string {
	n := p.Judged()
	if n == 0 {
		return "Not measured: no report of this rule was read in the triage of Linux 6.12 defconfig."
	}
	return fmt.Sprintf("Measured on Linux 6.12 x86_64 defconfig (%s, scripts/triage.sh): of %d sampled reports read, "+
		"%d real bugs, %d intended by the code's authors, %d false; precision %s.", triageCommit, n, p.Real, p.ByDesign, p.False, p.Class())
}

// triageCommit is the commit of kpreempt whose whole-tree run the
// recorded triage read.
const triageCommit = "d2ed915"

// measured are the verdict counts of testdata/triage/verdicts.tsv per
// rule (TestPrecisionMatchesTriage keeps them equal).
var measured = map[string]Precision{
	"fpu-section":        {ByDesign: 3},
	"irqoff-resched":     {False: 2},
	"lock-owner":         {ByDesign: 6, False: 4},
	"percpu-preemptible": {Real: 5, ByDesign: 2, False: 14},
	"percpu-reentrancy":  {Real: 2, False: 2},
	"rt-alloc-in-atomic": {Real: 1},
	"rt-irq-scope":       {Real: 3, False: 1},
	"rt-lock-in-atomic":  {Real: 13, ByDesign: 1, False: 7},
	"sleep-in-atomic":    {Real: 9, False: 15},
	"stale-cpu":          {ByDesign: 1},
}

// Precision is the rule's measured precision.
func (r *Rule) Precision() Precision { return measured[r.ID] }
