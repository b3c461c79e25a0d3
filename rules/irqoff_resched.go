package rules

import (
	"fmt"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
)

// IrqoffResched flags rescheduling calls in regions protected only by
// disabled interrupts.
var IrqoffResched = register(&Rule{
	ID:      "irqoff-resched",
	Summary: "a call that may reschedule where only disabled interrupts prevent preemption",
	Doc: `In a region where disabled interrupts (local_irq_disable(), local_irq_save(), their
raw_ forms) are the only thing keeping the task from being preempted — no preempt
count, no spinning lock, no disabled bottom halves, no FPU section — flags a call
that may reschedule: cond_resched(), cond_resched_lock(), might_resched(),
schedule(), any call that may sleep, and a preempt_enable() that brings the preempt
count back to zero. Reported once per region, with the region's start in the trace.

printk() is not flagged: preempt-locking.rst's remark about it predates printk
deferring console output from atomic context.`,
	Source: "Documentation/locking/preempt-locking.rst, Solution",
	Quote: `But keep in mind that 'irqs disabled' is a fundamentally unsafe way of
disabling preemption - any cond_resched() or cond_resched_lock() might trigger
a reschedule if the preempt count is 0. [...] So use this implicit
preemption-disabling property only if you know that the affected codepath does
not do any of this.`,
	Bad: `#include <linux/irqflags.h>
#include <linux/sched.h>

void drain_all(int *q, int n)
{
	unsigned long flags;
	int i;

	local_irq_save(flags);
	for (i = 0; i < n; i++) {
		q[i] = 0;
		cond_resched();
	}
	local_irq_restore(flags);
}
`,
	Good: `#include <linux/irqflags.h>
#include <linux/sched.h>

void drain_all(int *q, int n)
{
	unsigned long flags;
	int i;

	for (i = 0; i < n; i++) {
		local_irq_save(flags);
		q[i] = 0;
		local_irq_restore(flags);
		cond_resched();
	}
}
`,
	Run: runIrqoffResched,
})

func runIrqoffResched(p *Pass) {
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		if p.booting(fn) {
			continue // nothing reschedules there, nor does the kernel check
		}
		reported := map[cparse.Pos]bool{}
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			if e.Kind != cfg.Call || !before.IRQ.Off() {
				return
			}
			path, at, resched := callSleeps(p, fr, e, before)
			if resched && !at.IRQ.Off() {
				return // the callee drops the lock that disabled interrupts first
			}
			if at.Unchecked {
				return // where the kernel's own sleep checks are off
			}
			if resched {
				if !before.OnlyIRQsOff() {
					return
				}
			} else {
				// preempt_enable() dropping the count to zero inside the
				// region is a reschedule point too.
				eff, ok := dataflow.Effect(e)
				if !ok || eff.Preempt >= 0 || !eff.ReschedCheck || before.Preempt != (dataflow.Range{Lo: 1, Hi: 1}) {
					return
				}
				after := *before
				after.Preempt = dataflow.Range{}
				if !after.OnlyIRQsOff() {
					return
				}
			}
			region := before.IRQOff.Pos
			if reported[region] {
				return
			}
			reported[region] = true
			p.Report(fn, e.Pos, fmt.Sprintf("%s() may reschedule while only disabled interrupts prevent preemption", e.API.Name), before.IRQOff, path)
		})
	}
}
