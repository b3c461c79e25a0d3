package cparse

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
)

// A lock passed as an accessor's call (raw_spin_unlock(rq_lockp(rq)),
// rq_lockp() a header's inline function returning &rq->__lock) is the
// member the accessor returns.
func TestLockThroughAccessor(t *testing.T) {
	dir := t.TempDir()
	hdr := `struct rq { int __lock; int cpu; };
static inline int *rq_lockp(struct rq *rq)
{
	return &rq->__lock;
}
static inline int *rq_other(struct rq *rq)
{
	if (rq->cpu)
		return 0;
	return &rq->__lock;
}
void raw_spin_unlock(int *l);
`
	src := `#include "acc.h"
void f(struct rq *rq)
{
	raw_spin_unlock(rq_lockp(rq));
	raw_spin_unlock(rq_other(rq));
}
`
	if err := os.WriteFile(filepath.Join(dir, "acc.h"), []byte(hdr), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "w.c")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	u, err := ParseSource(kbuild.Standalone(file), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range apis(fn(t, u, "f")) {
		if a.Name == "raw_spin_unlock" && len(a.Args) > 0 {
			got = append(got, a.Args[0])
		}
	}
	want := []string{"&rq->__lock", "rq_other(rq)"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("lock arguments = %q, want %q", got, want)
	}
}
