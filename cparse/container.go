package cparse

import "strings"

// ContainerOf reads e as the kernel's container_of(ptr, type, member) as
// it expands (a pointer less the member's offset, the offset written
// &((type *)0)->member by __builtin_offsetof, the pointer possibly held
// first in a variable of a statement expression): the pointer and the
// member, "a.b" for a nested one. ok is false for anything else.
func ContainerOf(e *Expr) (ptr *Expr, member string, ok bool) {
	e = uncast(e)
	var temps map[string]*Expr // __mptr = (void *)(ptr)
	if e != nil && e.Kind == StmtExpr {
		if e.Body != nil {
			for _, s := range e.Body.List {
				for _, d := range s.Decls {
					if temps == nil {
						temps = map[string]*Expr{}
					}
					temps[d.Var.Name] = d.Init
				}
			}
		}
		e = uncast(stmtExprValue(e))
	}
	if e == nil || e.Kind != Binary || e.Op != "-" {
		return nil, "", false
	}
	member, ok = offsetMember(uncast(e.Y))
	if !ok {
		return nil, "", false
	}
	ptr = uncast(e.X)
	if ptr != nil && ptr.Kind == Ident && ptr.Ref != nil && temps[ptr.Name] != nil {
		ptr = uncast(temps[ptr.Name])
	}
	if ptr == nil {
		return nil, "", false
	}
	return ptr, member, true
}

// offsetMember reads &((type *)0)->member (a.b for &((type *)0)->a.b).
func offsetMember(e *Expr) (string, bool) {
	if e == nil || e.Kind != Unary || e.Op != "&" {
		return "", false
	}
	var names []string
	x := e.X
	for x != nil && x.Kind == Member && x.Op == "." {
		names = append([]string{x.Name}, names...)
		x = x.X
	}
	if x == nil || x.Kind != Member || x.Op != "->" {
		return "", false
	}
	names = append([]string{x.Name}, names...)
	if base := uncast(x.X); base == nil || base.Kind != Lit || base.Name != "0" {
		return "", false
	}
	return strings.Join(names, "."), true
}

func uncast(e *Expr) *Expr {
	for e != nil && e.Kind == Cast {
		e = e.X
	}
	return e
}
