package cparse

import (
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/cpp"
)

// The parser is handed the header inline functions the unit uses, the
// ones those use, and every function of the file; the others keep their
// prototypes only.
func TestDropUnusedBodies(t *testing.T) {
	dir := t.TempDir()
	hdr := `#define __always_inline inline __attribute__((always_inline))
struct s { int x; };
static inline int unused(struct s *p) { return p->x + 1; }
static __always_inline int leaf(struct s *p) { return p->x; }
static inline int called(struct s *p) { return leaf(p) * 2; }
static inline int taken(void) { return 3; }
static const struct ops { int (*f)(void); } header_ops = { .f = taken };
static inline int (*returns_fn(void))(void) { return taken; }
int not_inline(void) { return 4; }
`
	if err := writeFile(dir+"/h.h", []byte(hdr)); err != nil {
		t.Fatal(err)
	}
	src := `#include "h.h"
static inline int own_unused(void) { return 5; }
int f(struct s *p) { return called(p); }
`
	file := dir + "/f.c"
	res, err := cpp.Preprocess(cpp.NewCache(), &cpp.Config{QuoteDirs: []string{dir}}, file, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	toks := dropUnusedBodies(res.Tokens, func(f string) bool { return ownFile(file, f) })
	text, _ := cpp.Text(toks)
	got := string(text)
	for _, kept := range []string{"leaf(struct s *p) { return p->x; }", "called(struct s *p) { return leaf(p) * 2; }",
		"taken(void) { return 3; }", "returns_fn(void))(void) { return taken; }", "not_inline(void) { return 4; }",
		"own_unused(void) { return 5; }", "f(struct s *p) { return called(p); }"} {
		if !strings.Contains(strings.Join(strings.Fields(got), " "), kept) {
			t.Errorf("dropped %q:\n%s", kept, got)
		}
	}
	if c := strings.Join(strings.Fields(got), " "); !strings.Contains(c, "unused(struct s *p) ;") || strings.Contains(c, "p->x + 1") {
		t.Errorf("unused() keeps its body:\n%s", got)
	}
}
