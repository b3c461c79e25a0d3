package cparse

// WalkStmts calls fn for s and every statement nested in it, including
// those of statement expressions, in source order.
func WalkStmts(s *Stmt, fn func(*Stmt)) {
	walk(s, fn, nil)
}

// WalkExprs calls fn for every expression under s, parents before their
// operands, including those inside statement expressions.
func WalkExprs(s *Stmt, fn func(*Expr)) {
	walk(s, nil, fn)
}

func walk(s *Stmt, sf func(*Stmt), ef func(*Expr)) {
	if s == nil {
		return
	}
	if sf != nil {
		sf(s)
	}
	var expr func(e *Expr)
	expr = func(e *Expr) {
		if e == nil {
			return
		}
		if ef != nil {
			ef(e)
		}
		expr(e.X)
		expr(e.Y)
		expr(e.Z)
		for _, a := range e.Args {
			expr(a)
		}
		walk(e.Body, sf, ef)
	}
	for _, d := range s.Decls {
		expr(d.Init)
	}
	expr(s.X)
	expr(s.Hi)
	walk(s.Init, sf, ef)
	expr(s.Post)
	if s.Asm != nil {
		for _, o := range s.Asm.Operands {
			expr(o)
		}
	}
	for _, x := range s.List {
		walk(x, sf, ef)
	}
	walk(s.Body, sf, ef)
	walk(s.Else, sf, ef)
}
