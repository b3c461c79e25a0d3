package cparse

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kpreempt/kpreempt/kbuild"
)

// A lock passed as an accessor's call (raw_spin_unlock(rq_lockp(rq)),
// rq_lockp() a header's inline function returning &rq->__lock) is the
// member the accessor returns; one reached through a call of an accessor
// that returns a pointer member (&rq_queue(rq)->lock, rq_queue()
// returning rq->q) is reached through the member.
func TestLockThroughAccessor(t *testing.T) {
	dir := t.TempDir()
	hdr := `struct q { int lock; };
struct rq { int __lock; int cpu; struct q *q; };
static inline int *rq_lockp(struct rq *rq)
{
	return &rq->__lock;
}
static inline struct q *rq_queue(struct rq *rq)
{
	return rq->q;
}
static inline struct q *rq_queue_checked(struct rq *rq)
{
	if (!rq)
		return 0;
	return rq->q;
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
	raw_spin_unlock(&rq_queue(rq)->lock);
	raw_spin_unlock(&rq_queue_checked(rq)->lock);
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
	want := []string{"&rq->__lock", "rq_other(rq)", "&rq->q->lock", "&rq_queue_checked(rq)->lock"}
	if !slices.Equal(got, want) {
		t.Errorf("lock arguments = %q, want %q", got, want)
	}
}
