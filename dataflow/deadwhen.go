package dataflow

import (
	"slices"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
)

// maxDeadWhenRuns bounds the analyses DeadWhen runs again for one
// function.
const maxDeadWhenRuns = 6

// Variants is what analysing a function again from its entry, with one
// parameter given each kind a branch of it tests, teaches: a block the
// analysis then does not reach is reached only for the other kinds.
// That covers what a parameter decided through a local variable
// (drivers/usb/core/hub.c usb_set_device_state(): wakeup stays -1 on the
// branch where new_state is USB_STATE_NOTATTACHED, so the call under
// "if (wakeup >= 0)" is made only for other states), which the states at
// the call, joined over both branches, no longer tell.
type Variants struct {
	// When are, by block index, what the parameters hold on every way
	// into a block reached; nil when nothing is learnt.
	When [][]Value
	// Dead marks, by block index, the blocks reached for no kind at all
	// of a parameter: code the joined states took for live
	// (arch/x86/mm/fault.c do_user_addr_fault(): flags has
	// FAULT_FLAG_USER exactly when user_mode(regs), and the block entered
	// only with it calls the oops path only if !user_mode(regs)).
	Dead []bool
}

// DeadWhen analyses the function again for each kind of a parameter its
// branches test. Only functions that also branch on a local variable the
// analysis follows are run again: elsewhere the states say as much.
func (r *Func) DeadWhen() Variants {
	variants := r.paramVariants()
	if len(variants) == 0 {
		return Variants{}
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
	var vs Variants
	for i, ruled := range out {
		if slices.ContainsFunc(ruled, func(v Value) bool { return v.Class == 0 }) {
			if vs.Dead == nil {
				vs.Dead = make([]bool, len(out))
			}
			vs.Dead[i] = true
			continue
		}
		if len(ruled) > 0 {
			if vs.When == nil {
				vs.When = make([][]Value, len(out))
			}
			vs.When[i] = ruled
		}
	}
	return vs
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
// branches test (each side of a test, but the whole range), and of
// their bits, when it also branches on a followed local; at most
// maxDeadWhenRuns.
func (r *Func) paramVariants() []Value {
	f := r.Graph.Func
	if f == nil || len(f.Params) == 0 {
		return nil
	}
	var out, bits []Value
	decides := map[string]bool{} // bits of a parameter a branch on which stores to a local
	whole := r.testedWhole()
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
			if key == "" {
				// if (user_mode(regs)): bits of what a parameter points to.
				if call := testedCall(e.Cond); call != nil {
					key, ifTrue, ifFalse = r.testedCallBits()[callValueKey(call.API.Pos)], NonZero, Zero
				}
			}
			if key == "" || !r.followed(key) {
				continue
			}
			if !f.HasParam(keyRoot(key)) {
				local = true
				continue
			}
			if key != keyRoot(key) && r.storesLocal(e.To, whole) {
				decides[key] = true
			}
			for _, c := range [2]Class{ifTrue, ifFalse} {
				v := Value{Key: key, Class: c}
				switch {
				case c == Any || c == 0 || slices.Contains(out, v) || slices.Contains(bits, v):
				case key == keyRoot(key):
					out = append(out, v)
				default:
					bits = append(bits, v)
				}
			}
		}
	}
	if !local {
		return nil
	}
	// The parameters' own kinds first, then the bits that decide a
	// local's value (if (user_mode(regs)) flags |= FAULT_FLAG_USER;):
	// the others' branches say what they teach at every point.
	for _, v := range bits {
		if decides[v.Key] {
			out = append(out, v)
		}
	}
	if len(out) > maxDeadWhenRuns {
		out = out[:maxDeadWhenRuns]
	}
	return out
}

// storesLocal reports whether block b stores to a local variable the
// analysis follows what a branch tests of it: the variable (in whole),
// or bits of it the value stored touches (flags |= FAULT_FLAG_USER, then
// if (!(flags & FAULT_FLAG_USER))).
func (r *Func) storesLocal(b *cfg.Block, whole map[string]bool) bool {
	f := r.Graph.Func
	return slices.ContainsFunc(b.Events, func(e *cfg.Event) bool {
		if e.Kind != cfg.Assign || e.DefKey == "" || f.HasParam(e.DefKey) || !r.followed(e.DefKey) {
			return false
		}
		if whole[e.DefKey] {
			return true
		}
		v := e.Value
		if v != nil && v.Kind == cparse.Assign {
			v = v.Y
		}
		c, ok := cparse.ConstIntIn(v, r.Graph.Enums)
		return ok && slices.ContainsFunc(r.testedMasks()[e.DefKey], func(m uint64) bool { return c&m != 0 })
	})
}

// testedWhole are the locations branches test as a whole (if (wakeup >=
// 0)), not bits of.
func (r *Func) testedWhole() map[string]bool {
	out := map[string]bool{}
	for _, b := range r.Graph.Blocks {
		for _, e := range b.Succs {
			if e.Cond == nil {
				continue
			}
			if key, _, _ := branchFactsIn(e.Cond, r.Graph.Enums); key != "" && key == keyRoot(key) {
				out[key] = true
			}
		}
	}
	return out
}

// keyRoot is the variable a values key is a location of: flags of
// flags & FAULT_FLAG_USER, regs of regs->cs & 3.
func keyRoot(key string) string {
	if base, _, ok := SplitMaskKey(key); ok {
		key = base
	}
	return cparse.ParsePath(key).Base
}
