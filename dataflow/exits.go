package dataflow

import (
	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
)

// Exit is a way out of a function: a return (or the end of the body)
// with the state just before it and the kind of value it returns. An
// exit reached from several blocks (out: return err; after gotos) is
// split by the block it comes from, so that the paths a join merged are
// told apart once more.
type Exit struct {
	Event *cfg.Event
	State State
	// Value is the kind of value returned; Any for a function that returns
	// nothing, or a value the analysis does not know.
	Value Class
	// Var is the local variable returned, "" when the value is another
	// expression.
	Var string
}

// Incoming returns the states block b is entered with: one per incoming
// edge that is taken when there are several, else its merged state.
func (r *Func) Incoming(b *cfg.Block) []State {
	var ins []State
	if len(b.Preds) > 1 {
		seen := map[*cfg.Block]bool{}
		for _, p := range b.Preds {
			if seen[p] || !r.In[p.Index].Reached {
				continue
			}
			seen[p] = true
			out := r.In[p.Index].clone()
			for _, e := range p.Events {
				r.transfer(&out, e)
			}
			for _, e := range p.Succs {
				if e.To != b {
					continue
				}
				t := out.clone()
				if e.Cond != nil {
					r.transferEdge(&t, e)
				}
				if t.Reached {
					ins = append(ins, t)
				}
			}
		}
	}
	if len(ins) == 0 {
		ins = []State{r.In[b.Index].clone()}
	}
	return ins
}

// Replay applies events to s, as the analysis does.
func (r *Func) Replay(s *State, events []*cfg.Event) {
	for _, e := range events {
		r.transfer(s, e)
	}
}

// Exits returns the function's exits.
func (r *Func) Exits() []Exit {
	var out []Exit
	for _, b := range r.Graph.Blocks {
		if !r.In[b.Index].Reached {
			continue
		}
		k := -1
		for i, e := range b.Events {
			if e.Kind == cfg.Return {
				k = i
				break
			}
		}
		if k < 0 {
			continue
		}
		ins := r.Incoming(b)
		for _, s := range ins {
			r.Replay(&s, b.Events[:k])
			x := Exit{Event: b.Events[k], State: s, Value: Any}
			if st := b.Events[k].Stmt; st != nil && st.X != nil {
				x.Value = ClassOf(st.X, &s)
				v := st.X
				for v.Kind == cparse.Cast && v.X != nil {
					v = v.X
				}
				switch v.Kind {
				case cparse.Ident:
					x.Var = v.Name
				case cparse.Call:
					x.Var = cfg.ReturnValue
				}
			}
			out = append(out, x)
		}
	}
	return out
}
