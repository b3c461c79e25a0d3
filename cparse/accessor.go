package cparse

import (
	"strings"
)

// accessor is a header's inline function that returns the address of a
// member reached from its only parameter (rq_lockp(rq) returns
// &rq->__lock): a lock passed as its call is that member's. One that
// returns a pointer member (bdev_get_queue(bdev) returns bdev->bd_queue)
// names the object a lock reached through its call belongs to
// (&bdev_get_queue(ctx->bdev)->queue_lock is
// &ctx->bdev->bd_queue->queue_lock).
type accessor struct {
	param string
	path  string // the member path after the parameter: "->__lock"
	// pointer is set for one that returns the member's value, not its
	// address.
	pointer bool
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
	if ret == nil || ret.Kind != Return || ret.X == nil {
		return nil
	}
	m, pointer := ret.X, true
	if m.Kind == Unary && m.Op == "&" {
		m, pointer = m.X, false
	}
	if m == nil || m.Kind != Member || rootVar(m) != f.Params[0].Name || pointer && m.Op != "->" {
		return nil
	}
	text := ExprText(m)
	path, ok := strings.CutPrefix(text, f.Params[0].Name)
	if !ok || path == "" || (path[0] != '-' && path[0] != '.') || strings.ContainsAny(path, "()[]") {
		return nil
	}
	a := &accessor{param: f.Params[0].Name, path: path, pointer: pointer}
	c.accessors[name] = a
	return a
}

// throughAccessor rewrites a lock argument written as an accessor's call
// on a variable or member (rq_lockp(rq)) as the address it returns
// (&rq->__lock); any other argument is returned as it is.
//
// A lock reached through a call of an accessor that returns a pointer
// member (&bdev_get_queue(ctx->bdev)->queue_lock) is rewritten as the
// member path (&ctx->bdev->bd_queue->queue_lock).
func (c *converter) throughAccessor(arg string) string {
	arg = strings.TrimSpace(arg)
	open := strings.IndexByte(arg, '(')
	if open <= 0 {
		return arg
	}
	amp := strings.HasPrefix(arg, "&")
	name := strings.TrimSpace(strings.TrimPrefix(arg[:open], "&"))
	end := ClosingParen(arg, open)
	if end < 0 || !IsIdent(name) {
		return arg
	}
	inner, rest := strings.TrimSpace(arg[open+1:end]), arg[end+1:]
	if inner == "" || strings.ContainsAny(inner, "(),&* ") {
		return arg
	}
	a := c.accessorOf(name)
	switch {
	case a == nil:
		return arg
	case !a.pointer && !amp && rest == "":
		return "&" + inner + a.path
	case a.pointer && strings.HasPrefix(rest, "->") && !strings.ContainsAny(rest, "()[] "):
		out := inner + a.path + rest
		if amp {
			out = "&" + out
		}
		return out
	}
	return arg
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
