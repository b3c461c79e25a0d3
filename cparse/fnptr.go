package cparse

// A function often loads a callback into a local variable and calls it
// there (kernel/cpu.c: cb = bringup ? step->startup.single :
// step->teardown.single; ret = cb(cpu);). The call then reaches what the
// variable may hold: the functions stored in those struct fields, or the
// functions assigned by name. The variable is followed through the whole
// function, whatever the order of its assignments, and only when every
// value it takes is one of these (or a null pointer): a variable whose
// address is taken, a parameter, or one assigned anything else leaves
// its calls unresolved.

// Target is what a call through a local function pointer may call: a
// function by name, or any function stored in a struct field.
type Target struct {
	Func  string
	Field *FieldRef
}

// localPtr is what one local variable may hold.
type localPtr struct {
	targets []Target
	opaque  bool
}

// fnPtrs is the record of one function's local function pointers.
type fnPtrs struct {
	vars    map[*Var]*localPtr
	params  map[*Var]bool
	calls   []ptrCall
	updates []staticUpdate
}

type ptrCall struct {
	call *Expr
	v    *Var
}

func (c *converter) ptrVar(v *Var) *localPtr {
	p := c.ptrs.vars[v]
	if p == nil {
		p = &localPtr{opaque: c.ptrs.params[v]}
		if c.ptrs.vars == nil {
			c.ptrs.vars = map[*Var]*localPtr{}
		}
		c.ptrs.vars[v] = p
	}
	return p
}

// ptrAssign records that local v is assigned val.
func (c *converter) ptrAssign(v *Var, val *Expr) {
	if c.quiet > 0 || v == nil || val == nil {
		return
	}
	p := c.ptrVar(v)
	if p.opaque {
		return
	}
	c.ptrValues(val, p)
}

// ptrValues adds the values e may be to p (see valueLeaves): functions
// by name and struct fields; a null pointer adds nothing, anything else
// makes p opaque.
func (c *converter) ptrValues(e *Expr, p *localPtr) {
	valueLeaves(e, func(leaf *Expr) {
		switch leaf.Kind {
		case Lit: // NULL, 0
		case Ident:
			if leaf.Ref == nil && c.globals[leaf.Name].isFunc() {
				p.add(Target{Func: leaf.Name})
			} else {
				p.opaque = true
			}
		case Member, Index:
			if r := c.indirect(leaf); r != nil {
				p.add(Target{Field: r})
			} else {
				p.opaque = true
			}
		default:
			p.opaque = true
		}
	})
}

func (p *localPtr) add(t Target) {
	for _, o := range p.targets {
		if o.Func == t.Func && (o.Field == nil) == (t.Field == nil) && (o.Field == nil || *o.Field == *t.Field) {
			return
		}
	}
	p.targets = append(p.targets, t)
}

// ptrCallee records a call whose callee is a local variable, to resolve
// once the whole function is seen.
func (c *converter) ptrCallee(call *Expr) {
	if c.quiet > 0 {
		return
	}
	f := call.X
	for f != nil && (f.Kind == Unary && f.Op == "*" || f.Kind == Cast) {
		f = f.X
	}
	if f != nil && f.Kind == Ident && f.Ref != nil {
		c.ptrs.calls = append(c.ptrs.calls, ptrCall{call, f.Ref})
	}
}

// ptrAddress marks a local whose address is taken: what it holds is
// not known.
func (c *converter) ptrAddress(e *Expr) {
	if e != nil && e.Kind == Ident && e.Ref != nil && c.quiet == 0 {
		c.ptrVar(e.Ref).opaque = true
	}
}

// resolvePtrCalls gives each call through a local function pointer the
// targets the variable may hold.
func (c *converter) resolvePtrCalls() {
	for _, pc := range c.ptrs.calls {
		p := c.ptrs.vars[pc.v]
		if p == nil || p.opaque || len(p.targets) == 0 {
			continue
		}
		pc.call.Targets = p.targets
	}
	for _, u := range c.ptrs.updates {
		c.resolveUpdate(u)
	}
}
