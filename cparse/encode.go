package cparse

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/kpreempt/kpreempt/internal/compact"
)

// A parsed unit is written out by a run over more units than it keeps in
// memory, and read back by the later phases that analyse it again (the
// program's settling rounds, the check phase): reading it back costs a
// small part of preprocessing and parsing it again. The encoding is for
// one run of one build: it carries a version, but no promise across
// builds.
//
// Layout: the magic, then the Unit's fields in declaration order, in the
// primitives of package internal/compact (compact.Writer, compact.Reader).
// Numbers are varints; a string is a reference to a table that grows as
// the text goes (0 is a new string, its length and bytes; n is the n-th
// string seen, the first being ""); a slice or map is nil (0) or its length + 1
// and its elements (a map's in key order, so that the encoding of a unit
// is the same every time); a pointer is nil (0), a new object (1) and its
// fields, or the n-th object of its type already seen (n + 2): a Var is
// shared by its declaration and every identifier that refers to it, and
// the analysis keys on it, so the objects are shared again when read.

const encodingMagic = "kpcu\x07"

// errEncoding is the error of a unit that cannot be read back.
var errEncoding = errors.New("cparse: corrupt or foreign encoded unit")

// Encode returns the unit's encoding; DecodeUnit reads it back.
func (u *Unit) Encode() []byte {
	e := &encoder{w: compact.NewWriter(append(make([]byte, 0, 1<<16), encodingMagic...))}
	e.str(u.File)
	e.funcs(u.Funcs)
	e.funcs(u.Helpers)
	e.boolMap(u.PerCPU)
	e.boolMap(u.NoReturn)
	if e.mapLen(len(u.Enums), u.Enums == nil) {
		for _, k := range sortedKeys(u.Enums) {
			e.str(k)
			e.uint(u.Enums[k])
		}
	}
	e.strList(u.Lines)
	e.bool(u.Standalone)
	if e.sliceLen(len(u.Stores), u.Stores == nil) {
		for _, s := range u.Stores {
			e.str(s.Func)
			e.str(s.Tag)
			e.str(s.Field)
			e.str(s.Var)
			e.str(s.Object)
			e.str(s.Index)
			e.bool(s.Global)
			e.bool(s.Assigned)
			e.pos(s.Pos)
		}
	}
	if e.sliceLen(len(u.FieldCopies), u.FieldCopies == nil) {
		for _, c := range u.FieldCopies {
			e.str(c.From.Tag)
			e.str(c.From.Field)
			e.str(c.To.Tag)
			e.str(c.To.Field)
			e.pos(c.Pos)
		}
	}
	if e.sliceLen(len(u.MemberBits), u.MemberBits == nil) {
		for _, mb := range u.MemberBits {
			e.str(mb.Member.Tag)
			e.str(mb.Member.Field)
			e.uint(mb.Bits)
			if e.sliceLen(len(mb.From), mb.From == nil) {
				for _, f := range mb.From {
					e.str(f.Tag)
					e.str(f.Field)
				}
			}
			e.bool(mb.Any)
			e.strList(mb.Via)
		}
	}
	if e.sliceLen(len(u.MacroUses), u.MacroUses == nil) {
		for _, a := range u.MacroUses {
			e.api(a)
		}
	}
	e.strList(u.Includes)
	e.bool(u.RT)
	return e.w.Buf
}

type encoder struct {
	w     *compact.Writer
	vars  map[*Var]uint64
	apis  map[*APIUse]uint64
	exprs map[*Expr]uint64
	stmts map[*Stmt]uint64
	refs  map[*FieldRef]uint64
}

func (e *encoder) uint(v uint64) { e.w.Uint(v) }
func (e *encoder) int(v int)     { e.w.Int(int64(v)) }
func (e *encoder) bool(b bool)   { e.w.Bool(b) }
func (e *encoder) str(s string)  { e.w.Str(s) }

// sliceLen writes a slice's length and says whether elements follow.
func (e *encoder) sliceLen(n int, isNil bool) bool {
	if isNil {
		e.uint(0)
		return false
	}
	e.uint(uint64(n) + 1)
	return n > 0
}

func (e *encoder) mapLen(n int, isNil bool) bool { return e.sliceLen(n, isNil) }

func (e *encoder) strList(xs []string) { encodeList(e, xs, e.str) }

// encodeList writes a slice whose elements elem writes.
func encodeList[T any](e *encoder, xs []T, elem func(T)) {
	if e.sliceLen(len(xs), xs == nil) {
		for _, x := range xs {
			elem(x)
		}
	}
}

func (e *encoder) boolMap(m map[string]bool) {
	if e.mapLen(len(m), m == nil) {
		for _, k := range sortedKeys(m) {
			e.str(k)
			e.bool(m[k])
		}
	}
}

func (e *encoder) pos(p Pos) {
	e.str(p.File)
	e.int(p.Line)
	e.int(p.Col)
}

// seen writes a pointer that was written before, or says that p is new
// (then the caller writes its fields).
func seen[T any](e *encoder, m *map[*T]uint64, p *T) bool {
	if p == nil {
		e.uint(0)
		return true
	}
	if *m == nil {
		*m = map[*T]uint64{}
	}
	if n, ok := (*m)[p]; ok {
		e.uint(n + 2)
		return true
	}
	(*m)[p] = uint64(len(*m))
	e.uint(1)
	return false
}

func (e *encoder) funcs(fs []*Func) {
	if !e.sliceLen(len(fs), fs == nil) {
		return
	}
	for _, f := range fs {
		e.bool(f != nil)
		if f == nil {
			continue
		}
		e.str(f.Name)
		e.pos(f.Pos)
		e.pos(f.End)
		e.bool(f.Static)
		if e.sliceLen(len(f.Params), f.Params == nil) {
			for _, v := range f.Params {
				e.variable(v)
			}
		}
		e.stmt(f.Body)
		e.strList(f.Acquires)
		e.strList(f.Releases)
		e.strList(f.MustHold)
		e.bool(f.Weak)
		e.str(f.DefinedBy)
		e.bool(f.ReturnsPointer)
		e.bool(f.ReturnsBool)
		e.str(f.Context)
		e.uint(uint64(f.GFPParam))
		e.bool(f.Init)
		e.bool(f.Nested)
	}
}

func (e *encoder) variable(v *Var) {
	if seen(e, &e.vars, v) {
		return
	}
	e.str(v.Name)
	e.pos(v.Pos)
}

func (e *encoder) fieldRef(r *FieldRef) {
	if seen(e, &e.refs, r) {
		return
	}
	e.str(r.Tag)
	e.str(r.Field)
}

func (e *encoder) api(a *APIUse) {
	if seen(e, &e.apis, a) {
		return
	}
	e.str(a.Name)
	e.pos(a.Pos)
	e.strList(a.Args)
	e.strList(a.Values)
	e.strList(a.Via)
	e.bool(a.Macro)
	e.bool(a.Variant)
}

func (e *encoder) stmtList(xs []*Stmt) { encodeList(e, xs, e.stmt) }

func (e *encoder) exprList(xs []*Expr) { encodeList(e, xs, e.expr) }

func (e *encoder) stmt(s *Stmt) {
	if seen(e, &e.stmts, s) {
		return
	}
	e.uint(uint64(s.Kind))
	e.pos(s.Pos)
	e.stmtList(s.List)
	e.expr(s.X)
	e.expr(s.Hi)
	e.stmt(s.Init)
	e.expr(s.Post)
	e.stmt(s.Body)
	e.stmt(s.Else)
	e.str(s.Label)
	if e.sliceLen(len(s.Decls), s.Decls == nil) {
		for _, d := range s.Decls {
			e.bool(d != nil)
			if d != nil {
				e.variable(d.Var)
				e.expr(d.Init)
			}
		}
	}
	e.bool(s.Asm != nil)
	if a := s.Asm; a != nil {
		e.bool(a.Goto)
		e.strList(a.Labels)
		e.str(a.Template)
		e.exprList(a.Operands)
	}
	e.api(s.API)
	e.pos(s.End)
}

func (e *encoder) expr(x *Expr) {
	if seen(e, &e.exprs, x) {
		return
	}
	e.uint(uint64(x.Kind))
	e.str(x.Op)
	e.pos(x.Pos)
	e.str(x.Name)
	e.expr(x.X)
	e.expr(x.Y)
	e.expr(x.Z)
	e.exprList(x.Args)
	e.stmt(x.Body)
	e.variable(x.Ref)
	e.bool(x.Func)
	e.api(x.API)
	e.fieldRef(x.Indirect)
	if e.sliceLen(len(x.Targets), x.Targets == nil) {
		for _, t := range x.Targets {
			e.str(t.Func)
			e.fieldRef(t.Field)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// DecodeUnit reads back a unit that Encode wrote.
func DecodeUnit(b []byte) (u *Unit, err error) {
	if len(b) < len(encodingMagic) || string(b[:len(encodingMagic)]) != encodingMagic {
		return nil, errEncoding
	}
	d := &decoder{r: compact.NewReader(b[len(encodingMagic):])}
	defer func() {
		// A short or damaged encoding stops the decoder wherever it is.
		if p := recover(); p != nil {
			if p != errEncoding && p != compact.ErrCorrupt {
				panic(p)
			}
			u, err = nil, errEncoding
		}
	}()
	u = &Unit{}
	u.File = d.str()
	u.Funcs = d.funcs()
	u.Helpers = d.funcs()
	u.PerCPU = d.boolMap()
	u.NoReturn = d.boolMap()
	if n, ok := d.len(); ok {
		u.Enums = make(map[string]uint64, n)
		for range n {
			k := d.str()
			u.Enums[k] = d.uint()
		}
	}
	u.Lines = d.strList()
	u.Standalone = d.bool()
	if n, ok := d.len(); ok {
		u.Stores = make([]FuncStore, n)
		for i := range u.Stores {
			s := &u.Stores[i]
			s.Func, s.Tag, s.Field, s.Var, s.Object, s.Index = d.str(), d.str(), d.str(), d.str(), d.str(), d.str()
			s.Global = d.bool()
			s.Assigned = d.bool()
			s.Pos = d.pos()
		}
	}
	if n, ok := d.len(); ok {
		u.FieldCopies = make([]FieldCopy, n)
		for i := range u.FieldCopies {
			c := &u.FieldCopies[i]
			c.From.Tag, c.From.Field, c.To.Tag, c.To.Field = d.str(), d.str(), d.str(), d.str()
			c.Pos = d.pos()
		}
	}
	if n, ok := d.len(); ok {
		u.MemberBits = make([]MemberBits, n)
		for i := range u.MemberBits {
			mb := &u.MemberBits[i]
			mb.Member.Tag, mb.Member.Field = d.str(), d.str()
			mb.Bits = d.uint()
			if n, ok := d.len(); ok {
				mb.From = make([]FieldRef, n)
				for j := range mb.From {
					mb.From[j].Tag, mb.From[j].Field = d.str(), d.str()
				}
			}
			mb.Any = d.bool()
			mb.Via = d.strList()
		}
	}
	if n, ok := d.len(); ok {
		u.MacroUses = make([]*APIUse, n)
		for i := range u.MacroUses {
			u.MacroUses[i] = d.api()
		}
	}
	u.Includes = d.strList()
	u.RT = d.bool()
	if n := d.r.Left(); n != 0 {
		return nil, fmt.Errorf("%w: %d bytes left over", errEncoding, n)
	}
	return u, nil
}

type decoder struct {
	r     *compact.Reader
	vars  []*Var
	apis  []*APIUse
	exprs []*Expr
	stmts []*Stmt
	refs  []*FieldRef
}

func (d *decoder) uint() uint64 { return d.r.Uint() }
func (d *decoder) bool() bool   { return d.r.Bool() }
func (d *decoder) str() string  { return d.r.Str() }

// int reads a line or column, or another number that fits 32 bits.
func (d *decoder) int() int {
	v := d.r.Int()
	if v > math.MaxInt32 || v < math.MinInt32 {
		panic(errEncoding)
	}
	return int(v)
}

// len reads a slice's or map's length: ok is false for nil. A length no
// rest of the encoding could hold is damage, not an allocation to make.
func (d *decoder) len() (int, bool) {
	n := d.uint()
	if n == 0 {
		return 0, false
	}
	if n-1 > uint64(d.r.Left()) {
		panic(errEncoding)
	}
	return int(n - 1), true
}

func (d *decoder) strList() []string { return decodeList(d, d.str) }

func (d *decoder) boolMap() map[string]bool {
	n, ok := d.len()
	if !ok {
		return nil
	}
	m := make(map[string]bool, n)
	for range n {
		k := d.str()
		m[k] = d.bool()
	}
	return m
}

func (d *decoder) pos() Pos {
	return Pos{File: d.str(), Line: d.int(), Col: d.int()}
}

// ref reads a pointer: nil, one seen before (done), or a new object that
// the caller reads the fields of (registered first, so that what it
// holds may refer back to it).
func ref[T any](d *decoder, table *[]*T) (p *T, done bool) {
	switch n := d.uint(); n {
	case 0:
		return nil, true
	case 1:
		p = new(T)
		*table = append(*table, p)
		return p, false
	default:
		if n-2 >= uint64(len(*table)) {
			panic(errEncoding)
		}
		return (*table)[n-2], true
	}
}

func (d *decoder) funcs() []*Func {
	n, ok := d.len()
	if !ok {
		return nil
	}
	out := make([]*Func, n)
	for i := range out {
		if !d.bool() {
			continue
		}
		f := &Func{}
		f.Name = d.str()
		f.Pos = d.pos()
		f.End = d.pos()
		f.Static = d.bool()
		if n, ok := d.len(); ok {
			f.Params = make([]*Var, n)
			for j := range f.Params {
				f.Params[j] = d.variable()
			}
		}
		f.Body = d.stmt()
		f.Acquires = d.strList()
		f.Releases = d.strList()
		f.MustHold = d.strList()
		f.Weak = d.bool()
		f.DefinedBy = d.str()
		f.ReturnsPointer = d.bool()
		f.ReturnsBool = d.bool()
		f.Context = d.str()
		f.GFPParam = int(d.uint())
		f.Init = d.bool()
		f.Nested = d.bool()
		out[i] = f
	}
	return out
}

func (d *decoder) variable() *Var {
	v, done := ref(d, &d.vars)
	if !done {
		v.Name = d.str()
		v.Pos = d.pos()
	}
	return v
}

func (d *decoder) fieldRef() *FieldRef {
	r, done := ref(d, &d.refs)
	if !done {
		r.Tag = d.str()
		r.Field = d.str()
	}
	return r
}

func (d *decoder) api() *APIUse {
	a, done := ref(d, &d.apis)
	if !done {
		a.Name = d.str()
		a.Pos = d.pos()
		a.Args = d.strList()
		a.Values = d.strList()
		a.Via = d.strList()
		a.Macro = d.bool()
		a.Variant = d.bool()
	}
	return a
}

func (d *decoder) stmtList() []*Stmt { return decodeList(d, d.stmt) }

// decodeList reads a slice whose elements elem reads.
func decodeList[T any](d *decoder, elem func() T) []T {
	n, ok := d.len()
	if !ok {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		out[i] = elem()
	}
	return out
}

// kind reads a kind among n.
func (d *decoder) kind(n int) uint64 {
	k := d.uint()
	if k >= uint64(n) {
		panic(errEncoding)
	}
	return k
}

func (d *decoder) exprList() []*Expr { return decodeList(d, d.expr) }

func (d *decoder) stmt() *Stmt {
	s, done := ref(d, &d.stmts)
	if done {
		return s
	}
	s.Kind = StmtKind(d.kind(len(stmtKindNames)))
	s.Pos = d.pos()
	s.List = d.stmtList()
	s.X = d.expr()
	s.Hi = d.expr()
	s.Init = d.stmt()
	s.Post = d.expr()
	s.Body = d.stmt()
	s.Else = d.stmt()
	s.Label = d.str()
	if n, ok := d.len(); ok {
		s.Decls = make([]*Decl, n)
		for i := range s.Decls {
			if d.bool() {
				s.Decls[i] = &Decl{Var: d.variable(), Init: d.expr()}
			}
		}
	}
	if d.bool() {
		s.Asm = &AsmInfo{Goto: d.bool(), Labels: d.strList(), Template: d.str(), Operands: d.exprList()}
	}
	s.API = d.api()
	s.End = d.pos()
	return s
}

func (d *decoder) expr() *Expr {
	x, done := ref(d, &d.exprs)
	if done {
		return x
	}
	x.Kind = ExprKind(d.kind(len(exprKindNames)))
	x.Op = d.str()
	x.Pos = d.pos()
	x.Name = d.str()
	x.X = d.expr()
	x.Y = d.expr()
	x.Z = d.expr()
	x.Args = d.exprList()
	x.Body = d.stmt()
	x.Ref = d.variable()
	x.Func = d.bool()
	x.API = d.api()
	x.Indirect = d.fieldRef()
	if n, ok := d.len(); ok {
		x.Targets = make([]Target, n)
		for i := range x.Targets {
			x.Targets[i].Func = d.str()
			x.Targets[i].Field = d.fieldRef()
		}
	}
	return x
}
