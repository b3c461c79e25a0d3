package cparse

import (
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
)

// A function placed in the init text section is __init code, whether
// the attribute comes among the specifiers or after the return type's
// pointer; other sections, and none, are not.
func TestInitFunctions(t *testing.T) {
	dir := t.TempDir()
	src := `#define __section(s) __attribute__((__section__(s)))
#define __init __section(".init.text") __attribute__((__cold__))
#define __ref __section(".ref.text")
int __init a(void) { return 0; }
void * __init b(void) { return 0; }
static __init int c(void) { return 0; }
int __ref d(void) { return 0; }
int e(void) { return 0; }
`
	file := dir + "/i.c"
	if err := writeFile(file, []byte(src)); err != nil {
		t.Fatal(err)
	}
	u, err := Parse(&kbuild.Unit{File: file})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"a": true, "b": true, "c": true, "d": false, "e": false}
	for _, f := range u.Funcs {
		if got, ok := want[f.Name]; ok && f.Init != got {
			t.Errorf("%s: Init %v, want %v", f.Name, f.Init, got)
		}
		delete(want, f.Name)
	}
	if len(want) > 0 {
		t.Errorf("functions not parsed: %v", want)
	}
}
