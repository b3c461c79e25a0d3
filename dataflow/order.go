package dataflow

import "slices"

// BottomUp orders the nodes 0..n-1 of a call graph for a bottom-up
// analysis: its strongly connected components (functions that call each
// other, directly or not), each callee's component before its callers'.
// Within a component nodes keep their numeric order, and the order of
// the components is a function of the graph alone, so that analyses
// built on it are deterministic. calls lists the nodes a node calls.
func BottomUp(n int, calls func(node int) []int) [][]int {
	// Tarjan's algorithm, with an explicit stack: a call chain of the
	// kernel can be deep enough to make recursion costly.
	const unvisited = -1
	index := make([]int, n)
	low := make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = unvisited
	}
	var stack []int
	var comps [][]int
	next := 0
	type frame struct {
		node  int
		succs []int
		i     int
	}
	for root := range n {
		if index[root] != unvisited {
			continue
		}
		work := []frame{{node: root, succs: calls(root)}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		onStack[root] = true
		for len(work) > 0 {
			top := &work[len(work)-1]
			if top.i < len(top.succs) {
				w := top.succs[top.i]
				top.i++
				switch {
				case w < 0 || w >= n:
				case index[w] == unvisited:
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					onStack[w] = true
					work = append(work, frame{node: w, succs: calls(w)})
				case onStack[w]:
					low[top.node] = min(low[top.node], index[w])
				}
				continue
			}
			v := top.node
			work = work[:len(work)-1]
			if len(work) > 0 {
				parent := work[len(work)-1].node
				low[parent] = min(low[parent], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			var comp []int
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			slices.Sort(comp)
			comps = append(comps, comp)
		}
	}
	return comps
}
