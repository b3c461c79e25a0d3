package cparse

import "testing"

// An argument some of whose bits are set whatever its variables hold
// (a constant OR-ed in, in both arms of ?:, or as a statement
// expression's value) is written with those bits; a constant keeps its
// plain value elsewhere, and an argument of no known bit has none.
func TestSetBitsValues(t *testing.T) {
	u := parse(t, `void send(int ct, unsigned int flags);
#define NB (1u << 31)
#define MAKE(n) ({ unsigned int n_ = (n); ((n_ << 8) | NB); })
void f(int n, int c)
{
	send(1, MAKE(n));
	send(2, c ? (n | 4) : (n | 6));
	send(3, n | 0x10);
	send(4, n);
	send(5, c ? n : 4);
}
`)
	want := map[string]string{"1": "|80000000", "2": "|4", "3": "|10", "4": "", "5": ""}
	for _, f := range u.Funcs {
		WalkExprs(f.Body, func(e *Expr) {
			if e.Kind != Call || e.Callee() != "send" || len(e.Args) != 2 {
				return
			}
			id := e.Args[0].Name
			got := ""
			if vs := ConstValues(e.Args); vs != nil {
				got = vs[1]
			}
			if got != want[id] {
				t.Errorf("send(%s, ...): value %q, want %q", id, got, want[id])
			}
			if bits, ok := SplitSetBits(got); ok && SetBitsValue(bits) != got {
				t.Errorf("SplitSetBits(%q) does not undo SetBitsValue", got)
			}
			delete(want, id)
		})
	}
	if len(want) > 0 {
		t.Errorf("calls not seen: %v", want)
	}
}

// A value that may have only some bits is written apart from one that
// certainly has them, and reads back as written; 0 is a value too.
func TestMayBitsValues(t *testing.T) {
	for _, bits := range []uint64{0, 2, 0x80000000} {
		v := MayBitsValue(bits)
		if got, ok := SplitMayBits(v); !ok || got != bits {
			t.Errorf("SplitMayBits(%q) = %#x, %v; want %#x", v, got, ok, bits)
		}
		if _, ok := SplitSetBits(v); ok {
			t.Errorf("SplitSetBits(%q) reads a value that may have bits as one that has them", v)
		}
		if _, ok := IntLit(v); ok {
			t.Errorf("IntLit(%q) reads a value that may have bits as a constant", v)
		}
	}
	if _, ok := SplitMayBits(SetBitsValue(4)); ok {
		t.Errorf("SplitMayBits reads a value that has bits as one that may")
	}
}
