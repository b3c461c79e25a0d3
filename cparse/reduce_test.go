package cparse

import (
	"strings"
	"testing"

	"github.com/kpreempt/kpreempt/cpp"
)

// reduced preprocesses a unit of file f.c including h.h and returns the
// reduced text, white space normalised.
func reduced(t *testing.T, hdr, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := writeFile(dir+"/h.h", []byte(hdr)); err != nil {
		t.Fatal(err)
	}
	file := dir + "/f.c"
	res, err := cpp.Preprocess(cpp.NewCache(), &cpp.Config{QuoteDirs: []string{dir}}, file, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	text, _, _ := cpp.Text(reduceUnit(res.Tokens, res.Origin, func(f string) bool { return ownFile(file, f) }))
	return strings.Join(strings.Fields(string(text)), " ")
}

// The parser is handed the header declarations the unit uses, the ones
// those use, and every declaration of the file; of the others, those
// whose shape says what they declare are left out.
func TestReduceUnit(t *testing.T) {
	hdr := `#define __always_inline inline __attribute__((always_inline))
typedef unsigned int u32;
typedef unsigned long unused_t;
struct s { u32 x; struct inner *in; };
struct inner { int y; };
struct unused_s { int z; } __attribute__((packed));
typedef struct { int w; } anon_t;
typedef struct { int w; } unused_anon_t;
enum colour { RED, GREEN = 2 };
enum { UNUSED_A, UNUSED_B };
typedef int (*handler_t)(struct s *);
typedef void (*unused_handler_t)(void);
extern int counter;
extern int unused_counter __attribute__((aligned(8)));
extern char table[];
extern char unused_table[16];
extern __typeof__(int) unused_typeof;
static inline int unused(struct s *p) { return p->x + 1; }
static __always_inline int leaf(struct s *p) { return p->x; }
static inline int called(struct s *p) { return leaf(p) * 2; }
static inline int taken(void) { return 3; }
static const struct ops { int (*f)(void); } header_ops = { .f = taken };
static inline int (*returns_fn(void))(void) { return taken; }
int not_inline(void) { return 4; }
void proto(anon_t *a) __attribute__((noreturn));
void unused_proto(struct unused_s *u);
extern void __attribute__((cold)) unused_cold(int a, int b);
int first, second;
_Static_assert(sizeof(int) == 4, "int");
`
	src := `#include "h.h"
static inline int own_unused(void) { return 5; }
static handler_t h;
int f(struct s *p) { proto(0); return called(p) + counter + table[RED]; }
`
	got := reduced(t, hdr, src)
	for _, kept := range []string{
		"typedef unsigned int u32;", "struct s { u32 x; struct inner *in; };",
		"typedef struct { int w; } anon_t;", "enum colour { RED, GREEN = 2 };", "typedef int (*handler_t)(struct s *);",
		"extern int counter;", "extern char table[];",
		"leaf(struct s *p) { return p->x; }", "called(struct s *p) { return leaf(p) * 2; }",
		"taken(void) { return 3; }", "returns_fn(void))(void) { return taken; }", "not_inline(void) { return 4; }",
		"void proto(anon_t *a) __attribute__((noreturn));", "int first, second;", "_Static_assert(",
		"own_unused(void) { return 5; }", "static handler_t h;", "int f(struct s *p)",
	} {
		if !strings.Contains(got, kept) {
			t.Errorf("dropped %q:\n%s", kept, got)
		}
	}
	for _, dropped := range []string{"struct inner {", "unused_t", "unused_s", "unused_anon_t", "UNUSED_A", "unused_handler_t",
		"unused_counter", "unused_table", "unused_typeof", "int unused(", "unused_proto", "unused_cold"} {
		if strings.Contains(got, dropped) {
			t.Errorf("kept %q:\n%s", dropped, got)
		}
	}
}

// A structure's member no kept code spells keeps, of what its declaration
// names, only what parsing it and a positional initialiser need: its
// typedef names and the structure it holds, not the ones it points to.
// A member spelled anywhere in kept code, in an anonymous union's too,
// keeps them all, also when the code that spells it is kept after the
// structure (reads_pend()).
func TestReduceUnitMembers(t *testing.T) {
	hdr := `typedef unsigned long ulong_t;
typedef struct pointed_t pointed_t;
typedef int fn_t(int);
struct pointed { int a; };
struct held { int b; };
struct via_spelled { int c; };
struct via_anon { int d; };
struct via_fn { int e; };
struct via_late { int f; };
struct via_pending { int h; };
struct pointed_t { int g; };
struct late_user { struct via_late *late; };
struct s {
	ulong_t flags;
	struct pointed *unspelled;
	const struct pointed __attribute__((aligned(8))) *unspelled_too;
	struct held held;
	struct via_spelled *spelled;
	union { struct via_anon *anon; long raw; };
	int (*fn)(struct via_fn *);
	pointed_t *typedef_pointer;
	int width : 3;
	struct via_pending *pend;
	fn_t __attribute__((ms_abi)) *attr_fn;
};
static inline int uses_late(struct late_user *u) { return u->late != 0; }
static inline int reads_pend(struct s *p) { return p->pend != 0; }
`
	got := reduced(t, hdr, `#include "h.h"
int f(struct s *p) { return p->spelled != 0 && p->anon != 0 && p->fn != 0; }
int g(struct s *p) { struct s copy = { 1, 0, 0, { 2 } }; return copy.width + uses_late(0) + reads_pend(p); }
`)
	for _, kept := range []string{"typedef unsigned long ulong_t;", "struct held { int b; };", "struct via_spelled { int c; };",
		"struct via_anon { int d; };", "struct via_fn { int e; };", "struct via_late { int f; };",
		"struct via_pending { int h; };", "typedef int fn_t(int);", "typedef struct pointed_t pointed_t;", "struct pointed_t { int g; };", "struct pointed *unspelled;"} {
		if !strings.Contains(got, kept) {
			t.Errorf("dropped %q:\n%s", kept, got)
		}
	}
	if strings.Contains(got, "struct pointed { int a; };") {
		t.Errorf("kept the structure only unspelled members point to:\n%s", got)
	}
}

// A name used by kept code keeps every declaration of it, whatever its
// name space: a variable and a tag spelled alike, a prototype and its
// redeclaration.
func TestReduceUnitKeepsEveryDeclarer(t *testing.T) {
	hdr := `struct thing { int a; };
extern int thing;
void go(void);
void go(void) __attribute__((cold));
`
	got := reduced(t, hdr, `#include "h.h"
int f(void) { go(); return thing; }
`)
	for _, kept := range []string{"struct thing { int a; };", "extern int thing;", "void go(void);", "void go(void) __attribute__((cold));"} {
		if !strings.Contains(got, kept) {
			t.Errorf("dropped %q:\n%s", kept, got)
		}
	}
}
