package cparse

import (
	"slices"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
)

func TestLockAnnotations(t *testing.T) {
	dir := t.TempDir()
	hdr := dir + "/locks.h"
	if err := writeFile(hdr, []byte("#define __acquires(x)\n#define __releases(x)\n#define __must_hold(x)\n"+
		"struct q { int lock; };\nvoid q_lock(struct q *q) __acquires(&q->lock);\n"+
		"void q_unlock(struct q *q)\n\t__releases(q->lock);\n")); err != nil {
		t.Fatal(err)
	}
	src := `#include "locks.h"
void q_lock(struct q *q) { }
void q_unlock(struct q *q) { }
static void q_work(struct q *q) __must_hold(&q->lock)
{
}
`
	file := dir + "/q.c"
	if err := writeFile(file, []byte(src)); err != nil {
		t.Fatal(err)
	}
	u, err := Parse(&kbuild.Unit{File: file, IncludeDirs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][3][]string{}
	for _, f := range u.Funcs {
		got[f.Name] = [3][]string{f.Acquires, f.Releases, f.MustHold}
	}
	if !slices.Equal(got["q_lock"][0], []string{"q->lock"}) {
		t.Errorf("q_lock: __acquires from the header prototype: %v", got["q_lock"])
	}
	if !slices.Equal(got["q_unlock"][1], []string{"q->lock"}) {
		t.Errorf("q_unlock: __releases on a continuation line: %v", got["q_unlock"])
	}
	if !slices.Equal(got["q_work"][2], []string{"q->lock"}) {
		t.Errorf("q_work: __must_hold on the definition: %v", got["q_work"])
	}
}

func TestLockKeyNormalForms(t *testing.T) {
	for in, want := range map[string]string{
		"&d->lock":                            "d->lock",
		"(&d->lock)":                          "d->lock",
		"&(&guc->context_lookup)->xa_lock":    "guc->context_lookup.xa_lock",
		"(&guc->context_lookup)->xa_lock":     "guc->context_lookup.xa_lock",
		"guc->context_lookup.xa_lock":         "guc->context_lookup.xa_lock",
		"&(&(&a->b)->c)->d":                   "a->b.c.d",
		"rq_lockp(rq)":                        "rq_lockp(rq)",
		"f(&x)->lock":                         "f(&x)->lock",
		"(&x)[1].lock":                        "(&x)[1].lock",
		"&((&xas)->xa)->xa_lock":              "xas.xa->xa_lock",
		"((a->b))->c":                         "a->b->c",
		"(*p)->lock":                          "(*p)->lock",
		"(a+1)->lock":                         "(a+1)->lock",
		"f((a))->lock":                        "f(a)->lock",
		"(a)-1":                               "(a)-1",
		"&ACCESS_PRIVATE(rnp, lock)":          "rnp->lock",
		"&ACCESS_PRIVATE(ssp->srcu_sup,lock)": "ssp->srcu_sup->lock",
		"&ACCESS_PRIVATE(f(a, b), lock)":      "(f(a,b))->lock",
		"MY_ACCESS_PRIVATE(rnp,lock)":         "MY_ACCESS_PRIVATE(rnp,lock)",
		"ACCESS_PRIVATE(rnp)":                 "ACCESS_PRIVATE(rnp)",
		"&get_current()->sighand->siglock":    "current->sighand->siglock",
		"(get_current())->mm->mmap_lock":      "current->mm->mmap_lock",
		"my_get_current()->lock":              "my_get_current()->lock",
		"get_current(x)->lock":                "get_current(x)->lock",
	} {
		if got := LockKey(in); got != want {
			t.Errorf("LockKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWeakDefinition(t *testing.T) {
	for text, want := range map[string]bool{
		"void __init __weak trap_init(void)":              true,
		"void __attribute__((weak)) f(void)":              true,
		"void __attribute__((__weak__)) f(void)":          true,
		"int weak(void)":                                  false,
		"static void weakest_link(struct weak_ref *weak)": false,
		"void __weakref_demo(void)":                       false,
	} {
		if got := weakDefinition(text); got != want {
			t.Errorf("weakDefinition(%q) = %v, want %v", text, got, want)
		}
	}
}
