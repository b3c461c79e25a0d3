package dataflow

import (
	"fmt"
	"sort"

	"github.com/kpreempt/kpreempt/kapi"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
)

// Unit is the analysis of every function of a translation unit.
type Unit struct {
	Src   *cparse.Unit
	Funcs []*Func // in the order of Src.Funcs
}

type callSite struct {
	caller int // index into Funcs
	event  *cfg.Event
}

// AnalyzeUnit builds the graphs of u's functions and analyses them, giving
// a static function an atomic entry when every call of it in the unit is
// made with preemption disabled.
//
// Calls of the unit's own functions apply their summaries (a static lock
// helper returns holding its lock): a first round computes them, a second
// uses them.
func AnalyzeUnit(u *cparse.Unit) *Unit {
	env := Summaries{}
	// Header helpers first, each from an unknown entry.
	hconf := cfg.Config{NoReturn: func(name string) bool { return u.NoReturn[name] }}
	type made struct {
		sum *Summary
		fr  *Func // the analysis it was made from
	}
	var summaries []made
	for _, f := range u.Helpers {
		fr := analyze(cfg.New(f, hconf), unknownEntry(f), nil)
		if sum := summarize(f, fr); sum != nil {
			env[f.Name] = sum
			summaries = append(summaries, made{sum, fr})
		}
	}
	unseenFixpoint := func() {
		// What each function passes to unseen calls, through its callees'
		// summaries (bounded: recursion could feed rewritten keys back
		// forever).
		for round, changed := 0, true; changed && round < 8; round++ {
			changed = false
			for _, m := range summaries {
				if m.sum.unseenArgs(m.fr, env) {
					changed = true
				}
			}
		}
	}
	unseenFixpoint()
	helpers := len(summaries)
	first := analyzeUnit(u, env)
	again := false
	for i, f := range u.Funcs {
		if sum := summarize(f, first.Funcs[i]); sum != nil {
			env[f.Name] = sum
			summaries = append(summaries, made{sum, first.Funcs[i]})
		}
		again = again || first.Funcs[i].droppedUnseen
	}
	unseenFixpoint()
	// A second round is needed when a summary changes its callers, or
	// when a call was taken to release locks before its summary was known.
	for _, m := range summaries[helpers:] {
		again = again || !m.sum.empty()
	}
	if !again {
		return first
	}
	return analyzeUnit(u, env)
}

func analyzeUnit(u *cparse.Unit, env Summaries) *Unit {
	byName := map[string]int{}
	for i, f := range u.Funcs {
		byName[f.Name] = i
	}
	conf := cfg.Config{
		NoReturn: func(name string) bool { return u.NoReturn[name] },
		IsFunc:   func(name string) bool { _, ok := byName[name]; return ok },
	}
	r := &Unit{Src: u, Funcs: make([]*Func, len(u.Funcs))}
	calls := make([][]callSite, len(u.Funcs))
	addrTaken := make([]bool, len(u.Funcs))
	graphs := make([]*cfg.Graph, len(u.Funcs))
	for i, f := range u.Funcs {
		graphs[i] = cfg.New(f, conf)
	}
	for i, g := range graphs {
		g.Events(func(_ *cfg.Block, e *cfg.Event) {
			switch {
			case e.Kind == cfg.Ref:
				addrTaken[byName[e.Name]] = true
			case e.Kind == cfg.Call && e.API != nil && !e.API.Macro:
				if j, ok := byName[e.API.Name]; ok {
					calls[j] = append(calls[j], callSite{caller: i, event: e})
				}
			}
		})
	}
	atomic := make([]bool, len(u.Funcs))
	for i, g := range graphs {
		f := u.Funcs[i]
		// Who calls a function from outside the unit is not known here: a
		// function called through a pointer, or, in a kernel tree, one
		// other files may call. Its entry is unknown unless it shows that
		// it runs preemptible: it sleeps before disabling preemption. A
		// standalone file is the whole program, so its functions start
		// preemptible, as the kernel's runtime check assumes.
		external := f.Static && addrTaken[i] || !u.Standalone && (!f.Static || len(calls[i]) == 0)
		if !external {
			r.Funcs[i] = analyze(g, preemptibleEntry(f, nil), env)
			continue
		}
		r.Funcs[i] = analyze(g, unknownEntry(f), env)
		if at, name, ok := sleepsUnprotected(r.Funcs[i]); ok {
			e := preemptibleEntry(f, nil)
			e.Open = Note{Pos: at, Text: fmt.Sprintf("%s() may sleep (%s() here), so it runs with preemption enabled", f.Name, name)}
			r.Funcs[i] = analyze(g, e, env)
		}
	}
	// Entries only ever become atomic, so this ends within len(Funcs)
	// rounds.
	for changed := true; changed; {
		changed = false
		for i, f := range u.Funcs {
			if atomic[i] || !f.Static || addrTaken[i] || len(calls[i]) == 0 {
				continue
			}
			if _, ok := r.openCaller(calls[i]); ok {
				continue
			}
			atomic[i] = true
			changed = true
			r.Funcs[i] = analyze(graphs[i], State{IRQ: MayBeOn | MayBeOff, Atomic: true, Locks: annotatedLocks(f),
				Since: Note{Pos: f.Pos, Text: fmt.Sprintf("%s() is only called with preemption disabled", f.Name)}}, env)
		}
	}
	// A static function not proven atomic: preemptible if a caller calls
	// it in a context known to be preemptible (the note says which),
	// unknown if its callers' contexts are unknown.
	for i, f := range u.Funcs {
		if atomic[i] || !f.Static || addrTaken[i] || len(calls[i]) == 0 {
			continue
		}
		cs, ok := r.openCaller(calls[i])
		if !ok {
			continue
		}
		if st := r.statesAt([]callSite{cs})[0]; st.Reached && st.Open.Pos.IsValid() || u.Standalone {
			r.Funcs[i] = analyze(graphs[i], preemptibleEntry(f, &callerNote{u.Funcs[cs.caller].Name, cs.event.Pos}), env)
			continue
		}
		r.Funcs[i] = analyze(graphs[i], unknownEntry(f), env)
	}
	return r
}

type callerNote struct {
	caller string
	pos    cparse.Pos
}

// annotatedLocks are the locks a function's annotations say it holds at
// entry (__releases, __must_hold). Their kind is unknown, so they count
// for ownership, not as protection.
func annotatedLocks(f *cparse.Func) []Held {
	var hs []Held
	for _, k := range append(append([]string(nil), f.Releases...), f.MustHold...) {
		hs = append(hs, Held{Key: k, Must: true, Pos: f.Pos})
	}
	sort.Slice(hs, func(a, b int) bool { return hs[a].Key < hs[b].Key })
	return hs
}

// sleepsUnprotected finds a call that may sleep made with nothing
// disabling preemption: the function's own evidence that it is entered in
// a context that may sleep.
func sleepsUnprotected(fr *Func) (cparse.Pos, string, bool) {
	var at cparse.Pos
	name := ""
	fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *State) {
		if name != "" || e.Kind != cfg.Call || before.NoSleep() {
			return
		}
		eff, ok := Effect(e)
		if !ok || !eff.MaySleep {
			return
		}
		if eff.GFPArg > 0 {
			if eff.GFPArg > len(e.API.Args) {
				return
			}
			if r, known := kapi.GFPReclaims(e.API.Args[eff.GFPArg-1]); !known || !r {
				return
			}
		}
		at, name = e.Pos, e.API.Name
	})
	return at, name, name != ""
}

// unknownEntry is the entry of a function called through a pointer: the
// context it runs in is decided elsewhere (a callback's registration), so
// nothing is assumed. Preemption is not known to be disabled, but neither
// is it known to be enabled: rules that need an enabled context wait for
// an event on the path that enables it (Open stays empty until then).
func unknownEntry(f *cparse.Func) State {
	return State{IRQ: MayBeOn, Locks: annotatedLocks(f), Unknown: true}
}

func preemptibleEntry(f *cparse.Func, c *callerNote) State {
	s := State{IRQ: MayBeOn, Locks: annotatedLocks(f)}
	switch {
	case c != nil:
		s.Open = Note{Pos: c.pos, Text: fmt.Sprintf("%s() calls %s() with preemption enabled", c.caller, f.Name)}
	case f.Static:
		s.Open = Note{Pos: f.Pos, Text: fmt.Sprintf("%s() is entered with preemption enabled (no caller in this file disables it)", f.Name)}
	default:
		s.Open = Note{Pos: f.Pos, Text: fmt.Sprintf("%s() is entered with preemption enabled", f.Name)}
	}
	return s
}

// openCaller returns a reached call site made with preemption not known
// to be disabled, preferring one where it is known to be enabled. With no reached call site at all, the first site is returned:
// nothing shows that the function runs atomic.
func (r *Unit) openCaller(sites []callSite) (callSite, bool) {
	reached := false
	unknown := -1
	for k, s := range r.statesAt(sites) {
		if !s.Reached {
			continue
		}
		reached = true
		if !s.ProtectedDirectly() {
			if s.Open.Pos.IsValid() {
				return sites[k], true
			}
			if unknown < 0 {
				unknown = k
			}
		}
	}
	if unknown >= 0 {
		return sites[unknown], true
	}
	if !reached && len(sites) > 0 {
		return sites[0], true
	}
	return callSite{}, false
}

// statesAt returns the state before each call site.
func (r *Unit) statesAt(sites []callSite) []State {
	out := make([]State, len(sites))
	for k, cs := range sites {
		r.Funcs[cs.caller].Walk(func(_ *cfg.Block, e *cfg.Event, before *State) {
			if e == cs.event {
				out[k] = before.clone()
				out[k].Reached = true
			}
		})
	}
	return out
}
