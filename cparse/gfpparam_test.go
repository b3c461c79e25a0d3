package cparse

import (
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
)

// The parameter declared with the GFP flags type is the one callers
// choose by their context; a pointer to flags, or flags of another type,
// is not.
func TestGFPParam(t *testing.T) {
	dir := t.TempDir()
	src := `typedef unsigned int gfp_t;
typedef unsigned int flags_t;
struct urb;
int submit(struct urb *urb, gfp_t mem_flags) { return 0; }
int first_of_two(gfp_t a, const gfp_t b) { return 0; }
int by_pointer(gfp_t *gfp) { return 0; }
int other_type(struct urb *urb, flags_t flags) { return 0; }
int none(void) { return 0; }
`
	file := dir + "/g.c"
	if err := writeFile(file, []byte(src)); err != nil {
		t.Fatal(err)
	}
	u, err := Parse(&kbuild.Unit{File: file})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"submit": 2, "first_of_two": 1, "by_pointer": 0, "other_type": 0, "none": 0}
	for _, f := range u.Funcs {
		if got, ok := want[f.Name]; ok && f.GFPParam != got {
			t.Errorf("%s: GFPParam %d, want %d", f.Name, f.GFPParam, got)
		}
		delete(want, f.Name)
	}
	if len(want) > 0 {
		t.Errorf("functions not parsed: %v", want)
	}
}
