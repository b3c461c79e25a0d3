package dataflow

import (
	"slices"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
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
			if !seen[p] {
				seen[p] = true
				ins = r.edgeStates(ins, p, b)
			}
		}
	}
	if len(ins) == 0 {
		ins = []State{r.In[b.Index].clone()}
	}
	return ins
}

// edgeStates appends to ins the states block p leaves along each of its
// edges to block to that is taken.
func (r *Func) edgeStates(ins []State, p, to *cfg.Block) []State {
	if !r.In[p.Index].Reached {
		return ins
	}
	out := r.In[p.Index].clone()
	r.Replay(&out, p.Events)
	for _, e := range p.Succs {
		if e.To != to {
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
	// The summary, the summarise phase's facts and several rules each
	// ask; the exits are made once. Each gets its own copy of the list.
	if !r.exitsMade {
		r.exits, r.exitsMade = r.makeExits(), true
	}
	return slices.Clone(r.exits)
}

func (r *Func) makeExits() []Exit {
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
		for i := range ins {
			r.Replay(&ins[i], b.Events[:k])
		}
		if far := r.lockNeutralIns(b, k); far != nil {
			ins = far
		}
		for _, s := range ins {
			x := Exit{Event: b.Events[k], State: s, Value: Any}
			if st := b.Events[k].Stmt; st != nil && st.X != nil {
				x.Value = ClassOf(st.X, &s)
				switch v := returnedExpr(st); v.Kind {
				case cparse.Ident:
					x.Var = v.Name
				case cparse.Call:
					x.Var = cfg.ReturnValue
					if c, ok := s.Values.Of(cfg.ReturnValue); ok && x.Value == Any {
						x.Value = c // return f(): the kinds f's summary gives
					}
				}
			}
			out = append(out, splitByCondLock(x)...)
		}
	}
	return out
}

// returnedExpr is the expression a return statement returns, its casts
// taken off; nil for none.
func returnedExpr(st *cparse.Stmt) *cparse.Expr {
	if st == nil || st.X == nil {
		return nil
	}
	v := st.X
	for v.Kind == cparse.Cast && v.X != nil {
		v = v.X
	}
	return v
}

// splitByCondLock splits an exit that returns an expression of a
// variable a lock is pending on (CondLock) into the exit where the
// variable's value took the lock and the one where it did not, each with
// its own value (mm/page_vma_mapped.c map_pte(): pvmw->pte =
// pte_offset_map_lock(...); return !!pvmw->pte; holds the page table's
// lock iff it returns true).
func splitByCondLock(x Exit) []Exit {
	st := x.Event.Stmt
	if st == nil || st.X == nil || x.Var != "" {
		return []Exit{x}
	}
	for _, c := range x.State.Conds {
		if !c.isLock() || !readsKey(st.X, c.Var) {
			continue
		}
		var out []Exit
		for _, w := range [2]Class{c.When, Any &^ c.When} {
			s := x.State.clone()
			s.restrict(c.Var, w)
			v := ClassOf(st.X, &s)
			if v == Any {
				// The value does not follow the variable's (a
				// statement expression that returns it): one exit.
				return []Exit{x}
			}
			out = append(out, Exit{Event: x.Event, State: s, Value: v})
		}
		return out
	}
	return []Exit{x}
}

// readsKey reports whether the expression reads the location key.
func readsKey(e *cparse.Expr, key string) bool {
	found := false
	cparse.WalkExprs(&cparse.Stmt{Kind: cparse.ExprStmt, X: e}, func(x *cparse.Expr) {
		if !found && (x.Kind == cparse.Ident || x.Kind == cparse.Member) && testedKey(x) == key {
			found = true
		}
	})
	return found
}

// lockNeutralIns splits the exit at event k of block b further back than
// its incoming edges, when a lock is held there on some paths only: to
// the edges into the region of blocks above it that change nothing of
// the context (no lock operation, no primitive with an effect, no call
// whose summary changes anything) nor the value returned. Such a tail
// (out: trace the time taken; return n;) keeps apart the paths that
// jumped to it holding a lock from those that released it (a deleted
// unlock before a goto out). It returns nil when there is nothing to
// split, or the region writes the variable returned.
func (r *Func) lockNeutralIns(b *cfg.Block, k int) []State {
	j := r.In[b.Index].clone()
	r.Replay(&j, b.Events[:k])
	// Only a plainly taken lock: one a trylock or a killable lock took
	// is held as a value says (splitByValue), and the paths that value
	// tells apart may hold it under another name (kernel/kcmp.c
	// kcmp_lock(): l2 is l1 on the way where l1 == l2).
	may := false
	for _, h := range j.Locks {
		if e, ok := kapi.Lookup(h.Name); !h.Must && ok && e.Lock == kapi.Acquire {
			may = true
		}
	}
	if !may {
		return nil
	}
	var ret string
	if v := returnedExpr(b.Events[k].Stmt); v != nil {
		if v.Kind != cparse.Ident {
			return nil
		}
		ret = v.Name
	}
	if !r.neutral(b.Events[:k], ret) {
		return nil
	}
	region := map[*cfg.Block]bool{b: true}
	for grew := true; grew; {
		grew = false
		for _, p := range r.Graph.Blocks {
			if region[p] || !r.In[p.Index].Reached || len(p.Succs) == 0 || !r.neutral(p.Events, ret) {
				continue
			}
			all := true
			for _, e := range p.Succs {
				all = all && region[e.To]
			}
			if all {
				region[p], grew = true, true
			}
		}
	}
	if len(region) == 1 || region[r.Graph.Blocks[0]] {
		return nil // nothing above the exit, or the whole way from the entry
	}
	var ins []State
	for _, p := range r.Graph.Blocks {
		if !region[p] {
			continue
		}
		seen := map[*cfg.Block]bool{}
		for _, q := range p.Preds {
			if !region[q] && !seen[q] {
				seen[q] = true
				ins = r.edgeStates(ins, q, p)
			}
		}
	}
	if len(ins) < 2 {
		return nil
	}
	return ins
}

// neutral reports whether events change nothing of the context a lock
// shape reads, nor the variable ret (when not "").
func (r *Func) neutral(events []*cfg.Event, ret string) bool {
	for _, e := range events {
		switch e.Kind {
		case cfg.Call:
			if ret != "" && e.DefKey == ret {
				return false
			}
			if eff, ok := Effect(e); ok && (eff.Lock != kapi.NoLockOp || eff.Preempt != 0 || eff.IRQ != kapi.NoIRQOp ||
				eff.BH != 0 || eff.Migrate != 0 || eff.FPU != 0 || eff.GuardProtects || eff.NoReturn ||
				eff.AssertsAtomic || eff.AssertsHeld || eff.Tests != kapi.NoPredicate) {
				return false
			}
			if sum := r.summaryOf(e); sum != nil && !sum.Empty() {
				return false
			}
		case cfg.Assign:
			if ret != "" && e.DefKey == ret {
				return false
			}
		case cfg.Return, cfg.Inline:
			return false
		}
	}
	return true
}
