package cparse

import (
	"strings"
)

// accessor is a header's inline function that returns the address of a
// member reached from its only parameter (rq_lockp(rq) returns
// &rq->__lock): a lock passed as its call is that member's.
type accessor struct {
	param string
	path  string // the member path after the parameter: "->__lock"
}

// accessorOf is the accessor named name, nil when name is no accessor.
func (c *converter) accessorOf(name string) *accessor {
	if a, ok := c.accessors[name]; ok {
		return a
	}
	c.accessors[name] = nil // a recursive definition is no accessor
	fd, ok := c.headerDefs[name]
	if !ok {
		return nil
	}
	c.quiet++
	f := c.function(fd)
	c.quiet--
	if len(f.Params) != 1 || f.Body == nil {
		return nil
	}
	// One statement, a return (the conversion declares __func__ first).
	var ret *Stmt
	for _, st := range f.Body.List {
		switch {
		case st.Kind == DeclStmt && len(st.Decls) == 1 && st.Decls[0].Var.Name == "__func__":
		case ret == nil:
			ret = st
		default:
			return nil
		}
	}
	if ret == nil || ret.Kind != Return || ret.X == nil || ret.X.Kind != Unary || ret.X.Op != "&" {
		return nil
	}
	m := ret.X.X
	if m == nil || m.Kind != Member || rootVar(m) != f.Params[0].Name {
		return nil
	}
	text := ExprText(m)
	path, ok := strings.CutPrefix(text, f.Params[0].Name)
	if !ok || path == "" || (path[0] != '-' && path[0] != '.') {
		return nil
	}
	a := &accessor{param: f.Params[0].Name, path: path}
	c.accessors[name] = a
	return a
}

// throughAccessor rewrites a lock argument written as an accessor's call
// on a variable or member (rq_lockp(rq)) as the address it returns
// (&rq->__lock); any other argument is returned as it is.
func (c *converter) throughAccessor(arg string) string {
	arg = strings.TrimSpace(arg)
	open := strings.IndexByte(arg, '(')
	if open <= 0 || !strings.HasSuffix(arg, ")") {
		return arg
	}
	name, inner := arg[:open], strings.TrimSpace(arg[open+1:len(arg)-1])
	if !IsIdent(name) || inner == "" || strings.ContainsAny(inner, "(),&* ") {
		return arg
	}
	a := c.accessorOf(name)
	if a == nil {
		return arg
	}
	return "&" + inner + a.path
}

// IsIdent reports whether s is a C identifier (ASCII letters, digits and
// underscores, not starting with a digit), as argument texts are checked
// for a plain name.
func IsIdent(s string) bool {
	for i, r := range s {
		if r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return s != ""
}
