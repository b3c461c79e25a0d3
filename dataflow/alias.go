package dataflow

import (
	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
)

// aliases maps each local variable assigned exactly once, from a plain
// location (a variable or a member chain, no call), to that location's
// key: a lock reached through the variable is the same lock as through
// the location (sched_engine = engine->sched_engine; spin_lock(
// &sched_engine->lock) ... spin_unlock(&engine->sched_engine->lock)).
func aliases(f *cparse.Func) map[string]string {
	count, from, locals := storesTo(f)
	out := map[string]string{}
	for name, k := range from {
		if locals[name] && count[name] == 1 && keyBase(k) != name {
			out[name] = k
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// assignedOnce lists the local variables given a value exactly once,
// whatever the value (desc = irq_to_desc(irq)), and never changed or
// address-taken: a lock reached through one names one object.
func assignedOnce(f *cparse.Func) map[string]bool {
	count, _, locals := storesTo(f)
	out := map[string]bool{}
	for name := range locals {
		if count[name] == 1 {
			out[name] = true
		}
	}
	return out
}

// storesTo counts the stores to each variable of f's body (2 for a
// change other than a plain store, or a taken address), records the
// plain location each plain store copies, and lists the locals.
func storesTo(f *cparse.Func) (count map[string]int, from map[string]string, locals map[string]bool) {
	count, from, locals = map[string]int{}, map[string]string{}, map[string]bool{}
	if f == nil || f.Body == nil {
		return
	}
	note := func(name string, rhs *cparse.Expr) {
		count[name]++
		if k := locationKey(rhs); k != "" {
			from[name] = k
		}
	}
	cparse.WalkStmts(f.Body, func(s *cparse.Stmt) {
		for _, d := range s.Decls {
			locals[d.Var.Name] = true
			if d.Init != nil {
				note(d.Var.Name, d.Init)
			}
		}
	})
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		switch {
		case e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Ident:
			if e.Op == "=" {
				note(e.X.Name, e.Y)
			} else {
				count[e.X.Name] += 2
			}
		case (e.Kind == cparse.Unary && (e.Op == "++" || e.Op == "--" || e.Op == "&") || e.Kind == cparse.Postfix) && e.X != nil && e.X.Kind == cparse.Ident:
			count[e.X.Name] += 2 // changed, or its address taken
		}
	})
	return
}

// locationKey is the key of an expression that is a plain location, ""
// for anything else.
func locationKey(e *cparse.Expr) string {
	for e != nil && e.Kind == cparse.Cast {
		e = e.X
	}
	if e == nil {
		return ""
	}
	ok := true
	var walk func(x *cparse.Expr)
	walk = func(x *cparse.Expr) {
		switch {
		case x == nil:
			ok = false
		case x.Kind == cparse.Ident:
		case x.Kind == cparse.Member:
			walk(x.X)
		case x.Kind == cparse.Unary && (x.Op == "&" || x.Op == "*"):
			walk(x.X)
		default:
			ok = false
		}
	}
	walk(e)
	if !ok {
		return ""
	}
	return cparse.LockKey(cparse.ExprText(e))
}

// canonKey rewrites a lock key through the function's aliases (their
// values are keys already: no address to take).
func canonKey(key string, alias map[string]string) string {
	for range 4 {
		p := cparse.ParsePath(key)
		a, ok := alias[p.Base]
		if !ok {
			return key
		}
		key = p.Rebase(a).String()
	}
	return key
}

// canon is the event as the analysis reads it: the arguments of a call
// rewritten through the function's aliases.
func (r *Func) canon(e *cfg.Event) *cfg.Event {
	if len(r.alias) == 0 || e.Kind != cfg.Call || e.API == nil || len(e.API.Args) == 0 {
		return e
	}
	var args []string
	for i, a := range e.API.Args {
		k := cparse.LockKey(a)
		if c := canonKey(k, r.alias); c != k {
			if args == nil {
				args = append([]string(nil), e.API.Args...)
			}
			args[i] = c
		}
	}
	if args == nil {
		return e
	}
	api := *e.API
	api.Args = args
	c := *e
	c.API = &api
	return &c
}

// Key is the lock a lock primitive's event names, as the analysis of the
// function keys it (aliases resolved).
func (r *Func) Key(e *cfg.Event) string {
	eff, _ := Effect(e)
	return LockKey(r.canon(e).API, eff)
}
