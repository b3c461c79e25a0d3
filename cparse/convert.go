package cparse

import (
	"strings"

	"modernc.org/cc/v4"

	"github.com/kpreempt/kpreempt/kapi"
)

// converter turns cc/v4 nodes into cparse nodes. Every convert method
// returns the node and its first and last tokens, from which macro origins
// are attached afterwards (attach.go).
type converter struct {
	org    origins
	unit   *Unit
	scopes []map[string]*Var
	spans  map[any]span // cparse node -> its token span
	protos map[string][]protoSpan
	typeState
	seenMacro map[*frame]bool // expansions already in Unit.MacroUses
	main      string          // the main file, cleaned
	// headerStores are the stores of headers' definitions, kept for the
	// unit's own functions once they are known.
	headerStores []FuncStore
	// headerDefs are the inline functions headers define; accessors,
	// those of them that return the address of a member of their
	// parameter, by name (nil: not one).
	headerDefs map[string]*cc.FunctionDefinition
	accessors  map[string]*accessor
	// ptrs follows the local function pointers of the function being
	// converted (fnptr.go).
	ptrs fnPtrs
	// initIndex is the name designating the array element an
	// initializer is being read for (stores.go).
	initIndex string
	// included are the lines of the .c files the main file includes,
	// read for the annotations of the functions they define.
	included map[string][]string
	// bits are the bits the unit writes into struct members (bits.go);
	// addressed, the members whose address an expression takes, until
	// the call it is passed to, if any, is known.
	bits      map[FieldRef]*MemberBits
	addressed map[*Expr]FieldRef
}

// span names a node's first and last tokens (origins.ref).
type span struct{ first, last tokRef }

func (c *converter) span(first, last cc.Token) span { return span{c.org.ref(first), c.org.ref(last)} }

func (c *converter) push()          { c.scopes = append(c.scopes, map[string]*Var{}) }
func (c *converter) pop()           { c.scopes = c.scopes[:len(c.scopes)-1] }
func (c *converter) declare(v *Var) { c.scopes[len(c.scopes)-1][v.Name] = v }
func (c *converter) lookup(name string) *Var {
	for i := len(c.scopes) - 1; i >= 0; i-- {
		if v := c.scopes[i][name]; v != nil {
			return v
		}
	}
	return nil
}

func has(t cc.Token) bool { return t.Ch != 0 }

func (c *converter) pos(t cc.Token) Pos { return c.org.where(t) }

func (c *converter) mkExpr(e *Expr, first, last cc.Token) (*Expr, cc.Token, cc.Token) {
	f := c.org.ref(first) // searched once for the position and the span
	e.Pos = c.org.whereRef(f)
	c.spans[e] = span{f, c.org.ref(last)}
	return e, first, last
}

// function converts a function definition.
func (c *converter) function(fd *cc.FunctionDefinition) *Func {
	d := fd.Declarator
	name, nameTok := declaratorName(d)
	f := &Func{Name: name, Pos: c.pos(nameTok), Static: isStatic(fd.DeclarationSpecifiers),
		Init: specsOrPointerSection(fd.DeclarationSpecifiers, d, initSection)}
	// #define arch_irq_stat_cpu arch_irq_stat_cpu marks an override: the
	// name is still written in the file.
	if fs := c.org.frames(nameTok); len(fs) > 0 && (fs[0].args != nil || fs[0].name != name) {
		f.DefinedBy = fs[0].name
	}
	// The return type is what follows the function derivation; the
	// unit's walk has recorded the definition's type.
	ft, ok := c.globals[name]
	if !ok {
		ft = c.funcType(fd)
	}
	if ops := ft.ops; len(ops) > 1 && ops[0] == 'f' && ops[1] == 'p' {
		f.ReturnsPointer = true
	} else {
		f.ReturnsBool = boolSpecs(fd.DeclarationSpecifiers)
	}
	c.push()
	defer c.pop()
	saved := c.ptrs
	c.ptrs = fnPtrs{params: map[*Var]bool{}}
	defer func() { c.ptrs = saved }()
	for _, p := range params(d) {
		v := &Var{Name: p.name, Pos: c.pos(p.tok)}
		f.Params = append(f.Params, v)
		if p.decl != nil && f.GFPParam == 0 && gfpFlagsSpecs(p.decl.DeclarationSpecifiers) && len(appendDeclOps(nil, p.decl.Declarator)) == 0 {
			f.GFPParam = len(f.Params)
		}
		c.ptrs.params[v] = true
		c.declare(v)
		if p.decl != nil {
			base, _ := c.specsType(p.decl.DeclarationSpecifiers)
			c.declareType(v, c.declType(base, p.decl.Declarator))
		}
	}
	body, _, _ := c.compound(fd.CompoundStatement)
	f.Body = body
	f.End = body.End
	c.resolvePtrCalls()
	return f
}

type param struct {
	name string
	tok  cc.Token
	decl *cc.ParameterDeclaration // nil for an old-style identifier list
}

func params(d *cc.Declarator) (r []param) {
	for dd := d.DirectDeclarator; dd != nil; {
		switch dd.Case {
		case cc.DirectDeclaratorFuncParam:
			if dd.ParameterTypeList != nil {
				for l := dd.ParameterTypeList.ParameterList; l != nil; l = l.ParameterList {
					if pd := l.ParameterDeclaration; pd != nil && pd.Declarator != nil {
						n, t := declaratorName(pd.Declarator)
						r = append(r, param{n, t, pd})
					}
				}
			}
			return r
		case cc.DirectDeclaratorFuncIdent:
			for l := dd.IdentifierList; l != nil; l = l.IdentifierList {
				if has(l.Token2) {
					r = append(r, param{l.Token2.SrcStr(), l.Token2, nil})
				} else if has(l.Token) && l.Token.Ch == rune(cc.IDENTIFIER) {
					r = append(r, param{l.Token.SrcStr(), l.Token, nil})
				}
			}
			return r
		case cc.DirectDeclaratorDecl:
			dd = dd.Declarator.DirectDeclarator
		default:
			dd = dd.DirectDeclarator
		}
	}
	return nil
}

// declaratorName digs the identifier out of a declarator, through the
// parentheses of (*name)(...) and the like.
func declaratorName(d *cc.Declarator) (string, cc.Token) {
	for d != nil {
		dd := d.DirectDeclarator
		for dd != nil && dd.Case != cc.DirectDeclaratorIdent && dd.Case != cc.DirectDeclaratorDecl {
			dd = dd.DirectDeclarator
		}
		if dd == nil {
			break
		}
		if dd.Case == cc.DirectDeclaratorIdent {
			return dd.Token.SrcStr(), dd.Token
		}
		d = dd.Declarator
	}
	return "", cc.Token{}
}

func isStatic(ds *cc.DeclarationSpecifiers) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ds.Case == cc.DeclarationSpecifiersStorage && ds.StorageClassSpecifier != nil &&
			ds.StorageClassSpecifier.Case == cc.StorageClassSpecifierStatic {
			return true
		}
	}
	return false
}

func (c *converter) compound(cs *cc.CompoundStatement) (*Stmt, cc.Token, cc.Token) {
	s := &Stmt{Kind: Block, Pos: c.pos(cs.Token), End: c.pos(cs.Token2)}
	c.push()
	defer c.pop()
	for l := cs.BlockItemList; l != nil; l = l.BlockItemList {
		if st := c.blockItem(l.BlockItem); st != nil {
			s.List = append(s.List, st)
		}
	}
	c.spans[s] = c.span(cs.Token, cs.Token2)
	return s, cs.Token, cs.Token2
}

func (c *converter) blockItem(bi *cc.BlockItem) *Stmt {
	if bi == nil {
		return nil
	}
	switch bi.Case {
	case cc.BlockItemDecl:
		return c.declaration(bi.Declaration)
	case cc.BlockItemStmt:
		s, _, _ := c.stmt(bi.Statement)
		return s
	case cc.BlockItemFuncDef:
		// A nested function (GNU C): not analysed as part of this body.
		return nil
	}
	return nil // __label__ declarations
}

// declaration converts a block-scope declaration; nil when it declares no
// variables (typedefs, static asserts, tags).
func (c *converter) declaration(d *cc.Declaration) *Stmt {
	if d == nil {
		return nil
	}
	s := &Stmt{Kind: DeclStmt}
	switch d.Case {
	case cc.DeclarationDecl:
		base, typeofX := c.specsType(d.DeclarationSpecifiers)
		if isTypedef(d.DeclarationSpecifiers) {
			c.defineTypedefs(base, d.InitDeclaratorList)
			return nil
		}
		for l := d.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
			id := l.InitDeclarator
			if id == nil {
				continue
			}
			name, tok := declaratorName(id.Declarator)
			if name == "" {
				continue
			}
			dc := &Decl{Var: &Var{Name: name, Pos: c.pos(tok)}}
			t := c.declType(base, id.Declarator)
			if typeofX != nil {
				var buf [16]byte
				c.lazy[dc.Var] = lazyType{typeof: typeofX, ops: c.intern(appendDeclOps(buf[:0], id.Declarator))}
			} else {
				c.declareType(dc.Var, t)
			}
			if id.Initializer != nil {
				dc.Init = c.initializer(id.Initializer)
				c.initStores(t, id.Initializer, name)
				c.ptrAssign(dc.Var, dc.Init)
			}
			c.declare(dc.Var)
			s.Decls = append(s.Decls, dc)
		}
	case cc.DeclarationAuto:
		name, tok := declaratorName(d.Declarator)
		dc := &Decl{Var: &Var{Name: name, Pos: c.pos(tok)}}
		if d.Initializer != nil {
			dc.Init = c.initializer(d.Initializer)
			c.lazy[dc.Var] = lazyType{init: dc.Init}
			c.ptrAssign(dc.Var, dc.Init)
		}
		c.declare(dc.Var)
		s.Decls = append(s.Decls, dc)
	}
	if len(s.Decls) == 0 {
		return nil
	}
	s.Pos = s.Decls[0].Var.Pos
	return s
}

func isTypedef(ds *cc.DeclarationSpecifiers) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ds.Case == cc.DeclarationSpecifiersStorage && ds.StorageClassSpecifier != nil &&
			ds.StorageClassSpecifier.Case == cc.StorageClassSpecifierTypedef {
			return true
		}
	}
	return false
}

// initializer flattens an initializer into one expression: a brace list
// becomes a Compound whose Args are the member initializers.
func (c *converter) initializer(in *cc.Initializer) *Expr {
	if in.Case == cc.InitializerExpr {
		e, _, _ := c.expr(in.AssignmentExpression)
		return e
	}
	e := &Expr{Kind: Compound, Pos: c.pos(in.Token)}
	for l := in.InitializerList; l != nil; l = l.InitializerList {
		if l.Initializer != nil {
			e.Args = append(e.Args, c.initializer(l.Initializer))
		}
	}
	c.spans[e] = c.span(in.Token, in.Token3)
	return e
}

func (c *converter) stmt(st *cc.Statement) (*Stmt, cc.Token, cc.Token) {
	if st == nil {
		return &Stmt{Kind: Empty}, cc.Token{}, cc.Token{}
	}
	var s *Stmt
	var first, last cc.Token
	switch st.Case {
	case cc.StatementLabeled:
		s, first, last = c.labeled(st.LabeledStatement)
	case cc.StatementCompound:
		s, first, last = c.compound(st.CompoundStatement)
	case cc.StatementExpr:
		es := st.ExpressionStatement
		if es.ExpressionList == nil {
			s = &Stmt{Kind: Empty, Pos: c.pos(es.Token)}
			first, last = es.Token, es.Token
			break
		}
		var x *Expr
		x, first, last = c.expr(es.ExpressionList)
		s = &Stmt{Kind: ExprStmt, Pos: x.Pos, X: x}
	case cc.StatementSelection:
		s, first, last = c.selection(st.SelectionStatement)
	case cc.StatementIteration:
		s, first, last = c.iteration(st.IterationStatement)
	case cc.StatementJump:
		s, first, last = c.jump(st.JumpStatement)
	case cc.StatementAsm:
		s, first, last = c.asmStmt(st.AsmStatement.Asm)
	default:
		s = &Stmt{Kind: Empty}
	}
	c.spans[s] = c.span(first, last)
	return s, first, last
}

func (c *converter) labeled(ls *cc.LabeledStatement) (*Stmt, cc.Token, cc.Token) {
	body, _, last := c.stmt(ls.Statement)
	s := &Stmt{Pos: c.pos(ls.Token), Body: body}
	switch ls.Case {
	case cc.LabeledStatementLabel:
		s.Kind, s.Label = Label, ls.Token.SrcStr()
	case cc.LabeledStatementCaseLabel:
		s.Kind = Case
		s.X, _, _ = c.expr(ls.ConstantExpression)
	case cc.LabeledStatementRange:
		s.Kind = Case
		s.X, _, _ = c.expr(ls.ConstantExpression)
		s.Hi, _, _ = c.expr(ls.ConstantExpression2)
	case cc.LabeledStatementDefault:
		s.Kind = Default
	}
	return s, ls.Token, last
}

func (c *converter) selection(ss *cc.SelectionStatement) (*Stmt, cc.Token, cc.Token) {
	x, _, _ := c.expr(ss.ExpressionList)
	if ss.Case != cc.SelectionStatementSwitch {
		c.markTested(x)
	}
	s := &Stmt{Pos: c.pos(ss.Token), X: x}
	var last cc.Token
	switch ss.Case {
	case cc.SelectionStatementIf:
		s.Kind = If
		s.Body, _, last = c.stmt(ss.Statement)
	case cc.SelectionStatementIfElse:
		s.Kind = If
		s.Body, _, _ = c.stmt(ss.Statement)
		s.Else, _, last = c.stmt(ss.Statement2)
	case cc.SelectionStatementSwitch:
		s.Kind = Switch
		s.Body, _, last = c.stmt(ss.Statement)
	}
	return s, ss.Token, last
}

func (c *converter) iteration(is *cc.IterationStatement) (*Stmt, cc.Token, cc.Token) {
	s := &Stmt{Pos: c.pos(is.Token)}
	var last cc.Token
	switch is.Case {
	case cc.IterationStatementWhile:
		s.Kind = While
		s.X, _, _ = c.expr(is.ExpressionList)
		s.Body, _, last = c.stmt(is.Statement)
	case cc.IterationStatementDo:
		s.Kind = DoWhile
		s.Body, _, _ = c.stmt(is.Statement)
		s.X, _, _ = c.expr(is.ExpressionList)
		// The span ends at ')': the ';' after a do-while(0) macro is
		// usually the caller's, so a macro whose expansion is the whole
		// do-while still covers the statement.
		last = is.Token4
	case cc.IterationStatementFor, cc.IterationStatementForDecl:
		s.Kind = For
		c.push()
		defer c.pop()
		if is.Case == cc.IterationStatementForDecl {
			s.Init = c.declaration(is.Declaration)
			s.X, _, _ = c.expr(is.ExpressionList)
			s.Post, _, _ = c.expr(is.ExpressionList2)
		} else {
			if is.ExpressionList != nil {
				x, _, _ := c.expr(is.ExpressionList)
				s.Init = &Stmt{Kind: ExprStmt, Pos: x.Pos, X: x}
			}
			s.X, _, _ = c.expr(is.ExpressionList2)
			s.Post, _, _ = c.expr(is.ExpressionList3)
		}
		s.Body, _, last = c.stmt(is.Statement)
	}
	return s, is.Token, last
}

func (c *converter) jump(js *cc.JumpStatement) (*Stmt, cc.Token, cc.Token) {
	s := &Stmt{Pos: c.pos(js.Token)}
	last := js.Token2
	switch js.Case {
	case cc.JumpStatementGoto:
		s.Kind, s.Label = Goto, js.Token2.SrcStr()
		last = js.Token3
	case cc.JumpStatementGotoExpr:
		s.Kind = GotoExpr
		s.X, _, _ = c.expr(js.ExpressionList)
		last = js.Token3
	case cc.JumpStatementContinue:
		s.Kind = Continue
	case cc.JumpStatementBreak:
		s.Kind = Break
	case cc.JumpStatementReturn:
		s.Kind = Return
		if js.ExpressionList != nil {
			s.X, _, _ = c.expr(js.ExpressionList)
			c.markReturnedMember(s.X)
		}
	}
	return s, js.Token, last
}

func (c *converter) asmStmt(a *cc.Asm) (*Stmt, cc.Token, cc.Token) {
	info := &AsmInfo{Template: a.Token3.SrcStr()}
	for q := a.AsmQualifierList; q != nil; q = q.AsmQualifierList {
		if q.AsmQualifier != nil && q.AsmQualifier.Case == cc.AsmQualifierGoto {
			info.Goto = true
		}
	}
	// Operand sections in order: outputs, inputs, clobbers, goto labels.
	var sections []*cc.AsmExpressionList
	for l := a.AsmArgList; l != nil; l = l.AsmArgList {
		sections = append(sections, l.AsmExpressionList)
	}
	for i, sec := range sections {
		for l := sec; l != nil; l = l.AsmExpressionList {
			if l.AssignmentExpression == nil {
				continue
			}
			e, _, _ := c.expr(l.AssignmentExpression)
			if info.Goto && i == 3 && e.Kind == Ident {
				info.Labels = append(info.Labels, e.Name)
				continue
			}
			info.Operands = append(info.Operands, e)
		}
	}
	return &Stmt{Kind: Asm, Pos: c.pos(a.Token), Asm: info}, a.Token, a.Token4
}

// args flattens an argument list (cc/v4 chains lists in source order).
func (c *converter) args(l *cc.ArgumentExpressionList) []*Expr {
	var r []*Expr
	for ; l != nil; l = l.ArgumentExpressionList {
		if l.AssignmentExpression != nil {
			e, _, _ := c.expr(l.AssignmentExpression)
			r = append(r, e)
		}
	}
	return r
}

func (c *converter) bin(x, y cc.ExpressionNode, op cc.Token, kind ExprKind) (*Expr, cc.Token, cc.Token) {
	ex, first, _ := c.expr(x)
	ey, _, last := c.expr(y)
	return c.mkExpr(&Expr{Kind: kind, Op: op.SrcStr(), X: ex, Y: ey}, first, last)
}

func (c *converter) expr(n cc.ExpressionNode) (*Expr, cc.Token, cc.Token) {
	switch x := n.(type) {
	case nil:
		return nil, cc.Token{}, cc.Token{}
	case *cc.ExpressionList:
		if x.ExpressionList == nil {
			return c.expr(x.AssignmentExpression)
		}
		ex, first, _ := c.expr(x.AssignmentExpression)
		ey, _, last := c.expr(x.ExpressionList)
		return c.mkExpr(&Expr{Kind: Comma, Op: ",", X: ex, Y: ey}, first, last)
	case *cc.AssignmentExpression:
		if x.Case == cc.AssignmentExpressionCond {
			return c.expr(x.ConditionalExpression)
		}
		e, first, last := c.bin(x.UnaryExpression, x.AssignmentExpression, x.Token, Assign)
		c.assignStores(e)
		c.noteBits(e)
		if e.X != nil && e.X.Kind == Ident && e.X.Ref != nil {
			if e.Op == "=" {
				c.ptrAssign(e.X.Ref, e.Y)
			} else {
				c.ptrVar(e.X.Ref).opaque = true
			}
		}
		return e, first, last
	case *cc.ConditionalExpression:
		if x.Case == cc.ConditionalExpressionLOr {
			return c.expr(x.LogicalOrExpression)
		}
		ec, first, _ := c.expr(x.LogicalOrExpression)
		c.markTested(ec)
		et, _, _ := c.expr(x.ExpressionList) // nil for GNU "c ?: e"
		ee, _, last := c.expr(x.ConditionalExpression)
		return c.mkExpr(&Expr{Kind: Cond, Op: "?:", X: ec, Y: et, Z: ee}, first, last)
	case *cc.ConstantExpression:
		return c.expr(x.ConditionalExpression)
	case *cc.LogicalOrExpression:
		if x.LogicalOrExpression == nil {
			return c.expr(x.LogicalAndExpression)
		}
		return c.bin(x.LogicalOrExpression, x.LogicalAndExpression, x.Token, Binary)
	case *cc.LogicalAndExpression:
		if x.LogicalAndExpression == nil {
			return c.expr(x.InclusiveOrExpression)
		}
		return c.bin(x.LogicalAndExpression, x.InclusiveOrExpression, x.Token, Binary)
	case *cc.InclusiveOrExpression:
		if x.InclusiveOrExpression == nil {
			return c.expr(x.ExclusiveOrExpression)
		}
		return c.bin(x.InclusiveOrExpression, x.ExclusiveOrExpression, x.Token, Binary)
	case *cc.ExclusiveOrExpression:
		if x.ExclusiveOrExpression == nil {
			return c.expr(x.AndExpression)
		}
		return c.bin(x.ExclusiveOrExpression, x.AndExpression, x.Token, Binary)
	case *cc.AndExpression:
		if x.AndExpression == nil {
			return c.expr(x.EqualityExpression)
		}
		return c.bin(x.AndExpression, x.EqualityExpression, x.Token, Binary)
	case *cc.EqualityExpression:
		if x.EqualityExpression == nil {
			return c.expr(x.RelationalExpression)
		}
		return c.bin(x.EqualityExpression, x.RelationalExpression, x.Token, Binary)
	case *cc.RelationalExpression:
		if x.RelationalExpression == nil {
			return c.expr(x.ShiftExpression)
		}
		return c.bin(x.RelationalExpression, x.ShiftExpression, x.Token, Binary)
	case *cc.ShiftExpression:
		if x.ShiftExpression == nil {
			return c.expr(x.AdditiveExpression)
		}
		return c.bin(x.ShiftExpression, x.AdditiveExpression, x.Token, Binary)
	case *cc.AdditiveExpression:
		if x.AdditiveExpression == nil {
			return c.expr(x.MultiplicativeExpression)
		}
		return c.bin(x.AdditiveExpression, x.MultiplicativeExpression, x.Token, Binary)
	case *cc.MultiplicativeExpression:
		if x.MultiplicativeExpression == nil {
			return c.expr(x.CastExpression)
		}
		return c.bin(x.MultiplicativeExpression, x.CastExpression, x.Token, Binary)
	case *cc.CastExpression:
		if x.Case == cc.CastExpressionUnary {
			return c.expr(x.UnaryExpression)
		}
		e, _, last := c.expr(x.CastExpression)
		cast := &Expr{Kind: Cast, X: e}
		c.noteCast(cast, x.TypeName)
		return c.mkExpr(cast, x.Token, last)
	case *cc.UnaryExpression:
		return c.unary(x)
	case *cc.PostfixExpression:
		return c.postfix(x)
	case *cc.PrimaryExpression:
		return c.primary(x)
	}
	// Anything else (a node type cc/v4 may add) degrades to an opaque
	// literal rather than stopping the analysis.
	return &Expr{Kind: Lit}, cc.Token{}, cc.Token{}
}

func (c *converter) unary(x *cc.UnaryExpression) (*Expr, cc.Token, cc.Token) {
	switch x.Case {
	case cc.UnaryExpressionPostfix:
		return c.expr(x.PostfixExpression)
	case cc.UnaryExpressionInc, cc.UnaryExpressionDec, cc.UnaryExpressionSizeofExpr,
		cc.UnaryExpressionAlignofExpr, cc.UnaryExpressionImag, cc.UnaryExpressionReal:
		e, _, last := c.expr(x.UnaryExpression)
		if x.Case == cc.UnaryExpressionInc || x.Case == cc.UnaryExpressionDec {
			c.noteBitsAny(e)
		}
		return c.mkExpr(&Expr{Kind: Unary, Op: x.Token.SrcStr(), X: e}, x.Token, last)
	case cc.UnaryExpressionSizeofType, cc.UnaryExpressionAlignofType:
		return c.mkExpr(&Expr{Kind: SizeofT, Op: x.Token.SrcStr()}, x.Token, x.Token3)
	case cc.UnaryExpressionLabelAddr:
		return c.mkExpr(&Expr{Kind: LabelAddr, Name: x.Token2.SrcStr()}, x.Token, x.Token2)
	}
	e, _, last := c.expr(x.CastExpression)
	if x.Case == cc.UnaryExpressionAddrof {
		c.ptrAddress(e)
	}
	u, first, last := c.mkExpr(&Expr{Kind: Unary, Op: x.Token.SrcStr(), X: e}, x.Token, last)
	if x.Case == cc.UnaryExpressionAddrof {
		c.noteAddress(u)
	}
	return u, first, last
}

func (c *converter) postfix(x *cc.PostfixExpression) (*Expr, cc.Token, cc.Token) {
	switch x.Case {
	case cc.PostfixExpressionPrimary:
		return c.expr(x.PrimaryExpression)
	case cc.PostfixExpressionIndex:
		a, first, _ := c.expr(x.PostfixExpression)
		i, _, _ := c.expr(x.ExpressionList)
		return c.mkExpr(&Expr{Kind: Index, X: a, Y: i}, first, x.Token2)
	case cc.PostfixExpressionCall:
		f, first, _ := c.expr(x.PostfixExpression)
		call := &Expr{Kind: Call, X: f, Args: c.args(x.ArgumentExpressionList)}
		call.Indirect = c.indirect(f)
		c.noteAddressArgs(call)
		if name, ok := staticCallee(f); ok {
			call.Indirect = &FieldRef{Tag: kapi.StaticCall.Tag, Field: name}
		}
		c.ptrCallee(call)
		c.noteStaticUpdate(call)
		return c.mkExpr(call, first, x.Token2)
	case cc.PostfixExpressionSelect, cc.PostfixExpressionPSelect:
		b, first, _ := c.expr(x.PostfixExpression)
		return c.mkExpr(&Expr{Kind: Member, Op: x.Token.SrcStr(), X: b, Name: x.Token2.SrcStr()}, first, x.Token2)
	case cc.PostfixExpressionInc, cc.PostfixExpressionDec:
		b, first, _ := c.expr(x.PostfixExpression)
		c.noteBitsAny(b)
		return c.mkExpr(&Expr{Kind: Postfix, Op: x.Token.SrcStr(), X: b}, first, x.Token)
	case cc.PostfixExpressionComplit:
		e := &Expr{Kind: Compound}
		for l := x.InitializerList; l != nil; l = l.InitializerList {
			if l.Initializer != nil {
				e.Args = append(e.Args, c.initializer(l.Initializer))
			}
		}
		if c.noteCast(e, x.TypeName) && c.quiet == 0 {
			c.initList(c.exprType(e), ctype{}, "", x.InitializerList, "", 0)
		}
		return c.mkExpr(e, x.Token, x.Token5)
	}
	return c.mkExpr(&Expr{Kind: Lit}, x.Token, x.Token)
}

func (c *converter) primary(x *cc.PrimaryExpression) (*Expr, cc.Token, cc.Token) {
	switch x.Case {
	case cc.PrimaryExpressionIdent:
		name := x.Token.SrcStr()
		ref := c.lookup(name)
		return c.mkExpr(&Expr{Kind: Ident, Name: name, Ref: ref, Func: ref == nil && c.isFuncName(name)}, x.Token, x.Token)
	case cc.PrimaryExpressionExpr:
		e, _, _ := c.expr(x.ExpressionList)
		if e == nil {
			return c.mkExpr(&Expr{Kind: Lit}, x.Token, x.Token2)
		}
		// Parentheses leave no node, but the span grows to include them so
		// that a macro expanding to "(expr)" still covers one node.
		c.spans[e] = c.span(x.Token, x.Token2)
		e.Pos = c.pos(x.Token)
		return e, x.Token, x.Token2
	case cc.PrimaryExpressionStmt:
		body, _, _ := c.compound(x.CompoundStatement)
		return c.mkExpr(&Expr{Kind: StmtExpr, Body: body}, x.Token, x.Token2)
	case cc.PrimaryExpressionGeneric:
		g := x.GenericSelection
		ctrl, _, _ := c.expr(g.AssignmentExpression)
		e := &Expr{Kind: Generic, X: ctrl}
		c.generics[e] = genericType{sel: g}
		return c.mkExpr(e, g.Token, g.Token4)
	}
	return c.mkExpr(&Expr{Kind: Lit, Name: x.Token.SrcStr()}, x.Token, x.Token)
}

// ExprText renders an expression compactly, as the arguments of an
// APIUse are rendered.
func ExprText(e *Expr) string { return exprText(e) }

// exprText renders an expression compactly, for lock identities and
// argument lists of calls.
func exprText(e *Expr) string {
	var b strings.Builder
	writeExpr(&b, e, nil)
	return b.String()
}

// writeExpr renders e; hook, when set, may render a node itself (a macro
// use is rendered as written).
func paren(b *strings.Builder, e *Expr, hook func(*Expr) (string, bool), need bool) {
	if need {
		b.WriteByte('(')
	}
	writeExpr(b, e, hook)
	if need {
		b.WriteByte(')')
	}
}

func writeExpr(b *strings.Builder, e *Expr, hook func(*Expr) (string, bool)) {
	if e == nil {
		return
	}
	if hook != nil {
		if s, ok := hook(e); ok {
			b.WriteString(s)
			return
		}
	}
	w := func(x *Expr) { writeExpr(b, x, hook) }
	switch e.Kind {
	case Ident, Lit:
		b.WriteString(e.Name)
	case Call:
		w(e.X)
		b.WriteByte('(')
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			w(a)
		}
		b.WriteByte(')')
	case Index:
		w(e.X)
		b.WriteByte('[')
		w(e.Y)
		b.WriteByte(']')
	case Member:
		// The syntax tree has no parentheses: put back those that a
		// postfix operator needs ((&x)->f, not &x->f).
		paren(b, e.X, hook, e.X != nil && e.X.Kind != Ident && e.X.Kind != Lit && e.X.Kind != Call &&
			e.X.Kind != Index && e.X.Kind != Member && e.X.Kind != Postfix)
		b.WriteString(e.Op)
		b.WriteString(e.Name)
	case Unary:
		b.WriteString(e.Op)
		paren(b, e.X, hook, e.X != nil && (e.X.Kind == Binary || e.X.Kind == Assign || e.X.Kind == Comma || e.X.Kind == Cond))
	case Postfix:
		w(e.X)
		b.WriteString(e.Op)
	case Binary, Assign, Comma:
		w(e.X)
		b.WriteString(" " + e.Op + " ")
		w(e.Y)
	case Cast:
		b.WriteString("(...)")
		w(e.X)
	case Generic:
		b.WriteString("_Generic(")
		w(e.X)
		b.WriteString(")")
	case SizeofT:
		b.WriteString(e.Op + "(type)")
	case Cond:
		w(e.X)
		b.WriteString(" ? ")
		w(e.Y)
		b.WriteString(" : ")
		w(e.Z)
	default:
		b.WriteString("...")
	}
}
