package cparse

import (
	"strings"

	"modernc.org/cc/v4"
)

// cparse does not type-check (see doc.go), yet indirect calls and stores
// into ops structures must name the struct whose field they use. Declared
// types are therefore followed just far enough for that: the struct or
// union a declaration leads to, and the pointer, array and function
// derivations on the way. Struct members are looked up lazily, when an
// expression needs them, so that the thousands of structs a unit's headers
// define cost one map entry each.

// ctype is what cparse knows of a declared type.
type ctype struct {
	// tag is the struct or union tag; for an anonymous struct named by a
	// typedef, the typedef's name.
	tag string
	// def is the definition of a struct without a tag.
	def *cc.StructOrUnionSpecifier
	// ops are the derivations from the outside in: 'a' array, 'p'
	// pointer, 'f' function ("pfp": a pointer to a function returning a
	// pointer to the struct).
	ops string
}

// known reports whether t leads to a struct or union.
func (t ctype) known() bool { return t.tag != "" || t.def != nil }

// isFuncPointer reports whether t is a pointer to a function.
func (t ctype) isFuncPointer() bool { return strings.HasPrefix(t.ops, "pf") }

// isFunc reports whether t is a function (not a pointer to one).
func (t ctype) isFunc() bool { return t.ops != "" && t.ops[0] == 'f' }

// object reports whether t is a struct or union object itself.
func (t ctype) object() bool { return t.ops == "" && t.known() }

// member is one member of a struct in declaration order; an anonymous
// struct or union member has no name and is one member.
type member struct {
	name string
	t    ctype
}

type fieldKey struct {
	def  *cc.StructOrUnionSpecifier
	name string
}

// lazyType is a local declared with __auto_type or typeof(expression):
// its type is worked out only when an expression needs it.
type lazyType struct {
	init   *Expr             // __auto_type: the initializer
	typeof cc.ExpressionNode // typeof(expression)
	ops    string            // the declarator's own derivations
}

// castType is the type a cast or compound literal names, evaluated when
// needed.
type castType struct {
	tn   *cc.TypeName
	t    ctype
	done bool
}

// genericType is the type of a _Generic selection, evaluated when
// needed.
type genericType struct {
	sel  *cc.GenericSelection
	t    ctype
	done bool
}

// typeState is the converter's record of declared types, per unit.
type typeState struct {
	structs  map[string]*cc.StructOrUnionSpecifier // by tag; the first definition
	typedefs map[string]ctype
	// globals holds every function and the file-scope variables whose
	// type leads to a struct or is a pointer to a function.
	globals map[string]ctype
	locals  map[*Var]ctype
	lazy    map[*Var]lazyType
	casts   map[*Expr]castType
	// generics holds the _Generic selections, whose associations the
	// converted expression does not keep.
	generics map[*Expr]genericType
	members  map[*cc.StructOrUnionSpecifier][]member
	fields   map[fieldKey]ctype
	opsSet   map[string]string // interned derivation strings
	// quiet is set while an expression is converted only for its type
	// (typeof): it records no stores.
	quiet int
}

// newTypeState sizes the map of globals for a unit of ntoks tokens: a
// kernel unit declares about one function per hundred tokens, and
// growing the map is most of its cost.
func newTypeState(ntoks int) typeState {
	return typeState{
		structs:  map[string]*cc.StructOrUnionSpecifier{},
		typedefs: map[string]ctype{},
		globals:  make(map[string]ctype, min(ntoks/100, 1<<16)),
		locals:   map[*Var]ctype{},
		lazy:     map[*Var]lazyType{},
		casts:    map[*Expr]castType{},
		generics: map[*Expr]genericType{},
		members:  map[*cc.StructOrUnionSpecifier][]member{},
		fields:   map[fieldKey]ctype{},
		opsSet:   map[string]string{},
	}
}

func (ts *typeState) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := ts.opsSet[string(b)]; ok {
		return s
	}
	s := string(b)
	ts.opsSet[s] = s
	return s
}

// derive puts the derivations ops in front of t's.
func (ts *typeState) derive(ops []byte, t ctype) ctype {
	if len(ops) == 0 {
		return t
	}
	t.ops = ts.intern(append(ops, t.ops...))
	return t
}

// appendDeclOps appends a declarator's derivations, from the identifier
// outwards: the suffixes of its direct declarator bind first, then its
// pointers.
func appendDeclOps(b []byte, d *cc.Declarator) []byte {
	if d == nil {
		return b
	}
	b = appendDirectOps(b, d.DirectDeclarator)
	for p := d.Pointer; p != nil; p = p.Pointer {
		b = append(b, 'p')
	}
	return b
}

func appendDirectOps(b []byte, dd *cc.DirectDeclarator) []byte {
	if dd == nil {
		return b
	}
	switch dd.Case {
	case cc.DirectDeclaratorIdent:
		return b
	case cc.DirectDeclaratorDecl:
		return appendDeclOps(b, dd.Declarator)
	case cc.DirectDeclaratorFuncParam, cc.DirectDeclaratorFuncIdent:
		return append(appendDirectOps(b, dd.DirectDeclarator), 'f')
	}
	return append(appendDirectOps(b, dd.DirectDeclarator), 'a')
}

func appendAbstractOps(b []byte, ad *cc.AbstractDeclarator) []byte {
	if ad == nil {
		return b
	}
	b = appendDirectAbstractOps(b, ad.DirectAbstractDeclarator)
	for p := ad.Pointer; p != nil; p = p.Pointer {
		b = append(b, 'p')
	}
	return b
}

func appendDirectAbstractOps(b []byte, dd *cc.DirectAbstractDeclarator) []byte {
	if dd == nil {
		return b
	}
	switch dd.Case {
	case cc.DirectAbstractDeclaratorDecl:
		return appendAbstractOps(b, dd.AbstractDeclarator)
	case cc.DirectAbstractDeclaratorFunc:
		return append(appendDirectAbstractOps(b, dd.DirectAbstractDeclarator), 'f')
	}
	return append(appendDirectAbstractOps(b, dd.DirectAbstractDeclarator), 'a')
}

// declType is the type a declarator gives its name over base.
func (c *converter) declType(base ctype, d *cc.Declarator) ctype {
	var buf [16]byte
	return c.derive(appendDeclOps(buf[:0], d), base)
}

// specsType is the type named by declaration specifiers. typeofX is set
// instead for typeof(expression), which only a caller in a function
// body evaluates.
func (c *converter) specsType(ds *cc.DeclarationSpecifiers) (t ctype, typeofX cc.ExpressionNode) {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ds.Case == cc.DeclarationSpecifiersTypeSpec && ds.TypeSpecifier != nil {
			if t, x, ok := c.typeSpec(ds.TypeSpecifier); ok {
				return t, x
			}
		}
	}
	return ctype{}, nil
}

func (c *converter) qualsType(l *cc.SpecifierQualifierList) (t ctype, typeofX cc.ExpressionNode) {
	for ; l != nil; l = l.SpecifierQualifierList {
		if l.Case == cc.SpecifierQualifierListTypeSpec && l.TypeSpecifier != nil {
			if t, x, ok := c.typeSpec(l.TypeSpecifier); ok {
				return t, x
			}
		}
	}
	return ctype{}, nil
}

// typeSpec is the type a specifier names; ok is false for the basic
// types, which combine with other specifiers (unsigned long).
func (c *converter) typeSpec(ts *cc.TypeSpecifier) (t ctype, typeofX cc.ExpressionNode, ok bool) {
	switch ts.Case {
	case cc.TypeSpecifierStructOrUnion:
		if s := ts.StructOrUnionSpecifier; s != nil {
			return c.structSpec(s), nil, true
		}
	case cc.TypeSpecifierTypeName:
		return c.typedefs[ts.Token.SrcStr()], nil, true
	case cc.TypeSpecifierTypeofType:
		return c.typeName(ts.TypeName), nil, true
	case cc.TypeSpecifierTypeofExpr:
		return ctype{}, ts.ExpressionList, true
	case cc.TypeSpecifierAtomic:
		if ts.AtomicTypeSpecifier != nil {
			return c.typeName(ts.AtomicTypeSpecifier.TypeName), nil, true
		}
	case cc.TypeSpecifierEnum:
		return ctype{}, nil, true
	}
	return ctype{}, nil, false
}

// structSpec is the type a struct or union specifier names; a definition
// is recorded.
func (c *converter) structSpec(s *cc.StructOrUnionSpecifier) ctype {
	tag := ""
	if has(s.Token) {
		tag = s.Token.SrcStr()
	}
	if s.Case == cc.StructOrUnionSpecifierDef {
		c.defineStruct(tag, s)
		if tag == "" {
			return ctype{def: s}
		}
	}
	return ctype{tag: tag}
}

// defineStruct records a definition and the tagged definitions nested in
// it, which C puts in the enclosing scope. A tag defined again (in a
// block) keeps its first definition.
func (c *converter) defineStruct(tag string, s *cc.StructOrUnionSpecifier) {
	if tag != "" {
		if _, dup := c.structs[tag]; dup {
			return
		}
		c.structs[tag] = s
	}
	for l := s.StructDeclarationList; l != nil; l = l.StructDeclarationList {
		sd := l.StructDeclaration
		if sd == nil || sd.Case != cc.StructDeclarationDecl {
			continue
		}
		for q := sd.SpecifierQualifierList; q != nil; q = q.SpecifierQualifierList {
			if ts := q.TypeSpecifier; ts != nil && ts.Case == cc.TypeSpecifierStructOrUnion {
				if in := ts.StructOrUnionSpecifier; in != nil && in.Case == cc.StructOrUnionSpecifierDef {
					inTag := ""
					if has(in.Token) {
						inTag = in.Token.SrcStr()
					}
					c.defineStruct(inTag, in)
				}
			}
		}
	}
}

// typeName is the type a type name (of a cast, a compound literal, a
// typeof) names.
func (c *converter) typeName(tn *cc.TypeName) ctype {
	if tn == nil {
		return ctype{}
	}
	base, x := c.qualsType(tn.SpecifierQualifierList)
	if x != nil {
		base = c.nodeType(x)
	}
	var buf [16]byte
	return c.derive(appendAbstractOps(buf[:0], tn.AbstractDeclarator), base)
}

// nodeType is the type of an expression the conversion does not keep
// (typeof(x), a _Generic association): x is converted only to be typed.
func (c *converter) nodeType(x cc.ExpressionNode) ctype {
	c.quiet++
	e, _, _ := c.expr(x)
	c.quiet--
	return c.exprType(e)
}

// genericDefault is the type of the default association of a _Generic
// selection.
func (c *converter) genericDefault(sel *cc.GenericSelection) ctype {
	for l := sel.GenericAssociationList; l != nil; l = l.GenericAssociationList {
		if a := l.GenericAssociation; a != nil && a.Case == cc.GenericAssociationDefault {
			return c.nodeType(a.AssignmentExpression)
		}
	}
	return ctype{}
}

// funcType is the type of a function definition's name.
func (c *converter) funcType(fd *cc.FunctionDefinition) ctype {
	base, _ := c.specsType(fd.DeclarationSpecifiers)
	return c.declType(base, fd.Declarator)
}

// defOf is the definition of the struct t leads to, if visible.
func (c *converter) defOf(t ctype) *cc.StructOrUnionSpecifier {
	if t.def != nil {
		return t.def
	}
	if t.tag != "" {
		return c.structs[t.tag]
	}
	return nil
}

// membersOf lists a struct's members in order.
func (c *converter) membersOf(def *cc.StructOrUnionSpecifier) []member {
	if ms, ok := c.members[def]; ok {
		return ms
	}
	var ms []member
	for l := def.StructDeclarationList; l != nil; l = l.StructDeclarationList {
		sd := l.StructDeclaration
		if sd == nil || sd.Case != cc.StructDeclarationDecl {
			continue
		}
		base, _ := c.qualsType(sd.SpecifierQualifierList)
		if sd.StructDeclaratorList == nil {
			if base.def != nil && base.tag == "" {
				ms = append(ms, member{t: base}) // an anonymous struct or union
			}
			continue
		}
		for dl := sd.StructDeclaratorList; dl != nil; dl = dl.StructDeclaratorList {
			if dl.StructDeclarator == nil || dl.StructDeclarator.Declarator == nil {
				continue
			}
			d := dl.StructDeclarator.Declarator
			if name, _ := declaratorName(d); name != "" { // an unnamed bit-field is no member
				ms = append(ms, member{name: name, t: c.declType(base, d)})
			}
		}
	}
	c.members[def] = ms
	return ms
}

// field is the type of member name of the struct t leads to; the members
// of anonymous structs and unions are the enclosing struct's, as in C.
func (c *converter) field(t ctype, name string) ctype {
	def := c.defOf(t)
	if def == nil {
		return ctype{}
	}
	k := fieldKey{def, name}
	if r, ok := c.fields[k]; ok {
		return r
	}
	_, r, _ := c.findField(def, name, 0)
	c.fields[k] = r
	return r
}

// findField finds a member by name, looking into anonymous members; i is
// the index of the top-level member that holds it.
func (c *converter) findField(def *cc.StructOrUnionSpecifier, name string, depth int) (i int, t ctype, ok bool) {
	for i, m := range c.membersOf(def) {
		if m.name == name {
			return i, m.t, true
		}
		if m.name == "" && depth < 8 {
			if _, t, ok := c.findField(m.t.def, name, depth+1); ok {
				return i, t, true
			}
		}
	}
	return -1, ctype{}, false
}

// varType is the declared type of a parameter or local.
func (c *converter) varType(v *Var) ctype {
	if t, ok := c.locals[v]; ok {
		return t
	}
	l, ok := c.lazy[v]
	if !ok {
		return ctype{}
	}
	delete(c.lazy, v) // before evaluating: typeof(x) x must not recurse
	var t ctype
	if l.init != nil {
		t = c.exprType(l.init)
	} else {
		t = c.nodeType(l.typeof)
	}
	if l.ops != "" {
		t = c.derive([]byte(l.ops), t)
	}
	c.locals[v] = t
	return t
}

// declareType records the type of a local or parameter, when it leads to
// a struct or is a function.
func (c *converter) declareType(v *Var, t ctype) {
	if t.known() || t.isFunc() {
		c.locals[v] = t
	}
}

// declareGlobal records the type of a file-scope name.
func (c *converter) declareGlobal(name string, t ctype) {
	if t.known() || t.isFunc() || t.isFuncPointer() {
		c.globals[name] = t
	}
}

// isFuncName reports whether name, as seen at this point of the unit, is
// a function.
func (c *converter) isFuncName(name string) bool {
	if v := c.lookup(name); v != nil {
		return c.locals[v].isFunc()
	}
	return c.globals[name].isFunc()
}

func deref(t ctype) ctype {
	if t.ops != "" && (t.ops[0] == 'p' || t.ops[0] == 'a') {
		t.ops = t.ops[1:]
	}
	return t
}

// exprType follows an expression's type as far as declarations tell it:
// tag(x->f) is the tag of field f of tag(x); *x, x[i], x++ keep x's;
// casts and compound literals name theirs; a call has its callee's
// return type.
func (c *converter) exprType(e *Expr) ctype {
	if e == nil {
		return ctype{}
	}
	switch e.Kind {
	case Ident:
		if e.Ref != nil {
			return c.varType(e.Ref)
		}
		return c.globals[e.Name]
	case Member:
		x := c.exprType(e.X)
		if !x.known() || strings.IndexByte(x.ops, 'f') >= 0 {
			return ctype{}
		}
		return c.field(x, e.Name)
	case Index:
		return deref(c.exprType(e.X))
	case Unary:
		switch e.Op {
		case "*":
			return deref(c.exprType(e.X))
		case "&":
			t := c.exprType(e.X)
			return c.derive([]byte{'p'}, t)
		case "++", "--", "+":
			return c.exprType(e.X)
		}
	case Postfix, Assign:
		return c.exprType(e.X)
	case Call:
		f := c.exprType(e.X)
		if i := strings.IndexByte(f.ops, 'f'); i >= 0 {
			f.ops = f.ops[i+1:]
			return f
		}
	case Cast, Compound:
		if ct, ok := c.casts[e]; ok {
			if !ct.done {
				ct.t, ct.done = c.typeName(ct.tn), true
				c.casts[e] = ct
			}
			return ct.t
		}
	case Cond:
		y := e.Y
		if y == nil {
			y = e.X
		}
		if t := c.exprType(y); t.known() {
			return t
		}
		return c.exprType(e.Z)
	case Comma:
		return c.exprType(e.Y)
	case Binary:
		if e.Op == "+" || e.Op == "-" { // pointer arithmetic
			if t := c.exprType(e.X); t.known() || e.Op == "-" {
				return t
			}
			return c.exprType(e.Y)
		}
	case Generic:
		// Which association is selected needs the controlling type; the
		// kernel's selections put what a struct pointer gets in the
		// default one (container_of_const, __unqual_scalar_typeof).
		g, ok := c.generics[e]
		if !ok {
			return c.exprType(e.X)
		}
		if !g.done {
			g.t, g.done = c.genericDefault(g.sel), true
			if !g.t.known() {
				g.t = c.exprType(e.X)
			}
			c.generics[e] = g
		}
		return g.t
	case StmtExpr:
		if b := e.Body; b != nil && len(b.List) > 0 {
			if s := b.List[len(b.List)-1]; s.Kind == ExprStmt {
				return c.exprType(s.X)
			}
		}
	}
	return ctype{}
}

// noteCast records the type name of a cast or compound literal that may
// name a struct, to be evaluated if an expression needs it; basic types
// and typedefs of them (the most common casts) are not recorded.
func (c *converter) noteCast(e *Expr, tn *cc.TypeName) bool {
	if tn == nil {
		return false
	}
	for l := tn.SpecifierQualifierList; l != nil; l = l.SpecifierQualifierList {
		if l.Case != cc.SpecifierQualifierListTypeSpec || l.TypeSpecifier == nil {
			continue
		}
		switch ts := l.TypeSpecifier; ts.Case {
		case cc.TypeSpecifierTypeName:
			if !c.typedefs[ts.Token.SrcStr()].known() {
				return false
			}
		case cc.TypeSpecifierStructOrUnion, cc.TypeSpecifierTypeofExpr, cc.TypeSpecifierTypeofType, cc.TypeSpecifierAtomic:
		default:
			continue
		}
		c.casts[e] = castType{tn: tn}
		return true
	}
	return false
}

// defineTypedefs records the names a typedef declaration defines. An
// anonymous struct is known by the first name: typedef struct { ... }
// bar_t makes bar_t its tag.
func (c *converter) defineTypedefs(base ctype, l *cc.InitDeclaratorList) {
	for ; l != nil; l = l.InitDeclaratorList {
		id := l.InitDeclarator
		if id == nil {
			continue
		}
		name, _ := declaratorName(id.Declarator)
		if name == "" {
			continue
		}
		if base.tag == "" && base.def != nil {
			base.tag = name
		}
		if _, dup := c.typedefs[name]; !dup {
			c.typedefs[name] = c.declType(base, id.Declarator)
		}
	}
}
