package interproc

import (
	"testing"

	"github.com/kpreempt/kpreempt/dataflow"
)

// What a caller knew of a parameter at a call rules a callee's condition
// out only when the same bits (or a part of them) of the same parameter
// or member cannot be what the callee needs.
func TestContradicts(t *testing.T) {
	const backing, opened = 0x2000000, 0x80000
	clear := ParamClass{Param: 1, Path: "->f_mode", Mask: backing | opened, Class: dataflow.Zero}
	for _, c := range []struct {
		name    string
		k, need ParamClass
		want    bool
	}{
		{"bits known clear, a part needed set", clear, ParamClass{Param: 1, Path: "->f_mode", Mask: backing, Class: dataflow.NonZero}, true},
		{"bits known clear, a part needed clear", clear, ParamClass{Param: 1, Path: "->f_mode", Mask: backing, Class: dataflow.Zero}, false},
		{"other bits needed set", clear, ParamClass{Param: 1, Path: "->f_mode", Mask: 0x4, Class: dataflow.NonZero}, false},
		{"another member", clear, ParamClass{Param: 1, Path: "->f_flags", Mask: backing, Class: dataflow.NonZero}, false},
		{"another parameter", clear, ParamClass{Param: 2, Path: "->f_mode", Mask: backing, Class: dataflow.NonZero}, false},
		{"the parameter itself", clear, ParamClass{Param: 1, Mask: backing, Class: dataflow.NonZero}, false},
		{"a bit known set, more bits needed clear", ParamClass{Param: 1, Mask: 0x1, Class: dataflow.NonZero}, ParamClass{Param: 1, Mask: 0x3, Class: dataflow.Zero}, true},
		{"the same bits, other kinds", ParamClass{Param: 1, Mask: 0x1, Class: dataflow.Zero}, ParamClass{Param: 1, Mask: 0x1, Class: dataflow.NonZero}, true},
		{"values, other kinds", ParamClass{Param: 1, Class: dataflow.Zero}, ParamClass{Param: 1, Class: dataflow.NonZero}, true},
		{"values, kinds in common", ParamClass{Param: 1, Class: dataflow.Zero | dataflow.Neg}, ParamClass{Param: 1, Class: dataflow.Neg}, false},
	} {
		if got := contradicts(c.k, c.need); got != c.want {
			t.Errorf("%s: contradicts = %v, want %v", c.name, got, c.want)
		}
	}
}

// A callee's condition on a parameter its caller passes masked (flags &
// MSG_DONTWAIT) becomes a condition on those bits of the caller's
// parameter, or of its member; a condition on bits the mask clears
// cannot hold when it needs them set.
func TestMaskedNeed(t *testing.T) {
	params := []string{"sk", "flags", "msg"}
	for _, c := range []struct {
		name      string
		w         ParamClass
		value     string
		want      ParamClass
		known, ok bool
	}{
		{"zero", ParamClass{Param: 4, Class: dataflow.Zero}, "flags&40", ParamClass{Param: 2, Class: dataflow.Zero, Mask: 0x40}, true, true},
		{"nonzero", ParamClass{Param: 4, Class: dataflow.Pos}, "flags&40", ParamClass{Param: 2, Class: dataflow.NonZero, Mask: 0x40}, true, true},
		{"a member", ParamClass{Param: 4, Class: dataflow.Zero}, "msg->msg_flags&40", ParamClass{Param: 3, Class: dataflow.Zero, Mask: 0x40, Path: "->msg_flags"}, true, true},
		{"bits of the bits", ParamClass{Param: 4, Class: dataflow.Zero, Mask: 0x60}, "flags&c0", ParamClass{Param: 2, Class: dataflow.Zero, Mask: 0x40}, true, true},
		{"bits the mask clears, needed set", ParamClass{Param: 4, Class: dataflow.NonZero, Mask: 0x1}, "flags&40", ParamClass{}, false, false},
		{"bits the mask clears, needed clear", ParamClass{Param: 4, Class: dataflow.Zero, Mask: 0x1}, "flags&40", ParamClass{}, false, true},
		{"any value", ParamClass{Param: 4, Class: dataflow.Zero | dataflow.Pos}, "flags&40", ParamClass{}, false, true},
		{"a local", ParamClass{Param: 4, Class: dataflow.Zero}, "f&40", ParamClass{}, false, true},
		{"a prefix of a parameter's name", ParamClass{Param: 4, Class: dataflow.Zero}, "flagsx&40", ParamClass{}, false, true},
		{"a constant", ParamClass{Param: 4, Class: dataflow.Zero}, "0x40", ParamClass{}, false, true},
	} {
		need, known, ok := maskedNeed(c.w, c.value, params)
		if need != c.want || known != c.known || ok != c.ok {
			t.Errorf("%s: maskedNeed = %+v, %v, %v, want %+v, %v, %v", c.name, need, known, ok, c.want, c.known, c.ok)
		}
	}
}
