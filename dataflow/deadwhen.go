package dataflow

import "slices"

// maxDeadWhenRuns bounds the analyses DeadWhen runs again for one
// function.
const maxDeadWhenRuns = 6

// DeadWhen are, by block index, what the function's parameters hold on
// every way into a block reached, learnt by analysing the function again
// from its entry with one parameter given one kind a branch of it tests:
// a block the analysis then does not reach is reached only for the other
// kinds. That covers what a parameter decided through a local variable
// (drivers/usb/core/hub.c usb_set_device_state(): wakeup stays -1 on the
// branch where new_state is USB_STATE_NOTATTACHED, so the call under
// "if (wakeup >= 0)" is made only for other states), which the states at
// the call, joined over both branches, no longer tell. Only functions
// that also branch on a local variable the analysis follows are run
// again: elsewhere the states say as much. nil when nothing is learnt.
func (r *Func) DeadWhen() [][]Value {
	variants := r.paramVariants()
	if len(variants) == 0 {
		return nil
	}
	var out [][]Value
	for _, v := range variants {
		entry := r.Entry.clone()
		entry.Values = entry.Values.set(v.Key, v.Class)
		again := analyze(r.Graph, entry, r.env)
		for i := range r.In {
			if !r.In[i].Reached || again.In[i].Reached {
				continue
			}
			if out == nil {
				out = make([][]Value, len(r.In))
			}
			out[i] = ruleOut(out[i], v)
		}
	}
	for i, vs := range out {
		out[i] = slices.DeleteFunc(vs, func(v Value) bool { return v.Class == 0 })
	}
	return out
}

// ruleOut records in vs that the parameter v.Key holds none of v.Class.
func ruleOut(vs []Value, v Value) []Value {
	for i := range vs {
		if vs[i].Key == v.Key {
			vs[i].Class &^= v.Class
			return vs
		}
	}
	return append(vs, Value{Key: v.Key, Class: Any &^ v.Class})
}

// paramVariants are the kinds of its followed parameters the function's
// branches test (each side of a test, but the whole range), when it
// also branches on a followed local; at most maxDeadWhenRuns.
func (r *Func) paramVariants() []Value {
	f := r.Graph.Func
	if f == nil || len(f.Params) == 0 {
		return nil
	}
	var out []Value
	local := false
	for _, b := range r.Graph.Blocks {
		if !r.In[b.Index].Reached {
			continue
		}
		for _, e := range b.Succs {
			if e.Cond == nil {
				continue
			}
			key, ifTrue, ifFalse := branchFactsIn(e.Cond, r.Graph.Enums)
			if key == "" || !r.followed(key) {
				continue
			}
			if !f.HasParam(key) {
				local = true
				continue
			}
			for _, c := range [2]Class{ifTrue, ifFalse} {
				v := Value{Key: key, Class: c}
				if c != Any && c != 0 && !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
	}
	if !local {
		return nil
	}
	if len(out) > maxDeadWhenRuns {
		out = out[:maxDeadWhenRuns]
	}
	return out
}
