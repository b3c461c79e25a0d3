package interproc

import (
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
)

// Env is the program as one unit's check phase sees it (unit is the
// identity of the unit's file).
func (p *Program) Env(unit string) dataflow.Env { return unitEnv{p, unit} }

type unitEnv struct {
	p    *Program
	unit string
}

// Callee is the summary of the one function a name means from the unit;
// nil when there is none, or several definitions disagree.
func (e unitEnv) Callee(name string) *dataflow.Summary {
	ns := e.p.resolve(e.unit, name)
	if len(ns) != 1 {
		return nil
	}
	return e.p.summaryOf(ns[0])
}

// Entry is what the program knows of how one of the unit's functions is
// entered.
func (e unitEnv) Entry(f *cparse.Func) dataflow.Entry {
	if n := e.p.defs[e.unit][f.Name]; n != nil {
		return e.p.entries[n]
	}
	return dataflow.Entry{}
}

// Sleeps reports whether calling name with args may sleep, and the path
// down to the sleeping primitive (the primitive's note, with the calls
// before it in Via), with the caller's locks the callee drops first.
func (e unitEnv) Sleeps(name string, args []string) (dataflow.Note, dataflow.Drops, bool) {
	for _, n := range e.p.resolve(e.unit, name) {
		s, ok := e.p.sleeps[n]
		if !ok {
			g, gok := e.p.gfp[n]
			if !gok || g.param > len(args) || !reclaims(args[g.param-1]) {
				continue
			}
			s = g.sleepPath
		}
		drops := s.drops
		drops.Locks = nil
		for _, k := range s.drops.Locks {
			if key, ok := dataflow.RewriteKey(n.facts.Params, k, args); ok {
				drops.Locks = append(drops.Locks, key)
			}
		}
		return witness(s.path).note(), drops, true
	}
	return dataflow.Note{}, dataflow.Drops{}, false
}

// EntryOf is the entry context the program gives a function, for tests
// and tools.
func (p *Program) EntryOf(sym Symbol) (dataflow.Entry, bool) {
	n := p.bySym[sym]
	if n == nil {
		return dataflow.Entry{}, false
	}
	return p.entries[n], true
}

// SleepsOf reports whether a function may sleep, with the path down to
// the primitive.
func (p *Program) SleepsOf(sym Symbol) ([]dataflow.Note, bool) {
	n := p.bySym[sym]
	if n == nil {
		return nil, false
	}
	s, ok := p.sleeps[n]
	return s.path, ok
}
