package cparse

import (
	"slices"
	"testing"
)

// TestStaticCalls checks that a static call is an indirect call through
// its key, that static_call_update() copies a field into the key or
// stores a function there, and that DEFINE_STATIC_CALL() stores its
// function.
func TestStaticCalls(t *testing.T) {
	u := parseStandalone(t, `
#include <linux/static_call.h>
struct pmu_ops { void (*add)(int); };
struct pmu_ops pmu_ops;
static void first(int x) { }
static void other(int x) { }
DEFINE_STATIC_CALL(sc_add, first);
DEFINE_STATIC_CALL_NULL(sc_del, *pmu_ops.add);
void update(void)
{
	static_call_update(sc_add, pmu_ops.add);
	static_call_update(sc_del, other);
}
void run(void)
{
	static_call(sc_add)(1);
	static_call_cond(sc_del)(2);
}
`)
	var stores []string
	for _, s := range u.Stores {
		stores = append(stores, s.Func+":"+s.Tag+"."+s.Field)
	}
	if want := []string{"first:static_call_key.sc_add", "other:static_call_key.sc_del"}; !slices.Equal(stores, want) {
		t.Errorf("stores %v, want %v", stores, want)
	}
	var copies []string
	for _, c := range u.FieldCopies {
		copies = append(copies, c.From.Tag+"."+c.From.Field+">"+c.To.Tag+"."+c.To.Field)
		if !c.Pos.IsValid() {
			t.Errorf("copy %+v has no position", c)
		}
	}
	if want := []string{"pmu_ops.add>static_call_key.sc_add"}; !slices.Equal(copies, want) {
		t.Errorf("copies %v, want %v", copies, want)
	}
	var calls []string
	WalkExprs(fn(t, u, "run").Body, func(e *Expr) {
		if e.Kind == Call && e.Indirect != nil {
			calls = append(calls, e.Indirect.Tag+"."+e.Indirect.Field)
		}
	})
	if want := []string{"static_call_key.sc_add", "static_call_key.sc_del"}; !slices.Equal(calls, want) {
		t.Errorf("static calls %v, want %v", calls, want)
	}
}
