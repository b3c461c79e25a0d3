package interproc

import (
	"os"
	"testing"
)

// BenchmarkTreeLink links the facts of a whole tree from a store:
// KPREEMPT_BENCH_FACTS names the store (kpreempt summarize --facts DIR at
// the tree's root fills one), KPREEMPT_BENCH_ROOT the tree. "one" links
// it for the questions of one unit (LinkFor, as a pre-commit run does):
// KPREEMPT_BENCH_UNIT names it (a path relative to the tree; default: the
// first unit in the store's order), and the benchmark fails if that link
// finds anything for the unit the whole program's does not.
//
//	KPREEMPT_BENCH_FACTS=/tmp/facts KPREEMPT_BENCH_ROOT=$KPREEMPT_KERNEL go test -run - -bench TreeLink ./interproc
func BenchmarkTreeLink(b *testing.B) {
	dir, root := os.Getenv("KPREEMPT_BENCH_FACTS"), os.Getenv("KPREEMPT_BENCH_ROOT")
	if dir == "" {
		b.Skip("KPREEMPT_BENCH_FACTS is not set")
	}
	st, err := OpenStore(dir)
	if err != nil {
		b.Fatal(err)
	}
	records, err := st.Records()
	if err != nil || len(records) == 0 {
		b.Fatalf("no records in %s: %v", dir, err)
	}
	var units []*UnitFacts
	decode := func(b *testing.B) {
		units = units[:0]
		for _, r := range records {
			uf, err := st.Load(r)
			if err != nil {
				b.Fatal(err)
			}
			units = append(units, uf)
		}
	}
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			decode(b)
		}
	})
	if len(units) == 0 {
		decode(b) // only the links were asked for
	}
	var whole *Program
	b.Run("link", func(b *testing.B) {
		for b.Loop() {
			whole = Link(units, root, true)
		}
	})
	if whole == nil {
		whole = Link(units, root, true) // only "one" was asked for
	}
	unit := os.Getenv("KPREEMPT_BENCH_UNIT")
	if unit == "" {
		unit = whole.sortedUnits()[0].Unit
	}
	b.Run("one", func(b *testing.B) {
		var asked *Program
		for b.Loop() {
			asked = LinkFor(units, root, true, map[string]bool{unit: true})
		}
		for _, d := range linkForDiffs(whole, asked, unit) {
			b.Error(d)
		}
		// How much of the program the unit's questions reach.
		var callers, callees int
		for _, n := range asked.funcs {
			if asked.entryAsked(n) {
				callers++
			}
			if asked.effectAsked(n) {
				callees++
			}
		}
		b.ReportMetric(float64(callers), "callers")
		b.ReportMetric(float64(callees), "callees")
		b.ReportMetric(float64(len(asked.funcs)), "functions")
	})
}
