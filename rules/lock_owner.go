package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/kapi"
)

// LockOwner flags locks released by a function that does not hold them,
// held at a return, or taken twice.
var LockOwner = register(&Rule{
	ID:      "lock-owner",
	Summary: "a lock released without being held, held at a return, or taken twice",
	Doc: `Tracks each lock by its expression (&q->lock is not &p->lock) along every path:
spin, raw_spin, rwlock and local locks, mutexes, semaphores, lock_sock() and
rcu_read_lock(). Flags a release of a lock the function holds on no path reaching
it, a return reached with a lock held on every path to it, and an acquisition of a
lock already held on every path.

Trylocks hold the lock only on their success edge (also in the form
if (!spin_trylock(&l)) return;), mutex_lock_interruptible() and down_trylock()
only when they return 0. Sparse's annotations on the function's definition are
honoured: __acquires(x) may return holding x, __releases(x) and __must_hold(x)
hold x at entry. Locks held on only some paths are not reported, to stay silent on
conditions the analysis does not correlate.`,
	Source: "Documentation/locking/preempt-locking.rst, RULE #3",
	Quote: `A lock acquired in one task must be released by the same task. This
means you can't do oddball things like acquire a lock and go off to
play while another task releases it. If you want to do something
like this, acquire and release the task in the same code path and
have the caller wait on an event by the other task.`,
	Bad: `#include <linux/spinlock.h>
#include <linux/errno.h>

struct queue { spinlock_t lock; int len; };

int queue_pop(struct queue *q)
{
	spin_lock(&q->lock);
	if (!q->len)
		return -EAGAIN;
	q->len--;
	spin_unlock(&q->lock);
	return 0;
}
`,
	Good: `#include <linux/spinlock.h>
#include <linux/errno.h>

struct queue { spinlock_t lock; int len; };

int queue_pop(struct queue *q)
{
	int ret = 0;

	spin_lock(&q->lock);
	if (q->len)
		q->len--;
	else
		ret = -EAGAIN;
	spin_unlock(&q->lock);
	return ret;
}
`,
	Run: runLockOwner,
})

func runLockOwner(p *Pass) {
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		dropped := droppedAndRetaken(fr)
		for k := range outParams(fr) {
			dropped[k] = true
		}
		fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
			if e.Kind == cfg.Return {
				for _, h := range before.Locks {
					if !h.Must || slices.Contains(fn.Acquires, h.Key) || slices.Contains(fn.MustHold, h.Key) || dropped[h.Key] {
						continue
					}
					if h.Name == "" {
						p.Report(fn, e.Pos, fmt.Sprintf("returns with \"%s\" held (the function is annotated to release it)", h.Key))
						continue
					}
					p.Report(fn, e.Pos, fmt.Sprintf("returns with \"%s\" held (taken by %s() at line %d)", h.Key, h.Name, h.Pos.Line),
						dataflow.Note{Pos: h.Pos, Text: fmt.Sprintf("%s() takes \"%s\" here", h.Name, h.Key)})
				}
				return
			}
			eff, ok := dataflow.Effect(e)
			if !ok || eff.Lock == kapi.NoLockOp {
				return
			}
			key := dataflow.LockKey(e.API, eff)
			h, held := before.Lock(key)
			switch eff.Lock {
			case kapi.Release:
				if !held && !dropped[key] {
					p.Report(fn, e.Pos, fmt.Sprintf("%s() releases \"%s\", which this function does not hold", e.API.Name, key))
				}
			case kapi.Acquire:
				// Read sides nest legitimately (rcu_read_lock, read_lock).
				if held && h.Must && eff.LockKind != kapi.ReadSideR && !strings.HasPrefix(e.API.Name, "read_") {
					msg := fmt.Sprintf("%s() takes \"%s\", which is already held", e.API.Name, key)
					if h.Name != "" {
						msg += fmt.Sprintf(" (line %d)", h.Pos.Line)
					}
					p.Report(fn, e.Pos, msg, dataflow.Note{Pos: h.Pos, Text: fmt.Sprintf("\"%s\" is taken here", key)})
				}
			}
		})
	}
}

// droppedAndRetaken finds the locks a function releases without having
// taken them and later takes again: it drops its caller's lock around a
// sleep or a call (unlock; schedule(); lock), which sparse expresses with
// __must_hold. Neither the release nor the return holding it is a finding.
func droppedAndRetaken(fr *dataflow.Func) map[string]bool {
	released := map[string]bool{}
	out := map[string]bool{}
	fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
		eff, ok := dataflow.Effect(e)
		if !ok {
			return
		}
		key := ""
		if eff.Lock != kapi.NoLockOp {
			key = dataflow.LockKey(e.API, eff)
		}
		switch eff.Lock {
		case kapi.Release:
			if h, held := before.Lock(key); !held || !h.Must {
				released[key] = true
			}
		case kapi.Acquire, kapi.TryAcquire, kapi.AcquireOnZero:
			if released[key] {
				out[key] = true
			}
		}
	})
	return out
}

// outParams finds locks whose pointer variable a call fills in
// (pte_offset_map_lock(mm, pmd, addr, &ptl)): the call took the lock, in
// code the analysis does not see, so releasing it is not a finding.
func outParams(fr *dataflow.Func) map[string]bool {
	out := map[string]bool{}
	fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if e.Kind != cfg.Call || e.API == nil {
			return
		}
		if _, known := dataflow.Effect(e); known {
			return
		}
		for _, a := range e.API.Args {
			if v, ok := strings.CutPrefix(strings.TrimSpace(a), "&"); ok && isIdent(v) {
				out[v] = true
			}
		}
	})
	return out
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}
