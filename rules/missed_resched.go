package rules

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
)

// MissedResched flags preempt_enable_no_resched() without a following
// reschedule check.
var MissedResched = register(&Rule{
	ID:      "missed-resched",
	Summary: "preempt_enable_no_resched() not followed by a reschedule check",
	Doc: `Flags preempt_enable_no_resched() and sched_preempt_enable_no_resched() when, on
some path from the call to a return, neither preempt_check_resched(),
preempt_enable() nor schedule() follows it: a reschedule that became due while
preemption was disabled is then delayed until the next preemption point.

Files of the scheduler and the entry and idle code (kernel/sched/, kernel/entry/)
are exempt: they use the no-resched form deliberately, before calling schedule
themselves.`,
	Source: "Documentation/locking/preempt-locking.rst, Preventing preemption using interrupt disabling",
	Quote: `These may be used to protect from preemption, however, on exit, if preemption
may be enabled, a test to see if preemption is required should be done. [...]
if they are ever called outside of this context, a test for preemption should
be made.`,
	Bad: `#include <linux/preempt.h>

static int pending;

void flush_pending(void)
{
	preempt_disable();
	pending = 0;
	preempt_enable_no_resched();
}
`,
	Good: `#include <linux/preempt.h>

static int pending;

void flush_pending(void)
{
	preempt_disable();
	pending = 0;
	preempt_enable_no_resched();
	preempt_check_resched();
}
`,
	Run: runMissedResched,
})

func schedulerFile(file string) bool {
	f := filepath.ToSlash(file)
	for _, dir := range []string{"kernel/sched/", "kernel/entry/"} {
		if strings.HasPrefix(f, dir) || strings.Contains(f, "/"+dir) {
			return true
		}
	}
	return false
}

func runMissedResched(p *Pass) {
	if schedulerFile(p.Unit.Src.File) {
		return
	}
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		// For each no-resched call, over the exits it reaches: pending at
		// some, and pending on every path at every one of them?
		type verdict struct {
			note   dataflow.Note
			some   bool
			always bool
		}
		verdicts := map[cparse.Pos]*verdict{}
		var order []cparse.Pos
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			if e.Kind != cfg.Return {
				return
			}
			for _, pd := range before.NoResched {
				v := verdicts[pd.Pos]
				if v == nil {
					v = &verdict{note: pd.Note, always: true}
					verdicts[pd.Pos] = v
					order = append(order, pd.Pos)
				}
				if !pd.Checked {
					v.some = true
				}
				if !pd.Must {
					v.always = false
				}
			}
		})
		for _, pos := range order {
			v := verdicts[pos]
			switch {
			case !v.some:
			case v.always:
				p.Report(fn, pos, fmt.Sprintf("%s is not followed by a reschedule check", v.note.Text))
			default:
				p.Report(fn, pos, fmt.Sprintf("%s is not followed by a reschedule check on some paths", v.note.Text))
			}
		}
	}
}
