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
