package interproc

import (
	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
)

// paramWrites tells, at each point of a function, which of its
// parameters a path from the entry may have written before it, and what
// the branches taken before a parameter's first write teach of the value
// the callers passed. What the function's states know of a parameter no
// path has written yet is the callers' argument; for one written before,
// only those early branches are (freeze_secondary_cpus() tests "primary
// == -1", then assigns primary, then calls housekeeping_any_cpu(): that
// call is made only for callers passing -1). A parameter whose address
// the function takes, or beyond the 64th, counts as written everywhere,
// and says nothing of its callers' arguments; the bits of the others'
// writes are writtenParams'.
type paramWrites struct {
	all  map[string]uint64 // writtenParams
	flow map[string]int    // the parameters followed point by point, by index
	in   []paramPoint      // per block
	// The walk's cursor: the block and the number of its events passed,
	// with the parameters written up to there.
	block  *cfg.Block
	passed int
	cur    paramPoint
	byMask map[uint64]map[string]uint64
}

// paramPoint is what paramWrites knows at a point: the followed
// parameters written on some path there (a bit per index), and per
// parameter the kinds of value the callers' argument may have had on the
// paths there; entry is nil where no path reaches.
type paramPoint struct {
	written uint64
	entry   []dataflow.Class
}

func (pp paramPoint) join(o paramPoint) (paramPoint, bool) {
	if o.entry == nil {
		return pp, false
	}
	if pp.entry == nil {
		return paramPoint{o.written, append([]dataflow.Class(nil), o.entry...)}, true
	}
	grew := pp.written|o.written != pp.written
	pp.written |= o.written
	for i, c := range o.entry {
		if pp.entry[i]|c != pp.entry[i] {
			pp.entry[i] |= c
			grew = true
		}
	}
	return pp, grew
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
	if len(pw.flow) == 0 || g == nil || len(g.Blocks) == 0 {
		pw.flow = nil
		return pw
	}
	pw.in = make([]paramPoint, len(g.Blocks))
	start := make([]dataflow.Class, len(f.Params))
	for i := range start {
		start[i] = dataflow.Any
	}
	pw.in[0] = paramPoint{entry: start}
	for changed := true; changed; {
		changed = false
		for _, b := range g.Blocks {
			in := pw.in[b.Index]
			if in.entry == nil {
				continue
			}
			out := paramPoint{written: in.written, entry: in.entry}
			for _, e := range b.Events {
				out.written |= pw.writes(e)
			}
			for _, s := range b.Succs {
				next, ok := pw.learn(out, s)
				if !ok {
					continue
				}
				var grew bool
				if pw.in[s.To.Index], grew = pw.in[s.To.Index].join(next); grew {
					changed = true
				}
			}
		}
	}
	return pw
}

// learn is what the edge e teaches of a followed parameter not written
// yet; ok is false when it rules every value out.
func (pw *paramWrites) learn(pp paramPoint, e cfg.Edge) (paramPoint, bool) {
	if e.Cond == nil {
		return pp, true
	}
	key, ifTrue, ifFalse := dataflow.BranchFacts(e.Cond, nil)
	i, ok := pw.flow[key]
	if !ok || pp.written&(1<<i) != 0 {
		return pp, true
	}
	want := ifFalse
	if e.Sense {
		want = ifTrue
	}
	c := pp.entry[i] & want
	if c == 0 {
		return pp, false
	}
	entry := append([]dataflow.Class(nil), pp.entry...)
	entry[i] = c
	return paramPoint{pp.written, entry}, true
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

// at is writtenParams as it stands before the event e of block b (the
// followed parameters no path has written yet left out), and the kinds
// of the callers' arguments the branches before the writes of the others
// allow. The walk asks in its order (dataflow.Func.Walk):
// blocks by index, events in order.
func (pw *paramWrites) at(b *cfg.Block, e *cfg.Event) (written map[string]uint64, entry []ParamClass) {
	if pw.flow == nil {
		return pw.all, nil
	}
	if b != pw.block {
		pw.block, pw.passed, pw.cur = b, 0, pw.in[b.Index]
	}
	for pw.passed < len(b.Events) && b.Events[pw.passed] != e {
		pw.cur.written |= pw.writes(b.Events[pw.passed])
		pw.passed++
	}
	m, ok := pw.byMask[pw.cur.written]
	if !ok {
		m = map[string]uint64{}
		for name, bits := range pw.all {
			if i, ok := pw.flow[name]; !ok || pw.cur.written&(1<<i) != 0 {
				m[name] = bits
			}
		}
		pw.byMask[pw.cur.written] = m
	}
	for i, c := range pw.cur.entry {
		if pw.cur.written&(1<<i) != 0 && c != dataflow.Any {
			entry = append(entry, ParamClass{Param: i + 1, Class: c})
		}
	}
	return m, entry
}
