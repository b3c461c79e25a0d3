package interproc

import (
	"slices"
	"testing"
)

// A function is a pinned work item's when every work item initialised
// with it is a per-CPU one its unit queues, only on bound workqueues,
// and nothing else stores it as a work item's function.
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
	for n, ok := range p.pinnedWork(stores) {
		if ok {
			got = append(got, n.sym.Name)
		}
	}
	if !slices.Equal(got, []string{"update"}) {
		t.Errorf("pinned work functions: %v, want [update] (drain is queued unbound once, flush is also a work item of no per-CPU variable, idle is never queued, twice is stored elsewhere too)", got)
	}
}
