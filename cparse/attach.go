package cparse

import (
	"strings"

	"github.com/kpreempt/kpreempt/kapi"
)

// attacher marks the nodes that are uses of kernel primitives. A node is the
// use of a macro when its first and last tokens both come from that
// expansion and its parent's do not: it is the top of the expansion. A
// direct call is the use of the function it names.
type attacher struct {
	c *converter
}

// common returns the frames shared by a span's first and last tokens,
// outermost first.
func (a *attacher) common(sp span) []*frame {
	if sp.first == 0 || sp.last == 0 {
		return nil
	}
	ff := a.c.org.framesRef(sp.first)
	if len(ff) == 0 {
		return nil
	}
	lf := a.c.org.framesRef(sp.last)
	n := 0
	for n < len(ff) && n < len(lf) && ff[n] == lf[n] {
		n++
	}
	return ff[:n]
}

// ctx is what a node inherits: the expansions its parent already covers
// and the user macros it sits in.
type ctx struct {
	covered []*frame
	via     []string
	// argOf is set inside the expansion of a kernel primitive's macro:
	// only expansions the user wrote in its arguments are uses there, not
	// those of the macro's own definition.
	argOf *frame
	// variant is set under a branch whose condition is variant code
	// (a macro defined in #ifndef CONFIG_PREEMPT_RT): which way it goes
	// depends on the configuration.
	variant bool
}

func (a *attacher) enter(node any, parent ctx) (*APIUse, ctx) {
	sp, ok := a.c.spans[node]
	if !ok {
		return nil, parent
	}
	com := a.common(sp)
	if len(com) <= len(parent.covered) {
		return nil, ctx{covered: com, via: parent.via, argOf: parent.argOf, variant: parent.variant}
	}
	next := ctx{covered: com, via: parent.via, argOf: parent.argOf, variant: parent.variant}
	for _, f := range com[len(parent.covered):] {
		if parent.argOf != nil && !writtenIn(f, parent.argOf) {
			continue
		}
		if eff, known := kapi.Lookup(f.name); known {
			pos := f.pos
			if f != com[0] && !writtenIn(f, com[0]) {
				// Written in the definition of another macro: report
				// where the user's code expands that one.
				pos = a.c.org.whereRef(sp.first)
			}
			return &APIUse{Name: f.name, Pos: pos, Args: a.lockArgs(eff, expandedLock(eff, f)), Via: next.via, Macro: true,
				Variant: parent.variant || a.variant(sp.first)}, next
		}
		if kapi.TestsRT(f.name, f.args) {
			return &APIUse{Name: f.name, Pos: f.pos, Args: f.args, Via: next.via, Macro: true}, next
		}
		next.via = append(next.via[:len(next.via):len(next.via)], f.name)
	}
	return nil, next
}

func (a *attacher) stmt(s *Stmt, parent ctx) {
	if s == nil {
		return
	}
	if s.Kind == ExprStmt {
		// The statement spans what its expression spans; the expression
		// carries the use.
		a.expr(s.X, parent)
		return
	}
	api, in := a.enter(s, parent)
	if api != nil {
		// A kernel macro expanding to a whole statement: look only for
		// uses the user wrote in its arguments.
		s.API = api
		in.argOf = in.covered[len(in.covered)-1]
		in.via = append(in.via[:len(in.via):len(in.via)], api.Name)
	}
	switch s.Kind {
	case Block:
		for _, x := range s.List {
			a.stmt(x, in)
		}
	case DeclStmt:
		for _, d := range s.Decls {
			a.expr(d.Init, in)
		}
	case Asm:
		for _, o := range s.Asm.Operands {
			a.expr(o, in)
		}
	default:
		g := in
		switch s.Kind {
		case If, While, DoWhile, For, Switch:
			g = a.guarded(s.X, in)
		}
		a.expr(s.X, in)
		a.expr(s.Hi, in)
		a.stmt(s.Init, in)
		a.expr(s.Post, g)
		a.stmt(s.Body, g)
		a.stmt(s.Else, g)
	}
}

// guarded is the context of what a branch on cond guards: variant when
// cond is variant code, since which way it goes is the configuration's.
// The condition itself is as written.
func (a *attacher) guarded(cond *Expr, in ctx) ctx {
	if !in.variant && a.variantExpr(cond) {
		in.variant = true
	}
	return in
}

func (a *attacher) expr(e *Expr, parent ctx) {
	if e == nil {
		return
	}
	api, in := a.enter(e, parent)
	if api != nil {
		e.API = api
		in.argOf = in.covered[len(in.covered)-1]
		in.via = append(in.via[:len(in.via):len(in.via)], api.Name)
		a.expr(e.X, in)
		a.expr(e.Y, in)
		a.expr(e.Z, in)
		for _, arg := range e.Args {
			a.expr(arg, in)
		}
		a.stmt(e.Body, in)
		return
	}
	if name := e.Callee(); name != "" && (in.argOf == nil || a.userWritten(e.X)) {
		e.API = &APIUse{Name: name, Pos: e.Pos, Via: in.via, Variant: in.variant}
		if sp, ok := a.c.spans[e.X]; ok && a.variant(sp.first) {
			e.API.Variant = true
		}
		for _, arg := range e.Args {
			e.API.Args = append(e.API.Args, a.sourceText(arg, len(in.covered)))
		}
		e.API.Values = ConstValuesIn(e.Args, a.c.unit.Enums)
		if eff, known := kapi.Lookup(name); known {
			e.API.Args = a.lockArgs(eff, e.API.Args)
		}
	}
	g := in
	if e.Kind == Cond {
		g = a.guarded(e.X, in)
	}
	a.expr(e.X, in)
	a.expr(e.Y, g)
	a.expr(e.Z, g)
	for _, arg := range e.Args {
		a.expr(arg, in)
	}
	a.stmt(e.Body, in)
}

// sourceText renders an argument as the user wrote it: a part produced by
// a macro the enclosing node does not cover is rendered as the macro use
// (GFP_KERNEL, not its expansion), unless the whole argument is a macro
// that stands for a number (MSG_DONTWAIT is 0x40): the number is what the
// analysis can compare.
func (a *attacher) sourceText(e *Expr, covered int) string {
	var b strings.Builder
	writeExpr(&b, e, func(x *Expr) (string, bool) {
		sp, ok := a.c.spans[x]
		if !ok || x == e && x.Kind == Lit && isIntLit(x.Name) {
			return "", false
		}
		com := a.common(sp)
		if len(com) <= covered {
			return "", false
		}
		f := com[covered]
		if f.args == nil {
			return f.name, true
		}
		return f.name + "(" + strings.Join(f.args, ", ") + ")", true
	})
	return b.String()
}

// variant reports whether what the user wrote at t is variant code
// (cpp.Config.Watch, kapi.RTConfig): read in a conditional group that tests
// CONFIG_PREEMPT_RT, or made by a user macro defined in one. The kernel
// primitives' own definitions do not count: kapi describes them on both
// kinds of kernel.
func (a *attacher) variant(t tokRef) bool {
	if t == 0 {
		return false
	}
	if a.c.org.variantRef(t) {
		return true
	}
	for _, f := range a.c.org.framesRef(t) {
		if _, known := kapi.Lookup(f.name); known || kapi.TestsRT(f.name, f.args) {
			return false
		}
		if f.variant {
			return true
		}
	}
	return false
}

// variantExpr reports whether any part of e is variant code.
func (a *attacher) variantExpr(e *Expr) bool {
	if e == nil {
		return false
	}
	if sp, ok := a.c.spans[e]; ok && (a.variant(sp.first) || a.variant(sp.last)) {
		return true
	}
	if a.variantExpr(e.X) || a.variantExpr(e.Y) || a.variantExpr(e.Z) {
		return true
	}
	for _, x := range e.Args {
		if a.variantExpr(x) {
			return true
		}
	}
	return false
}

// writtenIn reports whether the expansion f was written by the user in the
// arguments of the invocation outer, rather than by outer's definition:
// the user's text is in outer's file, after outer's name.
func writtenIn(f, outer *frame) bool {
	return f.pos.File == outer.pos.File && !f.pos.Before(outer.pos)
}

// userWritten reports whether a node's first token was written by the user
// rather than by a macro definition.
func (a *attacher) userWritten(e *Expr) bool {
	sp, ok := a.c.spans[e]
	return ok && a.c.org.userWrittenRef(sp.first)
}

// lockArgs are the arguments of a lock primitive with its lock written
// through an accessor (raw_spin_unlock(rq_lockp(rq))) as the member the
// accessor returns.
func (a *attacher) lockArgs(eff kapi.Effect, args []string) []string {
	if eff.Lock == kapi.NoLockOp || len(args) == 0 {
		return args
	}
	out := append([]string(nil), args...)
	out[0] = a.c.throughAccessor(out[0])
	return out
}

// expandedLock are the arguments of a lock primitive's macro with the
// lock as the expansion names it, when an object-like macro spells it
// (&dentry->d_lock is &dentry->d_lockref.lock, as the inline function
// that releases it is given it): only a plain access path, as written
// and as expanded.
func expandedLock(eff kapi.Effect, f *frame) []string {
	k := max(eff.LockArg, 1) - 1
	if eff.Lock == kapi.NoLockOp || k >= len(f.args) || len(f.expanded) != len(f.args) {
		return f.args
	}
	x := f.expanded[k]
	if x == "" || x == f.args[k] || strings.Contains(f.args[k], "(") || strings.Contains(x, "(") {
		return f.args
	}
	out := append([]string(nil), f.args...)
	out[k] = x
	return out
}
