package interproc

import (
	"slices"
	"testing"
)

// A member is never NULL when every object of its struct, in a complete
// program, is an initializer that sets it; a store by assignment, an
// object the analysis cannot name or two objects under one name leave
// the question open, and so does a program whose facts are incomplete.
func TestSetMembers(t *testing.T) {
	store := func(tag, field, v string) FuncStore { return FuncStore{Func: "f", Tag: tag, Field: field, Var: v} }
	units := []*UnitFacts{
		{Unit: "a.c", Stores: []FuncStore{
			store("ll", "request", "usb"), store("ll", "parse", "usb"),
			store("ops", "open", "x"), store("ops", "close", "x"),
			store("assigned", "fn", "s"),
			store("anon", "fn", ""),
			store("array", "fn", "arr"), store("array", "fn", "arr"),
		}},
		{Unit: "b.c", Stores: []FuncStore{
			store("ll", "request", "i2c"),
			store("ops", "open", "y"),
			{Func: "g", Tag: "assigned", Field: "fn", Var: "p", Assigned: true},
		}},
	}
	var got []string
	for m := range Link(units, "/", true).set {
		got = append(got, m.Tag+"."+m.Field)
	}
	slices.Sort(got)
	if want := []string{"ll.request", "ops.open"}; !slices.Equal(got, want) {
		t.Errorf("members every object sets: %v, want %v", got, want)
	}
	if p := Link(units, "/", false); p.neverNull([]Member{{Tag: "ll", Field: "request"}}) {
		t.Error("an incomplete program tells no member is set everywhere")
	}
}

// A family of bits follows a member's copies to the one member each
// copies, unless the member writes those bits itself, has bits the
// conversion cannot bound, or copies from two; a caller's clear bits
// rule out a path that needs any member of it, and only bits all clear.
func TestFamilyOfCopiedBits(t *testing.T) {
	mb := func(tag string, bits uint64, from ...string) MemberBits {
		m := MemberBits{Tag: tag, Field: "flags", Bits: bits}
		for _, f := range from {
			m.From = append(m.From, Member{Tag: f, Field: "flags"})
		}
		return m
	}
	units := []*UnitFacts{
		{Unit: "a.c", Bits: []MemberBits{mb("hctx", 0x2, "set"), mb("set", 0x30), mb("two", 0, "set", "other"), mb("own", 0x10, "set")}},
		{Unit: "b.c", Bits: []MemberBits{mb("hctx", 0, "set"), {Tag: "anyb", Field: "flags", Any: true, From: []Member{{Tag: "set", Field: "flags"}}}}},
	}
	p := Link(units, "/", true)
	need := func(tag string, mask uint64) []MemberMask {
		return p.family([]MemberMask{{Tag: tag, Field: "flags", Mask: mask}})
	}
	var got []string
	for _, m := range need("hctx", 0x10) {
		got = append(got, m.Tag)
	}
	if want := []string{"hctx", "set"}; !slices.Equal(got, want) {
		t.Errorf("family of hctx.flags & 0x10: %v, want %v", got, want)
	}
	for _, tag := range []string{"two", "own", "anyb"} {
		if f := need(tag, 0x10); len(f) != 1 {
			t.Errorf("family of %s.flags & 0x10: %v, want the member alone", tag, f)
		}
	}
	if f := need("hctx", 0x2); len(f) != 1 {
		t.Errorf("family of hctx.flags & 0x2, bits it writes itself: %v, want the member alone", f)
	}
	clear := func(tag string, mask uint64) []MemberMask {
		return []MemberMask{{Tag: tag, Field: "flags", Mask: mask}}
	}
	if !contradicted(need("hctx", 0x10), clear("set", 0x10)) || !contradicted(need("hctx", 0x10), clear("hctx", 0x30)) {
		t.Error("a path that needs hctx.flags & 0x10 taken where the bit is found clear in its source or in it")
	}
	if contradicted(need("hctx", 0x30), clear("set", 0x10)) || contradicted(need("set", 0x10), clear("hctx", 0x10)) || contradicted(need("own", 0x10), clear("set", 0x10)) {
		t.Error("a path ruled out by bits that do not decide it")
	}
	if p := Link(units, "/", false); len(p.family([]MemberMask{{Tag: "hctx", Field: "flags", Mask: 0x10}})) != 1 {
		t.Error("an incomplete program ties no member to another")
	}
}
