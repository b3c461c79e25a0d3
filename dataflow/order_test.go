package dataflow

import (
	"math/rand"
	"slices"
	"testing"
)

func TestBottomUpSmallGraphs(t *testing.T) {
	// 0 calls 1, 1 calls 2 and 3, 3 calls 1 (a cycle), 4 calls itself.
	g := [][]int{{1}, {2, 3}, {}, {1}, {4}}
	got := BottomUp(len(g), func(n int) []int { return g[n] })
	want := [][]int{{2}, {1, 3}, {0}, {4}}
	if !slices.EqualFunc(got, want, slices.Equal[[]int]) {
		t.Errorf("BottomUp = %v, want %v", got, want)
	}
	if got := BottomUp(0, nil); len(got) != 0 {
		t.Errorf("empty graph: %v", got)
	}
	// Out-of-range successors (calls of functions outside the graph)
	// are ignored.
	if got := BottomUp(1, func(int) []int { return []int{-1, 7} }); len(got) != 1 {
		t.Errorf("out of range: %v", got)
	}
}

// On random graphs: every node is in exactly one component, every call
// goes to the caller's component or an earlier one, and two nodes share
// a component exactly when each reaches the other.
func TestBottomUpRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 200; iter++ {
		n := 1 + rng.Intn(12)
		g := make([][]int, n)
		for i := range g {
			for j := 0; j < rng.Intn(4); j++ {
				g[i] = append(g[i], rng.Intn(n))
			}
		}
		comps := BottomUp(n, func(v int) []int { return g[v] })
		compOf := make([]int, n)
		for i := range compOf {
			compOf[i] = -1
		}
		for c, comp := range comps {
			for _, v := range comp {
				if compOf[v] != -1 {
					t.Fatalf("%v: node %d in two components", g, v)
				}
				compOf[v] = c
			}
		}
		reach := func(a, b int) bool {
			seen := make([]bool, n)
			stack := []int{a}
			for len(stack) > 0 {
				v := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if v == b {
					return true
				}
				for _, w := range g[v] {
					if !seen[w] {
						seen[w] = true
						stack = append(stack, w)
					}
				}
			}
			return false
		}
		for v := range n {
			if compOf[v] == -1 {
				t.Fatalf("%v: node %d in no component", g, v)
			}
			for _, w := range g[v] {
				if compOf[w] > compOf[v] {
					t.Fatalf("%v: %d calls %d, whose component comes later", g, v, w)
				}
			}
			for w := range n {
				same := compOf[v] == compOf[w]
				if same != (v == w || reach(v, w) && reach(w, v)) {
					t.Fatalf("%v: %d and %d: same component %v", g, v, w, same)
				}
			}
		}
	}
}

func TestClassOfText(t *testing.T) {
	for text, want := range map[string]Class{
		"NULL": Zero, "((void *)0)": Zero, "0": Zero, "false": Zero, "true": Pos, "1": Pos,
		"&((___p)->rhf)": Ptr, "& p->rcu": Ptr, "(struct rcu_head *)&e->rcu": Ptr, "(x)*y": Any, "(...)&x": Ptr, "(...)0": Zero, "head": Any, "a && b": Any, "(x) + (y)": Any,
	} {
		if got := ClassOfText(text); got != want {
			t.Errorf("ClassOfText(%q) = %v, want %v", text, got, want)
		}
	}
}
