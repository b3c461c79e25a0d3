package interproc

import (
	"os"
	"testing"
)

// BenchmarkTreeLink links the facts of a whole tree from a store:
// KPREEMPT_BENCH_FACTS names the store (kpreempt summarize --facts DIR at
// the tree's root fills one), KPREEMPT_BENCH_ROOT the tree.
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
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			units = units[:0]
			for _, r := range records {
				uf, err := st.Load(r)
				if err != nil {
					b.Fatal(err)
				}
				units = append(units, uf)
			}
		}
	})
	b.Run("link", func(b *testing.B) {
		for b.Loop() {
			Link(units, root, true)
		}
	})
}
