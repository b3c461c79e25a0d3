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
	if e != nil && e.Kind == StmtExpr && e.Body != nil && len(e.Body.List) > 0 {
		list := e.Body.List
		for _, s := range list[:len(list)-1] {
			for _, d := range s.Decls {
				if temps == nil {
					temps = map[string]*Expr{}
				}
				temps[d.Var.Name] = d.Init
			}
		}
		last := list[len(list)-1]
		if last.Kind != ExprStmt {
			return nil, "", false
		}
		e = uncast(last.X)
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
