package rules

import (
	"fmt"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/dataflow"
)

// PercpuPreemptible flags per-CPU accesses that need a stable CPU made
// where preemption may be enabled.
var PercpuPreemptible = register(&Rule{
	ID:      "percpu-preemptible",
	Summary: "per-CPU data or the CPU id used where preemption may be enabled",
	Doc: `Flags smp_processor_id(), this_cpu_ptr(), __get_cpu_var() and the __this_cpu_*()
operations when, on some path reaching them, preemption is enabled: no
preempt_disable() (or get_cpu(), get_cpu_var(), ...) is in effect, no spinning lock
is held, interrupts and bottom halves are enabled and migration is allowed. The
task may move to another CPU between reading the CPU id and using it.

Preemption counts as disabled after preempt_disable() and its relatives, while a
spinlock, rwlock or local_lock is held (including on the success branch of a
trylock), with interrupts or bottom halves disabled, after migrate_disable(),
after lockdep_assert_irqs_disabled()/lockdep_assert_preemption_disabled(), and in a
static function whose every caller in the file calls it that way. mutex_lock(),
down() and rcu_read_lock() do not disable preemption.

Exempt, as in the kernel: raw_smp_processor_id(), raw_cpu_*() and raw_cpu_ptr()
(the caller accepts a stale CPU), and the this_cpu_*() read-modify-write
operations, which are preempt-safe on their own. per_cpu(var, cpu) with an
explicit cpu is not a use of the current CPU.`,
	Source: "Documentation/locking/preempt-locking.rst, RULE #1",
	Quote: `Two similar problems arise. [...] First, since the data is per-CPU, it may not
have explicit SMP locking, but require it otherwise. Second, when a preempted task
is finally rescheduled, the previous value of smp_processor_id may not equal the
current. You must protect these situations by disabling preemption around them.`,
	Bad: `#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

static int buf[NR_CPUS];
static DEFINE_SPINLOCK(buf_lock);

void wee(void)
{
	if (buf[smp_processor_id()] == -1)
		printk(KERN_INFO "wee!\n");
	spin_lock(&buf_lock);
	/* ... */
	spin_unlock(&buf_lock);
}
`,
	Good: `#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

static int buf[NR_CPUS];
static DEFINE_SPINLOCK(buf_lock);

void wee(void)
{
	spin_lock(&buf_lock);
	if (buf[smp_processor_id()] == -1)
		printk(KERN_INFO "wee!\n");
	/* ... */
	spin_unlock(&buf_lock);
}
`,
	Run: runPercpuPreemptible,
})

func runPercpuPreemptible(p *Pass) {
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			eff, ok := dataflow.Effect(e)
			// Unprotected with no known cause (an entry through a function
			// pointer, a lock of unknown kind) is not reported.
			if !ok || !eff.NeedsStableCPU || before.Protected() || !before.Open.Pos.IsValid() {
				return
			}
			trace := []dataflow.Note{before.Open}
			if len(e.API.Via) > 0 {
				trace = append(trace, dataflow.Note{Pos: e.Pos,
					Text: fmt.Sprintf("%s() is used inside the macro %s", e.API.Name, strings.Join(e.API.Via, " -> "))})
			}
			p.Report(fn, e.Pos, fmt.Sprintf("%s() used in preemptible code", e.API.Name), trace...)
		})
	}
}
