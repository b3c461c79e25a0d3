package cparse

import (
	"strings"
	"sync"

	"modernc.org/cc/v4"

	"github.com/kpreempt/kpreempt/kapi"
)

// Function addresses written into struct fields are how the kernel wires
// callbacks (ops structures); the whole-program analysis links an
// indirect call through a field to the functions stored in it. This file
// finds both ends: stores in initializers and assignments, and calls
// through struct members.

// store records a function written into field of an object of type obj.
func (c *converter) store(fn string, at Pos, obj ctype, field, v string) {
	c.storeObject(fn, at, obj, field, v, "")
}

// storeObject is store with the access path of the object written.
func (c *converter) storeObject(fn string, at Pos, obj ctype, field, v, object string) {
	if c.quiet > 0 {
		return
	}
	tag := obj.tag
	if obj.isFunc() { // a function has no fields: the typing went astray
		tag = ""
	}
	if name, ok := kapi.StaticCallName(v); ok && tag == kapi.StaticCall.Tag {
		field = name // DEFINE_STATIC_CALL(name, func): the key's first target
	}
	c.unit.Stores = append(c.unit.Stores, FuncStore{Func: fn, Tag: tag, Field: field, Var: v, Object: object, Index: c.initIndex, Pos: at})
}

// fieldOf names the struct field a member expression is: the tag of the
// object's type and the member. A member of a named member whose type has
// no tag (struct cpuhp_step's union { ... } teardown;) is a field of the
// enclosing struct, named by the path ("teardown.single"): initializers
// (.teardown.single = f) and calls (step->teardown.single(cpu)) name it
// alike.
func (c *converter) fieldOf(m *Expr) (ctype, string) {
	field := m.Name
	x := m.X
	for depth := 0; depth < 8; depth++ {
		t := c.exprType(x)
		if t.tag != "" || t.def == nil {
			return t, field
		}
		for x.Kind == Index { // an element of an array member
			x = x.X
		}
		if x.Kind != Member {
			return t, field
		}
		field = x.Name + "." + field
		x = x.X
	}
	return ctype{}, field
}

// initStores records the function addresses an initializer of an object
// of type t (the variable v, "" for a compound literal) writes into
// struct fields.
func (c *converter) initStores(t ctype, in *cc.Initializer, v string) {
	if in == nil {
		return
	}
	if in.Case == cc.InitializerInitList {
		c.initList(t, ctype{}, "", in.InitializerList, v, 0)
		return
	}
	c.ccLeaves(in.AssignmentExpression, func(leaf cc.ExpressionNode) {
		switch x := leaf.(type) {
		case *cc.PostfixExpression:
			c.fileComplit(x, 0)
		case *cc.PrimaryExpression:
			// void (*mc_poll_banks)(void) = mc_poll_banks_default;
			if name := x.Token.SrcStr(); x.Case == cc.PrimaryExpressionIdent && len(c.scopes) == 0 && v != "" && c.isFuncName(name) {
				c.storeVar(name, c.pos(x.Token), v)
			}
		}
	})
}

// storeVar records a function written into a file-scope function
// pointer variable (an initializer, or mc_poll_banks = f): a call
// through the variable calls what was stored in it. The variable is the
// field of no struct: Global, Field and Var its name.
func (c *converter) storeVar(fn string, at Pos, v string) {
	if c.quiet > 0 {
		return
	}
	c.unit.Stores = append(c.unit.Stores, FuncStore{Func: fn, Field: v, Var: v, Global: true, Pos: at})
}

// fileComplit records the stores of a compound literal in a file-scope
// initializer (.card_data = &(struct x){ .fn = f }); in a function body
// the conversion of the expression records them.
func (c *converter) fileComplit(x *cc.PostfixExpression, depth int) {
	if len(c.scopes) == 0 {
		c.initList(c.typeName(x.TypeName), ctype{}, "", x.InitializerList, "", depth+1)
	}
}

// cursor is a position among a struct's members for positional
// initializers; an anonymous member initialized without braces is
// entered, as C's brace elision does.
type cursor struct {
	ms    []member
	i     int
	union bool // only a union's first member takes a positional item
}

func (c *converter) cursorOf(def *cc.StructOrUnionSpecifier) cursor {
	return cursor{ms: c.membersOf(def), union: def.StructOrUnion != nil && def.StructOrUnion.Case == cc.StructOrUnionUnion}
}

// initList walks a brace list initializing an object of type t. owner and
// field name the struct field the object is (or is an element of), for
// the values of an array or a scalar in braces.
func (c *converter) initList(t ctype, owner ctype, field string, l *cc.InitializerList, v string, depth int) {
	if depth > 16 {
		return
	}
	array := t.ops != "" && t.ops[0] == 'a'
	scalar := t.ops != "" && !array
	// The members of an anonymous struct or union are the enclosing
	// struct's.
	self := t
	prefix := "" // the path to this object's members from self's
	if t.tag == "" && t.def != nil && owner.known() && t.ops == "" {
		// A named member of a type without a tag: its members are
		// self's, by their path (see fieldOf).
		self = owner
		if field != "" {
			prefix = field + "."
		}
	}
	var stack []cursor
	if def := c.defOf(t); t.ops == "" && def != nil {
		stack = []cursor{c.cursorOf(def)}
	}
	for ; l != nil; l = l.InitializerList {
		in := l.Initializer
		if in == nil {
			continue
		}
		var (
			tt     ctype // the type of what this item initializes
			towner = owner
			tfield = field
			ok     = true
			index  = c.initIndex
		)
		switch {
		case l.Designation != nil:
			tt = t
			first := true
			for dl := l.Designation.DesignatorList; dl != nil; dl = dl.DesignatorList {
				d := dl.Designator
				if d == nil {
					continue
				}
				switch d.Case {
				case cc.DesignatorIndex, cc.DesignatorIndex2:
					tt = deref(tt)
					if first {
						index = c.designatorName(d)
					}
				case cc.DesignatorField, cc.DesignatorField2:
					name := d.Token2.SrcStr()
					if d.Case == cc.DesignatorField2 {
						name = d.Token.SrcStr()
					}
					if first && len(stack) > 0 {
						// Positional items go on after the designated member.
						stack = stack[:1]
						if i, _, found := c.findField(c.defOf(t), name, 0); found {
							stack[0].i = i + 1
						}
					}
					switch {
					case first:
						towner, tfield = self, prefix+name
					case tt.tag == "" && tt.def != nil && tt.ops == "" && towner.known():
						tfield += "." + name // .teardown.single: see fieldOf
					default:
						towner, tfield = tt, name
					}
					tt = c.field(tt, name)
				}
				first = false
			}
		case array:
			tt = deref(t)
		case scalar:
			tt = t
		case len(stack) > 0:
			tt, towner, tfield, ok = c.next(&stack, self, in.Case == cc.InitializerExpr)
			if tfield != "" {
				tfield = prefix + tfield
			}
		default:
			ok = false // a struct cparse cannot see: positions mean nothing
		}
		if !ok {
			continue
		}
		saved := c.initIndex
		c.initIndex = index
		if in.Case == cc.InitializerInitList {
			c.initList(tt, towner, tfield, in.InitializerList, v, depth+1)
			c.initIndex = saved
			continue
		}
		if tfield != "" && towner.tag != "" && tt.ops == "" && !tt.known() && c.quiet == 0 {
			// An integer member: the bits it is given.
			c.quiet++
			x, _, _ := c.expr(in.AssignmentExpression)
			c.quiet--
			c.bitsOf(FieldRef{Tag: towner.tag, Field: tfield}, x, 0)
		}
		if tfield != "" && towner.tag != "" && tt.ops == "p" && tt.known() && c.quiet == 0 {
			// A pointer to a struct: set, unless to NULL (a member no
			// store of the program sets is NULL; MemberMask.Pointer).
			c.quiet++
			x, _, _ := c.expr(in.AssignmentExpression)
			c.quiet--
			if v, ok := ConstIntIn(x, c.unit.Enums); !ok || v != 0 {
				c.memberBits(FieldRef{Tag: towner.tag, Field: tfield}).Any = true
			}
		}
		c.ccLeaves(in.AssignmentExpression, func(leaf cc.ExpressionNode) {
			switch x := leaf.(type) {
			case *cc.PrimaryExpression:
				if name := x.Token.SrcStr(); tfield != "" && !tt.object() && c.isFuncName(name) {
					c.store(name, c.pos(x.Token), towner, tfield, v)
				}
			case *cc.PostfixExpression:
				c.fileComplit(x, depth)
			}
		})
		c.initIndex = saved
	}
}

// designatorName is the name an array designator gives ([CPUHP_ONLINE]),
// "" for another expression.
func (c *converter) designatorName(d *cc.Designator) string {
	name := ""
	c.ccLeaves(d.ConstantExpression, func(leaf cc.ExpressionNode) {
		if x, ok := leaf.(*cc.PrimaryExpression); ok && x.Case == cc.PrimaryExpressionIdent {
			name = x.Token.SrcStr()
		}
	})
	return name
}

// next takes the next member for a positional item of a struct whose
// members belong to self: an expression item enters anonymous members.
func (c *converter) next(stack *[]cursor, self ctype, expr bool) (tt, owner ctype, field string, ok bool) {
	for len(*stack) > 0 {
		top := &(*stack)[len(*stack)-1]
		if top.i >= len(top.ms) {
			*stack = (*stack)[:len(*stack)-1]
			continue
		}
		m := top.ms[top.i]
		top.i++
		if top.union {
			top.i = len(top.ms)
		}
		if m.name == "" {
			if expr && len(*stack) < 8 {
				*stack = append(*stack, c.cursorOf(m.t.def))
				continue
			}
			return m.t, self, "", true
		}
		return m.t, self, m.name, true
	}
	return ctype{}, ctype{}, "", false
}

// ccLeaves calls fn with what an initializer's value is, through &, *,
// casts, parentheses, commas and both arms of ?:, when that is a name
// (a *cc.PrimaryExpression) or a compound literal (a
// *cc.PostfixExpression).
func (c *converter) ccLeaves(n cc.ExpressionNode, fn func(cc.ExpressionNode)) {
	for depth := 0; depth < 256; depth++ {
		switch x := n.(type) {
		case *cc.AssignmentExpression:
			if x.Case != cc.AssignmentExpressionCond {
				return
			}
			n = x.ConditionalExpression
		case *cc.ConstantExpression:
			n = x.ConditionalExpression
		case *cc.ConditionalExpression:
			if x.Case == cc.ConditionalExpressionLOr {
				n = x.LogicalOrExpression
				continue
			}
			if x.ExpressionList != nil {
				c.ccLeaves(x.ExpressionList, fn)
			}
			n = x.ConditionalExpression
		case *cc.ExpressionList:
			for x.ExpressionList != nil { // a comma expression's value is its last
				x = x.ExpressionList
			}
			n = x.AssignmentExpression
		case *cc.LogicalOrExpression:
			if x.LogicalOrExpression != nil {
				return
			}
			n = x.LogicalAndExpression
		case *cc.LogicalAndExpression:
			if x.LogicalAndExpression != nil {
				return
			}
			n = x.InclusiveOrExpression
		case *cc.InclusiveOrExpression:
			if x.InclusiveOrExpression != nil {
				return
			}
			n = x.ExclusiveOrExpression
		case *cc.ExclusiveOrExpression:
			if x.ExclusiveOrExpression != nil {
				return
			}
			n = x.AndExpression
		case *cc.AndExpression:
			if x.AndExpression != nil {
				return
			}
			n = x.EqualityExpression
		case *cc.EqualityExpression:
			if x.EqualityExpression != nil {
				return
			}
			n = x.RelationalExpression
		case *cc.RelationalExpression:
			if x.RelationalExpression != nil {
				return
			}
			n = x.ShiftExpression
		case *cc.ShiftExpression:
			if x.ShiftExpression != nil {
				return
			}
			n = x.AdditiveExpression
		case *cc.AdditiveExpression:
			if x.AdditiveExpression != nil {
				return
			}
			n = x.MultiplicativeExpression
		case *cc.MultiplicativeExpression:
			if x.MultiplicativeExpression != nil {
				return
			}
			n = x.CastExpression
		case *cc.CastExpression:
			if x.Case == cc.CastExpressionUnary {
				n = x.UnaryExpression
			} else {
				n = x.CastExpression
			}
		case *cc.UnaryExpression:
			switch x.Case {
			case cc.UnaryExpressionPostfix:
				n = x.PostfixExpression
			case cc.UnaryExpressionAddrof, cc.UnaryExpressionDeref:
				n = x.CastExpression
			default:
				return
			}
		case *cc.PostfixExpression:
			switch x.Case {
			case cc.PostfixExpressionPrimary:
				n = x.PrimaryExpression
			case cc.PostfixExpressionComplit:
				fn(x)
				return
			default:
				return
			}
		case *cc.PrimaryExpression:
			switch x.Case {
			case cc.PrimaryExpressionIdent:
				fn(x)
				return
			case cc.PrimaryExpressionExpr:
				n = x.ExpressionList
			default:
				return
			}
		default:
			return
		}
	}
}

// funcRefs calls fn with the function names a converted value is, as
// ccLeaves finds them in initializers.
func (c *converter) funcRefs(e *Expr, fn func(*Expr)) {
	valueLeaves(e, func(leaf *Expr) {
		if leaf.Kind == Ident && (leaf.Ref != nil && c.locals[leaf.Ref].isFunc() || leaf.Ref == nil && c.globals[leaf.Name].isFunc()) {
			fn(leaf)
		}
	})
}

// valueLeaves calls fn with what a converted value may be: through casts,
// & and *, both arms of ?:, the last operand of a comma and the value of
// an assignment. Past a nesting bound, fn gets the node reached.
func valueLeaves(e *Expr, fn func(*Expr)) {
	for depth := 0; e != nil; depth++ {
		if depth > 256 {
			fn(e)
			return
		}
		switch {
		case e.Kind == Cast, e.Kind == Unary && (e.Op == "&" || e.Op == "*"):
			e = e.X
		case e.Kind == Cond:
			if e.Y != nil {
				valueLeaves(e.Y, fn)
			}
			e = e.Z
		case e.Kind == Comma, e.Kind == Assign:
			e = e.Y
		default:
			fn(e)
			return
		}
	}
}

// assignStores records ops->add = foo_add: the object whose member is
// written is typed from declarations; Var is the variable it is reached
// from.
func (c *converter) assignStores(e *Expr) {
	if c.quiet > 0 || e.Op != "=" {
		return
	}
	lhs := e.X
	for lhs != nil && lhs.Kind == Index { // ops->fns[i] = f writes field fns
		lhs = lhs.X
	}
	if lhs != nil && lhs.Kind == Ident && lhs.Ref == nil && e.X == lhs && c.globals[lhs.Name].isFuncPointer() {
		c.funcRefs(e.Y, func(f *Expr) { c.storeVar(f.Name, f.Pos, lhs.Name) })
		return
	}
	if lhs == nil || lhs.Kind != Member {
		return
	}
	var (
		obj   *ctype
		field string
	)
	c.funcRefs(e.Y, func(f *Expr) {
		if obj == nil {
			t, name := c.fieldOf(lhs)
			obj, field = &t, name
		}
		c.storeObject(f.Name, f.Pos, *obj, field, rootVar(lhs.X), objectPath(lhs.X))
		c.unit.Stores[len(c.unit.Stores)-1].Assigned = true
	})
}

// objectPath is the access path an object expression names
// (rq->hrtick_timer, t, *p's p->x), as LockKey writes an argument that
// takes its address; "" when it is no path.
func objectPath(e *Expr) string {
	switch {
	case e == nil:
		return ""
	case e.Kind == Ident:
		return e.Name
	case e.Kind == Member:
		if base := objectPath(e.X); base != "" {
			return base + e.Op + e.Name
		}
	case e.Kind == Cast:
		return objectPath(e.X)
	}
	return ""
}

// rootVar is the variable an object expression starts from: x for
// x->a.b[2], "" when it starts elsewhere (a call).
func rootVar(e *Expr) string {
	for depth := 0; e != nil && depth < 256; depth++ {
		switch e.Kind {
		case Ident:
			return e.Name
		case Member, Index, Cast, Postfix:
			e = e.X
		case Unary:
			if e.Op != "*" && e.Op != "&" {
				return ""
			}
			e = e.X
		default:
			return ""
		}
	}
	return ""
}

// indirect is the struct field a call goes through: ops->add(x),
// (*p->fn)(x), p->ops.cb(), and p->fns[i](x) as stores into an array
// field are recorded; nil when the callee is no member or the struct's
// tag is unknown.
func (c *converter) indirect(callee *Expr) *FieldRef {
	f := callee
	for f != nil && (f.Kind == Unary && f.Op == "*" || f.Kind == Cast || f.Kind == Index) {
		f = f.X
	}
	if f == nil || f.Kind != Member {
		return nil
	}
	if t, field := c.fieldOf(f); t.tag != "" && !strings.ContainsRune(t.ops, 'f') {
		return &FieldRef{Tag: t.tag, Field: field}
	}
	return nil
}

// markReturnedMember records the member a return statement returns as
// it read it, when the member is a pointer to a struct (Expr.Indirect): a
// caller's test of the value is a test of the member (kernel/irq/chip.c
// irq_get_pm_device() returns data->domain->pm_dev, which no unit of an
// x86_64 program sets).
func (c *converter) markReturnedMember(x *Expr) {
	for x != nil {
		if x.Kind == Cast {
			x = x.X
		} else if x.Kind == Unary && x.Op == "!" && x.X != nil && x.X.Kind == Unary && x.X.Op == "!" {
			x = x.X.X // !!(m & C) is as true as m & C
		} else {
			break
		}
	}
	if x != nil && x.Kind == Binary && x.Op == "&" {
		// Bits of a member (return d->chip->flags & IRQCHIP_SUPPORTS_NMI):
		// the function returns true only for objects that have them.
		if m := c.maskedMember(x); m != nil && m.Indirect == nil {
			if t, field := c.fieldOf(m); t.tag != "" && !strings.ContainsRune(t.ops, 'f') {
				m.Indirect = &FieldRef{Tag: t.tag, Field: field}
			}
		}
		return
	}
	if x == nil || x.Kind != Member || x.Indirect != nil {
		return
	}
	if t := c.exprType(x); t.ops != "p" || !t.known() {
		return
	}
	if t, field := c.fieldOf(x); t.tag != "" {
		x.Indirect = &FieldRef{Tag: t.tag, Field: field}
	}
}

// maskedMember is the member of x, a & of a member and a constant (an
// enumerator or a literal), its casts taken off; nil for another
// expression.
func (c *converter) maskedMember(x *Expr) *Expr {
	m := x.X
	if _, ok := ConstIntIn(x.X, c.unit.Enums); ok {
		m = x.Y
	} else if _, ok := ConstIntIn(x.Y, c.unit.Enums); !ok {
		return nil
	}
	for m != nil && m.Kind == Cast {
		m = m.X
	}
	if m == nil || m.Kind != Member {
		return nil
	}
	return m
}

// markTested records the member a branch condition tests, if (ops->add)
// or !ops->add, or bits of it (flags & MASK), also as an operand of &&
// and || and of likely() (which the conversion sees expanded): the
// struct field a call in the branch is guarded by. A member every
// instance of its struct sets (whole program) is never NULL, so a path
// taken only where it is NULL is no path; bits no store of the program
// writes are never set.
func (c *converter) markTested(x *Expr) {
	for depth := 0; x != nil && depth < 64; depth++ {
		switch {
		case x.Kind == Cast || x.Kind == Unary && x.Op == "!":
			x = x.X
		case x.Kind == Binary && (x.Op == "&&" || x.Op == "||"):
			c.markTested(x.Y)
			x = x.X
		case x.Kind == Call && x.Callee() == "__builtin_expect" && len(x.Args) == 2: // likely(), unlikely()
			x = x.Args[0]
		case x.Kind == Binary && x.Op == "&":
			// Bits of a member (up->capabilities & UART_CAP_RPM): a
			// path taken only where no object ever has them is no path.
			m := c.maskedMember(x)
			if m == nil {
				return
			}
			x = m
		case x.Kind == Member:
			if x.Indirect == nil {
				if t, field := c.fieldOf(x); t.tag != "" && !strings.ContainsRune(t.ops, 'f') {
					x.Indirect = &FieldRef{Tag: t.tag, Field: field}
				}
			}
			return
		default:
			return
		}
	}
}

var (
	argRootsOnce sync.Once
	argRootNames map[string]bool
)

// isArgRoot reports whether kapi gives the function arguments of a call
// or macro use of name a context.
func isArgRoot(name string) bool {
	argRootsOnce.Do(func() {
		argRootNames = map[string]bool{}
		for _, r := range kapi.Roots() {
			if r.Kind == kapi.Arg {
				argRootNames[r.Name] = true
			}
		}
	})
	return argRootNames[name]
}

// macroUses records the kapi roots among the macros a file-scope
// declaration of the main file came from (module_init(foo_init)): the
// outermost of each expansion chain, once per expansion.
func (c *converter) macroUses(frames []*frame) {
	for i, f := range frames {
		if !isArgRoot(f.name) {
			continue
		}
		if !c.seenMacro[f] {
			c.seenMacro[f] = true
			use := &APIUse{Name: f.name, Pos: f.pos, Args: f.args, Macro: true}
			if i > 0 {
				// Reached through the user's macro (MY_INIT(fn) ->
				// core_initcall(fn)): reported where that is used.
				if !writtenIn(f, frames[0]) {
					use.Pos = frames[0].pos
				}
				for _, g := range frames[:i] {
					use.Via = append(use.Via, g.name)
				}
			}
			c.unit.MacroUses = append(c.unit.MacroUses, use)
		}
		return
	}
}
