package rules

import (
	"fmt"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// PerCPUReentrancy flags per-CPU data written where the task is pinned
// to its CPU but may be preempted by another task on that CPU.
var PerCPUReentrancy = register(&Rule{
	ID:      "percpu-reentrancy",
	Summary: "per-CPU data written where the CPU is pinned but the task may be preempted by another on the same CPU",
	Doc: `Flags a write to this CPU's per-CPU data — a __this_cpu_*() operation other than a
read, or a store through a pointer from this_cpu_ptr() — where all that protects it is
migrate_disable(), or a spinlock_t or rwlock_t that is not the data's own (a lock that
is a member of the object written is). migrate_disable() keeps the task on its CPU but
lets another task preempt it there and write the same data, on every kernel. A
spinlock_t disables preemption on a kernel without PREEMPT_RT only: on PREEMPT_RT it
pins the task and no more, so such a finding holds there only, and says so; it needs
a preemptible task to preempt: a function no way into which is known (a protocol's
err_handler, called through a pointer from softirq, whose sections PREEMPT_RT
serialises per CPU) is not reported under a spinlock_t. local_lock() (the data's per-CPU lock on PREEMPT_RT), preempt_disable(), disabled
interrupts or bottom halves, and this_cpu_*() operations are fine.`,
	Source: "Documentation/locking/locktypes.rst, spinlock_t and rwlock_t",
	Quote: `The migrate_disable() substitution is not valid for the following
scenario: [...] This breaks because migrate_disable() does not protect against reentrancy from
a preempting task. A correct substitution for this case is [local_lock()].
On a non-PREEMPT_RT kernel this protects against reentrancy by disabling
preemption. On a PREEMPT_RT kernel this is achieved by acquiring the
underlying per-CPU spinlock.`,
	Bad: `#include <linux/percpu.h>

struct foo { int val; };
static DEFINE_PER_CPU(struct foo, var1);
int func2(void);

void func(void)
{
	struct foo *p;

	migrate_disable();
	p = this_cpu_ptr(&var1);
	p->val = func2();
	migrate_enable();
}
`,
	Good: `#include <linux/local_lock.h>
#include <linux/percpu.h>

struct foo { int val; };
static DEFINE_PER_CPU(struct foo, var1);
static DEFINE_PER_CPU(local_lock_t, foo_lock) = INIT_LOCAL_LOCK(foo_lock);
int func2(void);

void func(void)
{
	struct foo *p;

	local_lock(&foo_lock);
	p = this_cpu_ptr(&var1);
	p->val = func2();
	local_unlock(&foo_lock);
}
`,
	ModelNote: `Its findings where only migrate_disable() protects hold on every kernel (model "both"); those under a spinlock_t or rwlock_t on PREEMPT_RT kernels only (model "rt").`,
	Run:       runPerCPUReentrancy,
})

func runPerCPUReentrancy(p *Pass) {
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		p.Walk(fr, func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			target, what := perCPUWrite(e, before)
			if what == "" || !before.Protected() || before.AtomicOnRT() || before.BH.Lo > 0 || before.Atomic || before.Guarded > 0 {
				return
			}
			if _, ok := before.HeldSleepingOnRT(kapi.Local); ok {
				return
			}
			var lock dataflow.Held
			for _, h := range before.Locks {
				if !h.Must || h.Kind != kapi.Spin {
					continue
				}
				if ownLock(h.Key, target) {
					return
				}
				if lock.Name == "" {
					lock = h
				}
			}
			switch {
			case lock.Name != "" && fr.Entry.Unknown:
				// A preempting task needs a preemptible task to preempt:
				// with no way in known, this may be a softirq, whose
				// sections are serialised per CPU on PREEMPT_RT too.
			case lock.Name != "":
				p.ReportOn(RTModel, fn, e.Pos, fmt.Sprintf("%s; on PREEMPT_RT, %s() does not disable preemption: a task that preempts this one on the same CPU may write it too", what, lock.Name),
					dataflow.Note{Pos: lock.Pos, Text: fmt.Sprintf("%s() takes \"%s\" here, which does not protect it", lock.Name, lock.Key), Variant: lock.Variant})
			case before.Migrate.Lo > fr.Entry.Migrate.Hi:
				p.Report(fn, e.Pos, fmt.Sprintf("%s where only migrate_disable() protects it: a task that preempts this one on the same CPU may write it too", what), before.Since)
			}
		})
	}
}

// perCPUWrite is the location an event writes in this CPU's per-CPU
// data, and a description; "" when it writes none.
func perCPUWrite(e *cfg.Event, s *dataflow.State) (target, what string) {
	if eff, ok := dataflow.Effect(e); ok && kapi.WritesPerCPU(e.API.Name) && eff.NeedsStableCPU {
		if len(e.API.Args) > 0 {
			target = cparse.LockKey(e.API.Args[0])
		}
		return target, fmt.Sprintf("%s() writes this CPU's %s", e.API.Name, target)
	}
	if e.Kind != cfg.Assign && (e.Kind != cfg.Call || e.DefKey == "") {
		return "", ""
	}
	path := cparse.ParsePath(e.DefKey)
	if path.Base == "" || len(path.Steps) == 0 {
		return "", ""
	}
	v, ok := s.Val(path.Base)
	if !ok || v.Kind != kapi.PerCPUPtr || v.Stale {
		return "", ""
	}
	return e.DefKey, fmt.Sprintf("\"%s\" is written in this CPU's per-CPU data (%s)", e.DefKey, v.From.Text)
}

// ownLock reports whether the lock is the written data's own: a member
// of the object the data is in, or a lock of the same per-CPU variable
// (spin_lock(this_cpu_ptr(&pcp.lock)) for __this_cpu_inc(pcp.count)).
func ownLock(lockKey, target string) bool {
	l, t := cparse.ParsePath(lockKey), cparse.ParsePath(target)
	if t.Base == "" {
		return false
	}
	if l.Base == "" {
		return cparse.MentionsIdent(lockKey, t.Base)
	}
	if parent, _, ok := l.Parent(); ok {
		return t.Within(parent.String())
	}
	return false
}
