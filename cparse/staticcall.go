package cparse

import "github.com/kpreempt/kpreempt/kapi"

// Static calls (kapi.StaticCall): a call through a static call's
// trampoline is an indirect call through the key, a field of its own;
// static_call_update() stores into that field what its function argument
// is (a function by name, or what a struct field holds), and
// DEFINE_STATIC_CALL()'s initialiser the key's first function.

// staticCallee is the static call a callee expression goes through:
// static_call(name)(args) and static_call_cond(name)(args) call
// ({ ...; &__SCT__name; }).
func staticCallee(callee *Expr) (string, bool) {
	e := callee
	for depth := 0; e != nil && depth < 16; depth++ {
		switch e.Kind {
		case Cast, Unary:
			if e.Kind == Unary && e.Op != "&" && e.Op != "*" {
				return "", false
			}
			e = e.X
		case Comma:
			e = e.Y
		case StmtExpr:
			e = stmtExprValue(e)
		case Ident:
			if e.Ref != nil {
				return "", false
			}
			return kapi.StaticCallName(e.Name)
		default:
			return "", false
		}
	}
	return "", false
}

// stmtExprValue is the expression whose value a statement expression has:
// its last statement's.
func stmtExprValue(e *Expr) *Expr {
	b := e.Body
	if b == nil || len(b.List) == 0 {
		return nil
	}
	last := b.List[len(b.List)-1]
	if last.Kind != ExprStmt {
		return nil
	}
	return last.X
}

// staticUpdate is a call retargeting a static call, resolved once the
// function is seen (its function argument is often a local the macro
// declared: typeof(...) __F = (func)).
type staticUpdate struct {
	name string
	call *Expr
}

// noteStaticUpdate records a call of kapi.StaticCall.Update.
func (c *converter) noteStaticUpdate(call *Expr) {
	sc := kapi.StaticCall
	if c.quiet > 0 || call.Callee() != sc.Update || len(call.Args) < max(sc.UpdateKeyArg, sc.UpdateFuncArg) {
		return
	}
	name, ok := staticCallee(call.Args[sc.UpdateKeyArg-1])
	if !ok {
		return
	}
	c.ptrs.updates = append(c.ptrs.updates, staticUpdate{name, call})
}

// resolveUpdate records what a static call is retargeted to.
func (c *converter) resolveUpdate(u staticUpdate) {
	var p *localPtr
	fn := u.call.Args[kapi.StaticCall.UpdateFuncArg-1]
	f := fn
	for f != nil && f.Kind == Cast {
		f = f.X
	}
	if f != nil && f.Kind == Ident && f.Ref != nil {
		p = c.ptrs.vars[f.Ref]
	} else {
		p = &localPtr{}
		c.ptrValues(fn, p)
	}
	if p == nil || p.opaque {
		return
	}
	key := FieldRef{Tag: kapi.StaticCall.Tag, Field: u.name}
	for _, t := range p.targets {
		if t.Field != nil {
			c.unit.FieldCopies = append(c.unit.FieldCopies, FieldCopy{From: *t.Field, To: key, Pos: u.call.Pos})
		} else {
			c.unit.Stores = append(c.unit.Stores, FuncStore{Func: t.Func, Tag: key.Tag, Field: key.Field, Pos: u.call.Pos})
		}
	}
}
