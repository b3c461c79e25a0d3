package dataflow

import "github.com/kpreempt/kpreempt/cfg"

// Always are the blocks every path from the entry to an exit of the
// function passes through: a call in one of them is made whenever the
// function returns (rtnl_unlock() calls netdev_run_todo() on every
// path). They are the dominators of a virtual exit that follows every
// exit, in the graph of the blocks from which an exit can be reached
// (Cooper, Harvey and Kennedy's iterative algorithm).
func (r *Func) Always() map[*cfg.Block]bool {
	g := r.Graph
	exits := r.Exits()
	if len(exits) == 0 {
		return nil
	}
	reach := reachExits(g, exits)
	exitBlock := map[*cfg.Block]bool{}
	for _, x := range exits {
		for _, b := range g.Blocks {
			for _, e := range b.Events {
				if e == x.Event {
					exitBlock[b] = true
				}
			}
		}
	}
	// Reverse postorder of the blocks that reach an exit, from the
	// entry; the virtual exit is node -1, last.
	entry := g.Entry()
	if !reach[entry] {
		return nil
	}
	order := map[*cfg.Block]int{}
	var post []*cfg.Block
	seen := map[*cfg.Block]bool{entry: true}
	type frame struct {
		b *cfg.Block
		i int
	}
	stack := []frame{{entry, 0}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.i < len(top.b.Succs) {
			s := top.b.Succs[top.i].To
			top.i++
			if s != nil && reach[s] && !seen[s] {
				seen[s] = true
				stack = append(stack, frame{s, 0})
			}
			continue
		}
		post = append(post, top.b)
		stack = stack[:len(stack)-1]
	}
	rpo := make([]*cfg.Block, len(post))
	for i, b := range post {
		rpo[len(post)-1-i] = b
		order[b] = len(post) - 1 - i
	}
	n := len(rpo)
	exitNode := n // the virtual exit's number
	idom := make([]int, n+1)
	for i := range idom {
		idom[i] = -1
	}
	idom[0] = 0
	preds := func(i int) []int {
		var out []int
		if i == exitNode {
			for _, b := range rpo {
				if exitBlock[b] {
					out = append(out, order[b])
				}
			}
			return out
		}
		for _, p := range rpo[i].Preds {
			if k, ok := order[p]; ok {
				out = append(out, k)
			}
		}
		return out
	}
	intersect := func(a, b int) int {
		for a != b {
			for a > b {
				a = idom[a]
			}
			for b > a {
				b = idom[b]
			}
		}
		return a
	}
	for changed := true; changed; {
		changed = false
		for i := 1; i <= n; i++ {
			d := -1
			for _, p := range preds(i) {
				if idom[p] < 0 {
					continue
				}
				if d < 0 {
					d = p
				} else {
					d = intersect(p, d)
				}
			}
			if d >= 0 && idom[i] != d {
				idom[i] = d
				changed = true
			}
		}
	}
	if idom[exitNode] < 0 {
		return nil
	}
	always := map[*cfg.Block]bool{}
	for b := idom[exitNode]; ; b = idom[b] {
		always[rpo[b]] = true
		if b == 0 {
			break
		}
	}
	return always
}
