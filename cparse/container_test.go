package cparse

import (
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
)

// container_of() as the kernel expands it (a statement expression with
// __mptr) and as the standalone stubs do, with a nested member, is read
// back as its pointer and member; other subtractions are not.
func TestContainerOf(t *testing.T) {
	src := `struct kip { int lock; };
struct inner { struct kip k; };
struct msgq { int a; struct kip q_perm; struct inner in; };
#define koffsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#define kcontainer_of(ptr, type, member) ({ \
	void *__mptr = (void *)(ptr); \
	((type *)(__mptr - koffsetof(type, member))); })
#define scontainer_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - koffsetof(type, member)))
void f(struct kip *ipcp, char *p, int n)
{
	struct msgq *a = kcontainer_of(ipcp, struct msgq, q_perm);
	struct msgq *b = scontainer_of(ipcp, struct msgq, q_perm);
	struct msgq *c = kcontainer_of(ipcp, struct msgq, in.k);
	char *d = p - n;
}`
	u, err := ParseSource(&kbuild.Unit{File: "x.c", Stubs: true}, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": "ipcp q_perm", "b": "ipcp q_perm", "c": "ipcp in.k", "d": ""}
	for _, s := range fn(t, u, "f").Body.List {
		for _, d := range s.Decls {
			got := ""
			if ptr, member, ok := ContainerOf(d.Init); ok {
				got = ExprText(ptr) + " " + member
			}
			if got != want[d.Var.Name] {
				t.Errorf("%s: ContainerOf %q, want %q", d.Var.Name, got, want[d.Var.Name])
			}
		}
	}
}
