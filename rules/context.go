package rules

import (
	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// atomicCause explains why a state is atomic, for traces.
func atomicCause(s *dataflow.State) dataflow.Note { return s.Cause() }

// sleeps reports whether a call event may sleep or reschedule as written
// in the state before it, and returns the callee's effect (see
// dataflow.Sleeps).
func sleeps(u *cparse.Unit, fn *cparse.Func, e *cfg.Event, before *dataflow.State) (kapi.Effect, bool) {
	sc := dataflow.Sleeps(u, fn, e, before)
	return sc.Effect, sc.Sleeps
}

// passedAs names, for a message, the function a call through a parameter
// of the function makes (dataflow.Func.ViaParam): "its callers pass
// f(); ", or "" for another call.
func passedAs(fr *dataflow.Func, api *cparse.APIUse) string {
	if via := fr.ViaParam(api); via != api {
		return "its callers pass " + via.Name + "(); "
	}
	return ""
}

// callSleeps reports whether a call may sleep or reschedule as written:
// a primitive that does, a header helper whose body makes such a call,
// or a function of the program that may sleep (with the calls down to
// the primitive in the returned note's Via). The
// state is the one the sleep happens in: before, less the caller's locks
// the callee drops first (named through fr's aliases, as before names
// them).
func callSleeps(p *Pass, fr *dataflow.Func, e *cfg.Event, before *dataflow.State) (dataflow.Note, *dataflow.State, bool) {
	if e.Kind != cfg.Call || e.API == nil {
		return dataflow.Note{}, before, false
	}
	fn := fr.Graph.Func
	e = fr.Canon(e)
	if _, ok := sleeps(p.Unit.Src, fn, e, before); ok {
		return dataflow.Note{}, before, true
	}
	if _, known := dataflow.Effect(e); known || e.API.Macro {
		return dataflow.Note{}, before, false
	}
	if p.Unit.Helpers[e.API.Name] != nil {
		// Replaying the helper's body is worth it only where a sleep
		// is reported: an atomic context or an RCU read side (a callee's
		// drops only take protection away).
		if _, inRCU := before.InRCU(); !before.NoSleep() && !inRCU {
			return dataflow.Note{}, before, false
		}
		path, drops, ok := p.Unit.HelperSleeps(e.API, before)
		if !ok {
			return dataflow.Note{}, before, false
		}
		s := before.Without(drops)
		return path, &s, true
	}
	env := p.Unit.Env()
	if env == nil {
		return dataflow.Note{}, before, false
	}
	path, drops, ok := env.Sleeps(fr.ViaParam(e.API), before, fr.ClearBits(before))
	if !ok {
		return dataflow.Note{}, before, false
	}
	s := before.Without(drops)
	return path, &s, true
}
