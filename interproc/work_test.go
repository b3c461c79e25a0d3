package interproc

import (
	"slices"
	"testing"
)

// A function is a pinned work item's when every work item initialised
// with it is a per-CPU one its unit queues, only on bound workqueues, or
// when it is static, its items are of no per-CPU variable and its unit
// queues work items only on bound workqueues; and nothing else stores it
// as a work item's function.
func TestPinnedWork(t *testing.T) {
	units := []*UnitFacts{
		{Unit: "vmstat.c", Funcs: []FuncFacts{{Sym: Symbol{Name: "update", Unit: "vmstat.c"}}, {Sym: Symbol{Name: "drain", Unit: "vmstat.c"}},
			{Sym: Symbol{Name: "flush", Unit: "vmstat.c"}}, {Sym: Symbol{Name: "idle", Unit: "vmstat.c"}}, {Sym: Symbol{Name: "twice", Unit: "vmstat.c"}}},
			Work: []WorkUse{
				{Item: "vmstat_work", Func: "update"}, {Item: "vmstat_work", Bound: true}, {Item: "vmstat_work", Bound: true},
				{Item: "drain_work", Func: "drain"}, {Item: "drain_work", Bound: true}, {Item: "drain_work"},
				{Item: "flush_work", Func: "flush"}, {Func: "flush"}, {Item: "flush_work", Bound: true},
				{Item: "idle_work", Func: "idle"},
				{Item: "twice_work", Func: "twice"}, {Item: "twice_work", Bound: true},
			}},
		// Work items of no per-CPU variable: a static function of a unit
		// whose every queueing is on a bound workqueue.
		{Unit: "pkg.c", Funcs: []FuncFacts{{Sym: Symbol{Name: "pkg_work", Unit: "pkg.c"}}},
			Work: []WorkUse{{Func: "pkg_work"}, {Bound: true}, {Bound: true}}},
		{Unit: "mixed.c", Funcs: []FuncFacts{{Sym: Symbol{Name: "mixed_work", Unit: "mixed.c"}}},
			Work: []WorkUse{{Func: "mixed_work"}, {Bound: true}, {}}},
		{Unit: "unqueued.c", Funcs: []FuncFacts{{Sym: Symbol{Name: "unqueued_work", Unit: "unqueued.c"}}},
			Work: []WorkUse{{Func: "unqueued_work"}}},
		{Unit: "ext.c", Funcs: []FuncFacts{{Sym: Symbol{Name: "ext_work"}}},
			Work: []WorkUse{{Func: "ext_work"}, {Bound: true}}},
	}
	p := Link(units, "/", true)
	stores := map[*node]int{}
	for _, n := range p.funcs {
		stores[n] = 1
		if n.sym.Name == "twice" {
			stores[n] = 2 // also DECLARE_WORK()'s initializer
		}
	}
	var got []string
	for n, why := range p.pinnedWork(stores) {
		if why != "" {
			got = append(got, n.sym.Name)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"pkg_work", "update"}) {
		t.Errorf("pinned work functions: %v, want [pkg_work update] (drain is queued unbound once, flush is also a work item of no per-CPU variable, "+
			"idle is never queued, twice is stored elsewhere too; mixed_work's unit queues a work item unbound, unqueued_work's queues none, ext_work is not static)", got)
	}
}
