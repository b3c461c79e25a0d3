package dataflow

// Lattice is the join semilattice of a forward analysis's facts. Its laws,
// which the solver relies on and the tests check for each component:
// Join is commutative, associative and idempotent; Bottom is the fact of
// an unreached point and Join's identity; Equal is an equivalence that
// holds of a and Join(a, b) exactly when b adds nothing to a. A lattice
// of finite height (every component here is capped) makes the solver end.
type Lattice[S any] interface {
	Bottom() S
	Join(a, b S) S
	Equal(a, b S) bool
}

// Graph is what the solver needs of a control-flow graph: nodes numbered
// 0..Len()-1, node 0 the entry, and each node's successors. An edge is
// named by its source and its index among the source's successors, so
// that a branch can teach something on one edge only.
type Graph interface {
	Len() int
	Succs(n int) []int
}

// Forward solves a forward analysis of g to a fixpoint and returns the
// fact at the start of every node (Bottom for unreached ones). node is
// the transfer of a whole node; edge refines the fact leaving a node on
// one of its edges (nil: edges pass it unchanged). Transfer functions
// must not modify their argument: they return a new fact.
//
// The worklist is ordered by reverse postorder, so that loops settle
// before the code after them.
func Forward[S any](g Graph, lat Lattice[S], entry S, node func(n int, in S) S, edge func(from, succ int, out S) S) []S {
	n := g.Len()
	in := make([]S, n)
	reached := make([]bool, n)
	for i := range in {
		in[i] = lat.Bottom()
	}
	if n == 0 {
		return in
	}
	in[0], reached[0] = entry, true
	rank := make([]int, n)
	for i, b := range reversePostorder(g) {
		rank[b] = i
	}
	queued := make([]bool, n)
	work := []int{0}
	queued[0] = true
	for len(work) > 0 {
		best := 0
		for i := range work {
			if rank[work[i]] < rank[work[best]] {
				best = i
			}
		}
		b := work[best]
		work = append(work[:best], work[best+1:]...)
		queued[b] = false
		out := node(b, in[b])
		for i, to := range g.Succs(b) {
			t := out
			if edge != nil {
				t = edge(b, i, out)
			}
			next := lat.Join(in[to], t)
			if !reached[to] || !lat.Equal(next, in[to]) {
				in[to], reached[to] = next, true
				if !queued[to] {
					queued[to] = true
					work = append(work, to)
				}
			}
		}
	}
	return in
}

// reversePostorder lists the nodes reachable from the entry in reverse
// postorder, then the unreachable ones.
func reversePostorder(g Graph) []int {
	n := g.Len()
	seen := make([]bool, n)
	var post []int
	var visit func(b int)
	visit = func(b int) {
		seen[b] = true
		for _, s := range g.Succs(b) {
			if !seen[s] {
				visit(s)
			}
		}
		post = append(post, b)
	}
	visit(0)
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	for b := range n {
		if !seen[b] {
			post = append(post, b)
		}
	}
	return post
}
