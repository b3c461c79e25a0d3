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
