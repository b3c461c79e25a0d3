package reuse

import (
	"runtime"
	"testing"
)

func TestKept(t *testing.T) {
	k := New[[]int]()
	if v, ok := k.Take(); ok || v != nil {
		t.Fatalf("Take of an empty Kept = %v, %v", v, ok)
	}
	n := runtime.GOMAXPROCS(0)
	for i := range n + 3 {
		k.Give([]int{i})
	}
	var got []int
	for {
		v, ok := k.Take()
		if !ok {
			break
		}
		got = append(got, v[0])
	}
	if len(got) != n {
		t.Fatalf("kept %d values, want one per processor (%d)", len(got), n)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("taken %v, want the first %d given in order", got, n)
		}
	}
}
