package interproc

import (
	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
)

// paramWrites tells, at each point of a function, which of its
// parameters a path from the entry may have written before it: what the
// branches there teach of a parameter no path has written yet is what the
// function's callers passed (freeze_secondary_cpus() tests "primary ==
// -1" and only then assigns primary the call's value). A parameter whose
// address the function takes, or beyond the 64th, counts as written
// everywhere; the bits of the others' writes are writtenParams'.
type paramWrites struct {
	all  map[string]uint64 // writtenParams
	flow map[string]int    // the parameters followed point by point, by index
	in   []uint64          // per block: the followed parameters written on some path before it
	// The walk's cursor: the block and the number of its events passed,
	// with the parameters written up to there.
	block  *cfg.Block
	passed int
	cur    uint64
	byMask map[uint64]map[string]uint64
}

func newParamWrites(g *cfg.Graph, f *cparse.Func) *paramWrites {
	pw := &paramWrites{all: writtenParams(f), flow: map[string]int{}, byMask: map[uint64]map[string]uint64{}}
	addressed := map[string]bool{}
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		if e.Kind == cparse.Unary && e.Op == "&" && e.X != nil && e.X.Kind == cparse.Ident {
			addressed[e.X.Name] = true
		}
	})
	for i, p := range f.Params {
		if i < 64 && pw.all[p.Name] != 0 && !addressed[p.Name] {
			pw.flow[p.Name] = i
		}
	}
	if len(pw.flow) == 0 || g == nil {
		pw.flow = nil
		return pw
	}
	pw.in = make([]uint64, len(g.Blocks))
	for changed := true; changed; {
		changed = false
		for _, b := range g.Blocks {
			out := pw.in[b.Index]
			for _, e := range b.Events {
				out |= pw.writes(e)
			}
			for _, s := range b.Succs {
				if pw.in[s.To.Index]|out != pw.in[s.To.Index] {
					pw.in[s.To.Index] |= out
					changed = true
				}
			}
		}
	}
	return pw
}

// writes are the followed parameters the event e stores into.
func (pw *paramWrites) writes(e *cfg.Event) uint64 {
	if e.Kind != cfg.Assign && e.Kind != cfg.Call {
		return 0
	}
	if i, ok := pw.flow[e.DefKey]; ok {
		return 1 << i
	}
	return 0
}

// at is writtenParams as it stands before the event e of block b: the
// followed parameters no path has written yet left out. The walk asks in
// its order (dataflow.Func.Walk): blocks by index, events in order.
func (pw *paramWrites) at(b *cfg.Block, e *cfg.Event) map[string]uint64 {
	if pw.flow == nil {
		return pw.all
	}
	if b != pw.block {
		pw.block, pw.passed, pw.cur = b, 0, pw.in[b.Index]
	}
	for pw.passed < len(b.Events) && b.Events[pw.passed] != e {
		pw.cur |= pw.writes(b.Events[pw.passed])
		pw.passed++
	}
	if m, ok := pw.byMask[pw.cur]; ok {
		return m
	}
	m := map[string]uint64{}
	for name, bits := range pw.all {
		if i, ok := pw.flow[name]; !ok || pw.cur&(1<<i) != 0 {
			m[name] = bits
		}
	}
	pw.byMask[pw.cur] = m
	return m
}
