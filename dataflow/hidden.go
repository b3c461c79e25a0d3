package dataflow

import "github.com/kpreempt/kpreempt/cparse"

// hiddenLocals finds, from the stores st into f's variables, the locals whose value no caller can learn (kept):
// the function hands their value to nothing its caller sees, as no return
// mentions it, no store puts it anywhere but into another such local, and
// its address is not taken. Cursors are those of them it walks with (p =
// p->next: a value reached from their own), which no caller can retrace;
// a local only ever given values its caller can name too (inode =
// dentry->d_inode, again after a retry: fs/dcache.c lock_for_kill()) is
// no cursor.
//
// A lock of the object a cursor points to, held at a return, is one no
// caller can release whatever the value returned (fs/libfs.c
// simple_empty() with the unlock of the child's lock before its goto
// deleted returns 0 holding it); so is a lock taken with
// spin_lock_irqsave() into a kept local: no caller has the interrupt
// state to restore (drivers/iommu/iova.c).
func hiddenLocals(f *cparse.Func, st stores) (cursors, kept map[string]bool) {
	cursors, kept = map[string]bool{}, map[string]bool{}
	if f == nil || f.Body == nil {
		return cursors, kept
	}
	// carries[a] lists the locals a's value is stored into.
	carries := map[string][]string{}
	escaped := map[string]bool{}
	walks := map[string]bool{} // assigned a value reached from its own (p = p->next)
	flow := func(lhs *cparse.Expr, rhs *cparse.Expr) {
		for name := range mentions(rhs) {
			if lhs != nil && lhs.Kind == cparse.Ident && st.locals[lhs.Name] {
				if lhs.Name != name {
					carries[name] = append(carries[name], lhs.Name)
				} else {
					walks[name] = true
				}
				continue
			}
			escaped[name] = true
		}
	}
	cparse.WalkStmts(f.Body, func(s *cparse.Stmt) {
		for _, d := range s.Decls {
			if d.Init != nil {
				flow(&cparse.Expr{Kind: cparse.Ident, Name: d.Var.Name}, d.Init)
			}
		}
		if s.Kind == cparse.Return && s.X != nil {
			flow(nil, s.X)
		}
	})
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		switch {
		case e.Kind == cparse.Assign:
			flow(e.X, e.Y)
		case e.Kind == cparse.Unary && e.Op == "&" && e.X != nil && e.X.Kind == cparse.Ident:
			escaped[e.X.Name] = true
		}
	})
	// A local escapes with any local its value is stored into.
	var escapes func(name string, seen map[string]bool) bool
	escapes = func(name string, seen map[string]bool) bool {
		if escaped[name] {
			return true
		}
		if seen[name] {
			return false
		}
		seen[name] = true
		for _, to := range carries[name] {
			if escapes(to, seen) {
				return true
			}
		}
		return false
	}
	for name := range st.locals {
		if escapes(name, map[string]bool{}) {
			continue
		}
		kept[name] = true
		if st.count[name] > 1 && walks[name] {
			cursors[name] = true
		}
	}
	return cursors, kept
}

// mentions are the identifiers an expression reads, statement
// expressions included.
func mentions(e *cparse.Expr) map[string]bool {
	out := map[string]bool{}
	var walk func(x *cparse.Expr)
	walk = func(x *cparse.Expr) {
		if x == nil {
			return
		}
		if x.Kind == cparse.Ident {
			out[x.Name] = true
		}
		walk(x.X)
		walk(x.Y)
		walk(x.Z)
		for _, a := range x.Args {
			walk(a)
		}
		if x.Body != nil {
			cparse.WalkExprs(x.Body, func(y *cparse.Expr) {
				if y.Kind == cparse.Ident {
					out[y.Name] = true
				}
			})
		}
	}
	walk(e)
	return out
}
