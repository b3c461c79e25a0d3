package rules

import (
	"fmt"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// StaleCPU flags CPU ids and per-CPU pointers used after the protection
// they were obtained under has ended.
var StaleCPU = register(&Rule{
	ID:      "stale-cpu",
	Summary: "a CPU id or per-CPU pointer used after the protection it was obtained under ended",
	Doc: `Follows CPU ids (from smp_processor_id(), get_cpu(), or raw_smp_processor_id()
under protection) and per-CPU pointers (this_cpu_ptr(), get_cpu_ptr(),
&get_cpu_var(), per_cpu_ptr(p, cpu) with such an id) through assignments into
variables and struct fields. Once the protection in effect when the value was
obtained ends (preempt_enable(), put_cpu(), spin_unlock(), local_irq_restore(),
...), the task may run on another CPU: indexing per-CPU data with the id
(buf[cpu], per_cpu(x, cpu), per_cpu_ptr(p, cpu)) or dereferencing the pointer is
flagged, even if protection was taken again in between. Printing the id, comparing
it or passing it to other functions is not, nor reading through it in the
arguments of a call that writes to the kernel log (printk(), dev_err(),
netdev_warn()): the message may show another CPU's values, which a log line
tolerates.`,
	Source: "Documentation/locking/preempt-locking.rst, RULE #1 and Solution",
	Quote: `Second, when a preempted task is finally rescheduled, the previous value of
smp_processor_id may not equal the current. [...] Notice how the preemption
statements must encompass every reference of the critical variables.`,
	Bad: `#include <linux/smp.h>

static int hits[NR_CPUS];

void count_hit(void)
{
	int cpu = get_cpu();

	put_cpu();
	hits[cpu]++;
}
`,
	Good: `#include <linux/smp.h>

static int hits[NR_CPUS];

void count_hit(void)
{
	int cpu = get_cpu();

	hits[cpu]++;
	put_cpu();
}
`,
	Run: runStaleCPU,
})

func runStaleCPU(p *Pass) {
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		if len(fr.Graph.Blocks) == 0 {
			continue
		}
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			if len(before.Vals) == 0 {
				return
			}
			switch e.Kind {
			case cfg.Use:
				v, ok := before.Val(e.DefKey)
				if !ok || !v.Stale {
					return
				}
				if eff, _ := kapi.Lookup(e.In); eff.Prints {
					return // read for a log message only
				}
				if e.How == "index" && v.Kind == kapi.CPUID || e.How == "deref" && v.Kind == kapi.PerCPUPtr {
					reportStale(p, fn, e.Pos, v)
				}
			case cfg.Call:
				eff, ok := dataflow.Effect(e)
				if !ok || eff.CPUArg == 0 || eff.CPUArg > len(e.API.Args) {
					return
				}
				if v, ok := before.Val(cparse.LockKey(e.API.Args[eff.CPUArg-1])); ok && v.Stale && v.Kind == kapi.CPUID {
					reportStale(p, fn, e.Pos, v)
				}
			}
		})
	}
}

func reportStale(p *Pass, fn *cparse.Func, pos cparse.Pos, v dataflow.Val) {
	what := "CPU id"
	if v.Kind == kapi.PerCPUPtr {
		what = "per-CPU pointer"
	}
	p.Report(fn, pos, fmt.Sprintf("stale %s \"%s\": used after %s ended the protection it was obtained under", what, v.Key, v.Ended.Text),
		dataflow.Note{Pos: v.From.Pos, Text: fmt.Sprintf("obtained from %s here", v.From.Text)},
		dataflow.Note{Pos: v.Ended.Pos, Text: fmt.Sprintf("%s ends the protection here", v.Ended.Text)})
}
