package cparse

import (
	"fmt"
	"slices"
	"testing"
)

// TestVariantUses checks which uses are variant (APIUse.Variant): written
// in a group of #ifndef CONFIG_PREEMPT_RT, through a user macro defined in
// one, or under a branch on such a macro; not the kernel primitives whose
// own definitions differ (spin_lock_irqsave() is defined in such a group
// of spinlock.h), nor a branch on IS_ENABLED(CONFIG_PREEMPT_RT), whose
// both sides are analysed.
func TestVariantUses(t *testing.T) {
	u := parseStandalone(t, `
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/lockdep.h>
#ifndef CONFIG_PREEMPT_RT
#define my_get_cpu_ptr(v) get_cpu_ptr(v)
#define FAST() (1)
#else
#define my_get_cpu_ptr(v) this_cpu_ptr(v)
#define FAST() (0)
#endif
#define PLAIN(v) get_cpu_ptr(v)
static DEFINE_PER_CPU(int, pcp);
static DEFINE_SPINLOCK(l);
void helper(void);
void f(void)
{
	unsigned long flags;
	int *p;

	p = my_get_cpu_ptr(&pcp);
	put_cpu_ptr(&pcp);
	p = PLAIN(&pcp);
	put_cpu_ptr(&pcp);
	spin_lock_irqsave(&l, flags);
	if (FAST())
		lockdep_assert_irqs_disabled();
	spin_unlock_irqrestore(&l, flags);
#ifndef CONFIG_PREEMPT_RT
	local_irq_save(flags);
	helper();
	local_irq_restore(flags);
#endif
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		helper();
	(void)p;
}
`)
	if u.RT {
		t.Errorf("Unit.RT set for a unit read without CONFIG_PREEMPT_RT")
	}
	var uses []*APIUse
	for _, f := range u.Funcs {
		WalkStmts(f.Body, func(s *Stmt) {
			if s.API != nil {
				uses = append(uses, s.API)
			}
		})
		WalkExprs(f.Body, func(e *Expr) {
			if e.API != nil {
				uses = append(uses, e.API)
			}
		})
	}
	slices.SortStableFunc(uses, func(a, b *APIUse) int { return a.Pos.Line - b.Pos.Line })
	var got []string
	for _, x := range uses {
		s := fmt.Sprintf("%s@%d", x.Name, x.Pos.Line-16)
		if x.Variant {
			s += " variant"
		}
		got = append(got, s)
	}
	want := []string{
		"get_cpu_ptr@5 variant", "put_cpu_ptr@6", "get_cpu_ptr@7", "put_cpu_ptr@8",
		"spin_lock_irqsave@9", "lockdep_assert_irqs_disabled@11 variant", "spin_unlock_irqrestore@12",
		"local_irq_save@14 variant", "helper@15 variant", "local_irq_restore@16 variant",
		"IS_ENABLED@18", "helper@19",
	}
	if !slices.Equal(got, want) {
		t.Errorf("uses:\n got  %q\n want %q", got, want)
	}
}
