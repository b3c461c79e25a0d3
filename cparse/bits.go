package cparse

import (
	"cmp"
	"slices"
)

// MemberBits are the bits a unit writes into an integer member of a
// struct, over all its stores: initializers (.flags = UART_CAP_FIFO |
// UART_CAP_EFR) and assignments (up->capabilities |= UART_CAP_RPM,
// up->capabilities = uart_config[type].flags). A flag no object of the
// whole program ever has (UART_CAP_RPM where no unit sets it) makes a
// path taken only where it is set no path (interproc decides).
type MemberBits struct {
	Member FieldRef
	// Bits are the constant bits written.
	Bits uint64
	// From are the members whose bits are copied into it.
	From []FieldRef
	// Any is set when a store writes bits the conversion cannot bound (a
	// parameter, a call's result, an increment, the member's address
	// handed on: set_bit(n, &p->flags)).
	Any bool
	// Via are the function pointer variables the member's address is
	// passed to a call through (8250_platform.c:
	// serial8250_isa_config(i, &up->port, &up->capabilities)): whatever
	// the program stores there may write any bits.
	Via []string
}

// noteBits records what an assignment e writes into a struct member.
func (c *converter) noteBits(e *Expr) {
	if c.quiet > 0 || e == nil || e.Kind != Assign {
		return
	}
	ref := c.bitsMember(e.X)
	if ref == nil {
		return
	}
	switch e.Op {
	case "=", "|=":
		c.bitsOf(*ref, e.Y, 0)
	case "&=":
		// Clears bits only.
	default:
		c.memberBits(*ref).Any = true
	}
}

// noteBitsAny records a store of unbounded bits into the member e, if it
// is one: an increment or decrement.
func (c *converter) noteBitsAny(e *Expr) {
	if c.quiet > 0 {
		return
	}
	if ref := c.bitsMember(e); ref != nil {
		c.memberBits(*ref).Any = true
	}
}

// noteAddress records that u (&x) takes the address of a member, which
// may then be written through: unbounded bits, unless the call it is
// passed to says otherwise (noteAddressArgs).
func (c *converter) noteAddress(u *Expr) {
	if c.quiet > 0 {
		return
	}
	if ref := c.bitsMember(u.X); ref != nil {
		if c.addressed == nil {
			c.addressed = map[*Expr]FieldRef{}
		}
		c.addressed[u] = *ref
	}
}

// noteAddressArgs records the members whose address a call through a
// file-scope function pointer variable is passed: the functions the
// program stores there write them.
func (c *converter) noteAddressArgs(call *Expr) {
	if c.quiet > 0 || len(c.addressed) == 0 {
		return
	}
	f := call.X
	if f == nil || f.Kind != Ident || f.Ref != nil || !c.globals[f.Name].isFuncPointer() {
		return
	}
	for _, a := range call.Args {
		for a != nil && a.Kind == Cast {
			a = a.X
		}
		if ref, ok := c.addressed[a]; ok {
			delete(c.addressed, a)
			mb := c.memberBits(ref)
			if !slices.Contains(mb.Via, f.Name) {
				mb.Via = append(mb.Via, f.Name)
			}
		}
	}
}

// bitsMember is the struct member e names (an element of an array
// member is the member), nil when e is none or its struct is not known.
func (c *converter) bitsMember(e *Expr) *FieldRef {
	for e != nil && (e.Kind == Index || e.Kind == Cast) {
		e = e.X
	}
	if e == nil || e.Kind != Member {
		return nil
	}
	t, field := c.fieldOf(e)
	if t.tag == "" {
		return nil
	}
	return &FieldRef{Tag: t.tag, Field: field}
}

// bitsOf records the bits of the value x written into ref: a constant,
// a member copied, their | and the branches of ?:; x & y writes no bit
// that x does not hold.
func (c *converter) bitsOf(ref FieldRef, x *Expr, depth int) {
	for x != nil && x.Kind == Cast {
		x = x.X
	}
	if v, ok := ConstIntIn(x, c.unit.Enums); ok {
		c.memberBits(ref).Bits |= v
		return
	}
	switch {
	case x == nil || depth > 16:
	case x.Kind == Binary && x.Op == "|":
		c.bitsOf(ref, x.X, depth+1)
		c.bitsOf(ref, x.Y, depth+1)
		return
	case x.Kind == Binary && x.Op == "&":
		if _, ok := ConstIntIn(x.X, c.unit.Enums); ok {
			c.bitsOf(ref, x.Y, depth+1)
		} else {
			c.bitsOf(ref, x.X, depth+1)
		}
		return
	case x.Kind == Cond:
		if x.Y != nil {
			c.bitsOf(ref, x.Y, depth+1)
		} else {
			c.bitsOf(ref, x.X, depth+1) // GNU c ?: e
		}
		c.bitsOf(ref, x.Z, depth+1)
		return
	case x.Kind == Member || x.Kind == Index:
		if from := c.bitsMember(x); from != nil {
			mb := c.memberBits(ref)
			if *from != ref && !slices.Contains(mb.From, *from) {
				mb.From = append(mb.From, *from)
			}
			return
		}
	}
	c.memberBits(ref).Any = true
}

func (c *converter) memberBits(ref FieldRef) *MemberBits {
	if c.bits == nil {
		c.bits = map[FieldRef]*MemberBits{}
	}
	mb := c.bits[ref]
	if mb == nil {
		mb = &MemberBits{Member: ref}
		c.bits[ref] = mb
	}
	return mb
}

// memberBitsList is what the unit writes into each member, sorted by
// tag, then field, so that a unit's facts are the same every time.
func (c *converter) memberBitsList() []MemberBits {
	for _, ref := range c.addressed {
		c.memberBits(ref).Any = true // handed to a call that may write it, or kept
	}
	c.addressed = nil
	if len(c.bits) == 0 {
		return nil
	}
	out := make([]MemberBits, 0, len(c.bits))
	for _, mb := range c.bits {
		slices.SortFunc(mb.From, compareFieldRefs)
		slices.Sort(mb.Via)
		out = append(out, *mb)
	}
	slices.SortFunc(out, func(a, b MemberBits) int { return compareFieldRefs(a.Member, b.Member) })
	return out
}

func compareFieldRefs(a, b FieldRef) int {
	return cmp.Or(cmp.Compare(a.Tag, b.Tag), cmp.Compare(a.Field, b.Field))
}
