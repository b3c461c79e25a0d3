package cparse

import "testing"

// A function placed in the init text section is __init code, whether
// the attribute comes among the specifiers or after the return type's
// pointer; other sections, and none, are not.
func TestInitFunctions(t *testing.T) {
	u := parse(t, `#define __section(s) __attribute__((__section__(s)))
#define __init __section(".init.text") __attribute__((__cold__))
#define __ref __section(".ref.text")
int __init a(void) { return 0; }
void * __init b(void) { return 0; }
static __init int c(void) { return 0; }
int __ref d(void) { return 0; }
int e(void) { return 0; }
`)
	for name, want := range map[string]bool{"a": true, "b": true, "c": true, "d": false, "e": false} {
		if got := fn(t, u, name).Init; got != want {
			t.Errorf("%s: Init %v, want %v", name, got, want)
		}
	}
}
