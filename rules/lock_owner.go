package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
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
rcu_read_lock(). Flags

  - inconsistent returns: a return that holds a lock which other returns of the
    function do not hold, when the values returned do not tell them apart (an
    error path that forgot to unlock: spin_lock(); err = f(); if (err) goto out;
    spin_unlock(); out: return err;);
  - a lock released twice: released on every path reaching a release that
    already released it, or on one of the ways into the release while the
    others hold it (an error path that unlocks, then jumps to the common
    unlock);
  - a lock taken again while held on every path.

A function that returns holding a lock on every path is a lock helper, and one
that releases a lock it did not take an unlock helper: their calls apply what
they do to the caller, and the caller is checked. Returns told apart by their
value are a conditional helper, as the kernel writes them: a trylock (nonzero:
held, 0: the lock was not taken), an interruptible lock (0: held, an errno: not),
a lookup that returns the object locked (a valid pointer: held, NULL or
ERR_PTR: not). Their callers, and the trylocks and interruptible locks of kapi,
hold the lock on the branch that tests the value, also through a variable
(ret = mutex_lock_interruptible(&m); if (ret) return ret;). So does a callee
that releases its caller's lock on the returns its value tells apart
(tcp_add_backlog() drops the socket's lock when it returns true): the caller
holds it on the branch of the other values. A helper is
correct by design only if its callers release the lock: where the program
shows every caller of one, and none releases any lock, nor returns it to
callers that would, its returns holding the lock are flagged
(an unlock deleted before a "return 0;" that the value alone makes look
like a helper's), but for those that took the lock as their last act:
no unlock was forgotten there, and a lock kept for good is the callers'
choice (set_memory_enc_stop_conversion()). Returns with no value to tell
them apart are a helper's by design too when every caller the program
shows releases the lock where it does not hold it itself, or returns the
helper's value to callers that do (double_rq_lock() takes rq2's lock only
when rq2 is not rq1, and its callers' double_rq_unlock() tests the same),
naming a lock of a local's object through the parameter's member the
helper stores the local into (ctx->bdev = bdev); and so are those of a
framework's callback whose locks the framework's next callback releases
(seq_file's .start and .next, released by .stop), and of a helper each
caller of which is such a callback or releases the lock. A helper that takes a lock on some paths only, as its last act, and
returns nothing, or only the interrupt state its _irqsave lock saved
(_snd_pcm_stream_lock_irqsave()), or a value it marked as holding the
lock just before taking it (fdget_pos()), is a conditional lock helper.
A callee that releases its caller's lock where a parameter has a value
of one kind (stop_sync_thread(mddev, false)) releases it for a caller
that passes a constant of that kind. Sparse's
annotations on the function's definition are honoured: __acquires(x) may
return holding x, __releases(x) and __must_hold(x) hold x at entry; an
__acquires() whose expression starts from a name the function does not
have is a label for the lock of its last member.`,
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

// reportKept reports the returns of a lock helper whose lock no caller
// releases (dataflow.Entry.LocksKept): the helper's design asks its
// callers to, and none does. A return whose lock the function took as
// its last act is not one: nothing ran under the lock for an unlock to
// have followed, and the lock is its callers' to keep or release
// (arch/x86/mm/pat/set_memory.c set_memory_enc_stop_conversion() keeps
// mem_enc_lock for good, as its comment says).
func reportKept(p *Pass, fr *dataflow.Func, held []dataflow.Exit, key, which string) {
	fn := fr.Graph.Func
	seen := map[cparse.Pos]bool{}
	for _, x := range held {
		h, _ := x.State.Lock(key)
		if seen[x.Event.Pos] || h.Name == "" || takenLast(fr, h, key) {
			continue
		}
		seen[x.Event.Pos] = true
		p.Report(fn, x.Event.Pos, fmt.Sprintf("returns with \"%s\" held (taken by %s() at line %d) %s, and no caller of %s() releases it",
			h.Key, h.Name, h.Pos.Line, which, fn.Name),
			dataflow.Note{Pos: h.Pos, Text: fmt.Sprintf("%s() takes \"%s\" here", h.Name, h.Key)})
	}
}

// reportHidden reports the returns that hold a lock of an object only a
// cursor of the function points to: its caller cannot know which object
// to release, whatever the value returned.
func reportHidden(p *Pass, fn *cparse.Func, ls dataflow.LockShape) {
	seen := map[cparse.Pos]bool{}
	for _, x := range ls.Held {
		h, _ := x.State.Lock(ls.Lock.Key)
		if seen[x.Event.Pos] || h.Name == "" {
			continue
		}
		seen[x.Event.Pos] = true
		why := fmt.Sprintf("no caller can release it: %s() neither returns nor stores \"%s\"", fn.Name, ls.Hidden)
		if ls.HiddenFlags {
			why = fmt.Sprintf("no caller can restore the interrupt state it saved in \"%s\", which %s() neither returns nor stores", ls.Hidden, fn.Name)
		}
		p.Report(fn, x.Event.Pos, fmt.Sprintf("returns with \"%s\" held (taken by %s() at line %d), and %s", h.Key, h.Name, h.Pos.Line, why),
			dataflow.Note{Pos: h.Pos, Text: fmt.Sprintf("%s() takes \"%s\" here", h.Name, h.Key)})
	}
}

func runLockOwner(p *Pass) {
	for _, fr := range p.Unit.Funcs {
		fn := fr.Graph.Func
		dropped := droppedAndRetaken(fr)
		for k := range outParams(fr) {
			dropped[k] = true
		}
		takes := taken(fr)
		releases := released(fr)
		nonOwner := takenForAnotherTask(fr)
		kept := p.locksKept(fn)
		// A framework's callback whose locks its next callback releases
		// (where it returned 0, for some).
		handsOver, onZero := p.handsOver(fn)
		handedOver := func(held []dataflow.Exit) bool {
			return handsOver && (!onZero || !slices.ContainsFunc(held, func(x dataflow.Exit) bool { return x.Value != dataflow.Zero }))
		}
		exempt := func(key string) bool {
			return slices.Contains(fn.Acquires, key) || slices.Contains(fn.MustHold, key) || dropped[key] || acquiresByLabel(fn, key) || nonOwner[key]
		}
		// Inconsistent returns: held at some exits, not at others, with
		// no value to tell them apart.
		for _, ls := range fr.LockShapes(fn) {
			if exempt(ls.Lock.Key) {
				continue
			}
			if ls.Hidden != "" {
				reportHidden(p, fn, ls)
				continue
			}
			if len(ls.Unheld) == 0 {
				if kept {
					reportKept(p, fr, ls.Held, ls.Lock.Key, "on every path")
				}
				continue
			}
			if !ls.May && !releases[ls.Lock.Key] && conditionalLock(fr, ls) {
				// Taken on some paths and released on none: the paths
				// without it never took it. A conditional lock helper
				// (pipe_lock(): if (pipe->files) mutex_lock(...)), whose
				// unlock helper tests the same condition.
				if kept {
					reportKept(p, fr, ls.Held, ls.Lock.Key, "on the paths that take it")
				}
				continue
			}
			if p.callersRelease(fn, fr.NamedForCallers(ls.Lock.Key)) || handedOver(ls.Held) {
				// A lock helper whose value does not say whether it
				// holds the lock, and whose callers release it anyway.
				continue
			}
			leaks := dataflow.Leaks(fn, ls)
			if ls.May {
				// Held on some paths to another exit (taken and released
				// under a test of a field): only an errno returned
				// holding it is sure to be an error path that forgot to
				// unlock (drivers/acpi/cppc_acpi.c cpc_write()).
				leaks = slices.DeleteFunc(slices.Clone(ls.Held), func(x dataflow.Exit) bool {
					return x.Value == 0 || x.Value&^(dataflow.Neg|dataflow.ErrPtr) != 0
				})
			} else if _, ok := dataflow.Separable(fn, ls); ok || dataflow.SeparableByParam(fn, ls) {
				if kept {
					reportKept(p, fr, ls.Held, ls.Lock.Key, "on the returns its value tells apart")
				}
				continue
			} else if fr.OneOfLocks(ls) {
				// A helper that returns holding one lock or another.
				if kept {
					reportKept(p, fr, ls.Held, ls.Lock.Key, "on the returns that hold it and not another")
				}
				continue
			}
			if handsOver && onZero {
				// The framework's other callback releases what a return
				// of 0 holds: the returns of another value leak.
				leaks = slices.DeleteFunc(slices.Clone(leaks), func(x dataflow.Exit) bool { return x.Value == dataflow.Zero })
			}
			seen := map[cparse.Pos]bool{}
			for _, x := range leaks {
				h, _ := x.State.Lock(ls.Lock.Key)
				if seen[x.Event.Pos] || h.Name == "" {
					continue
				}
				seen[x.Event.Pos] = true
				other := ls.Unheld[0].Event.Pos
				where := fmt.Sprintf("the return at line %d does not hold it", other.Line)
				if other == x.Event.Pos {
					where = "other paths to this return do not hold it"
				}
				p.Report(fn, x.Event.Pos, fmt.Sprintf("returns with \"%s\" held (taken by %s() at line %d); %s",
					h.Key, h.Name, h.Pos.Line, where),
					dataflow.Note{Pos: h.Pos, Text: fmt.Sprintf("%s() takes \"%s\" here", h.Name, h.Key)},
					dataflow.Note{Pos: other, Text: fmt.Sprintf("a return without \"%s\" held", h.Key)})
			}
		}
		retaken := takenWhileHeld(fr)
		released := releasedOnSomeReturn(fr, fn.Releases)
		lost := fr.LostToUnseen()
		p.Walk(fr, func(b *cfg.Block, e *cfg.Event, before *dataflow.State) {
			if e.Kind == cfg.Return {
				// A lock the function is annotated to release, still held.
				// A bare name no way out releases may be a context of
				// sparse's that is no lock (debugfs_leave_cancellation(),
				// __releases(cancellation)); a member names a lock.
				for _, h := range before.Locks {
					if h.Must && h.Name == "" && !exempt(h.Key) && slices.Contains(fn.Releases, h.Key) &&
						(released[h.Key] || cparse.ParsePath(h.Key).Members()) && namesVisible(fn, h.Key) {
						p.Report(fn, e.Pos, fmt.Sprintf("returns with \"%s\" held (the function is annotated to release it)", h.Key))
					}
				}
				return
			}
			eff, ok := dataflow.Effect(e)
			if !ok || eff.Lock == kapi.NoLockOp {
				return
			}
			key := fr.Key(e)
			h, held := before.Lock(key)
			switch eff.Lock {
			case kapi.Release:
				// Releasing a lock the function never takes is an unlock
				// helper's job; releasing one it already released, or one
				// it takes on other paths but not on this one, is not.
				switch {
				case held && !h.Must && h.Name != "" && !retaken[key] && releasedOnAWayIn(fr, b, e, key):
					// Held on some ways here, released already on
					// another: an error path that jumps to the unlock
					// after unlocking.
					p.Report(fn, e.Pos, fmt.Sprintf("%s() releases \"%s\", which is not held on one way here: this function released it already", e.API.Name, key))
				case held || dropped[key]:
				case lost[key]:
					// A call passed its object may have released it
					// (or not): a second release is no certainty.
				case before.Released.Has(key):
					p.Report(fn, e.Pos, fmt.Sprintf("%s() releases \"%s\", which this function already released", e.API.Name, key))
				case takes[key] && !handsOver:
					// A seq_file .next releases what the .start or .next
					// before it took.
					p.Report(fn, e.Pos, fmt.Sprintf("%s() releases \"%s\", which this function does not hold here", e.API.Name, key))
				}
			case kapi.Acquire:
				// Read sides nest legitimately (rcu_read_lock, read_lock).
				// A lock held at entry by the function's own __releases()
				// that it also annotates __acquires() is one it takes
				// and releases itself (forcedeth's nv_get_stats64()).
				annotatedPair := h.Name == "" && slices.Contains(fn.Acquires, key)
				if held && h.Must && !annotatedPair && eff.LockKind != kapi.ReadSideR && !strings.HasPrefix(e.API.Name, "read_") {
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

// releasedOnAWayIn reports whether block b, entered along one of its
// incoming edges, reaches release e of key with the lock released on
// that path already. Only the edges into b are told apart: a lock
// released under a flag and released again under the flag's negation
// meets in one state before the test, and is not reported.
func releasedOnAWayIn(fr *dataflow.Func, b *cfg.Block, e *cfg.Event, key string) bool {
	k := slices.Index(b.Events, e)
	if k < 0 || len(b.Preds) < 2 {
		return false
	}
	for _, s := range fr.Incoming(b) {
		fr.Replay(&s, b.Events[:k])
		if _, held := s.Lock(key); !held && s.Released.Has(key) {
			return true
		}
	}
	return false
}

// takenWhileHeld are the locks a function takes again while holding
// them (reported there); the releases that follow are its consequence.
func takenWhileHeld(fr *dataflow.Func) map[string]bool {
	out := map[string]bool{}
	fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
		if eff, ok := dataflow.Effect(e); ok && eff.Lock == kapi.Acquire {
			if h, held := before.Lock(fr.Key(e)); held && h.Must {
				out[fr.Key(e)] = true
			}
		}
	})
	return out
}

// takenForAnotherTask are the locks the function takes with a primitive
// whose lock another task releases (kapi.Effect.NonOwner), written as
// the call or as the macro the lock's primitive was expanded from
// (down_read_non_owner(sem) is down_read(sem) without lockdep).
func takenForAnotherTask(fr *dataflow.Func) map[string]bool {
	out := map[string]bool{}
	nonOwner := func(name string) bool {
		eff, ok := kapi.Lookup(name)
		return ok && eff.NonOwner && eff.Lock == kapi.Acquire
	}
	fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if e.API == nil || !nonOwner(e.API.Name) && !slices.ContainsFunc(e.API.Via, nonOwner) {
			return
		}
		if eff, ok := dataflow.Effect(e); ok && eff.Lock == kapi.Acquire {
			out[fr.Key(e)] = true
		}
	})
	return out
}

// taken is the set of locks a function takes itself, on some path.
func taken(fr *dataflow.Func) map[string]bool {
	out := map[string]bool{}
	fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if eff, ok := dataflow.Effect(e); ok && (eff.Lock == kapi.Acquire || eff.Lock == kapi.TryAcquire || eff.Lock == kapi.AcquireOnZero) {
			out[fr.Key(e)] = true
		}
	})
	return out
}

// conditionalLock reports whether a lock shape is a conditional lock
// helper's: the function returns nothing, or only the interrupt state an
// _irqsave acquire saved, for its caller's unlock helper to restore
// (sound/core/pcm_native.c _snd_pcm_stream_lock_irqsave()), so no value
// of it could tell its caller the lock is held (a test of the same
// condition does), or a variable the function marked, just before it
// took the lock, as holding it (fs/file.c fdget_pos(): f.word |=
// FDPUT_POS_UNLOCK; for fdput_pos() to test); and every exit that holds
// the lock took it with a plain acquire, or a helper whose summary takes
// it on every path, not a trylock's or a killable lock's, whose result
// the caller must test, as the last thing it did (lastAct).
func conditionalLock(fr *dataflow.Func, ls dataflow.LockShape) bool {
	flags := savedFlagsVars(fr)
	for _, xs := range [][]dataflow.Exit{ls.Held, ls.Unheld} {
		for _, x := range xs {
			if x.Event.Stmt != nil && x.Event.Stmt.X != nil && !flags[cparse.ExprText(x.Event.Stmt.X)] && !markedHeld(fr, ls, x.Var) {
				return false
			}
		}
	}
	for _, x := range ls.Held {
		h, _ := x.State.Lock(ls.Lock.Key)
		if !plainAcquire(fr, h, ls.Lock.Key) || !lastAct(fr, h.Pos, h.Name) {
			return false
		}
	}
	return true
}

// plainAcquire reports whether h was taken by a primitive's plain
// acquire, or by a call whose summary takes key on every path
// (inode_lock(), i_mmap_lock_write()).
func plainAcquire(fr *dataflow.Func, h dataflow.Held, key string) bool {
	if !h.Summary {
		e, ok := kapi.Lookup(h.Name)
		return ok && e.Lock == kapi.Acquire
	}
	b, k := fr.CallAt(h.Pos, h.Name)
	if b == nil {
		return false
	}
	acquires, _ := fr.LockOps(b.Events[k])
	return slices.Contains(acquires, key)
}

// takenLast reports whether the lock h was taken as the function's last
// act (lastAct), by a plain acquire (plainAcquire) or a trylock.
func takenLast(fr *dataflow.Func, h dataflow.Held, key string) bool {
	e, ok := kapi.Lookup(h.Name)
	try := ok && !h.Summary && (e.Lock == kapi.TryAcquire || e.Lock == kapi.AcquireOnZero)
	return (try || plainAcquire(fr, h, key)) && lastAct(fr, h.Pos, h.Name)
}

// markedHeld reports whether v is a variable of the function that, on
// every way that takes the lock of ls, the block taking it writes (v,
// or a member of it) before it takes the lock: a mark its caller finds
// in the value returned.
func markedHeld(fr *dataflow.Func, ls dataflow.LockShape, v string) bool {
	if v == "" || v == cfg.ReturnValue || len(ls.Held) == 0 {
		return false
	}
	for _, x := range ls.Held {
		h, _ := x.State.Lock(ls.Lock.Key)
		b, k := fr.CallAt(h.Pos, h.Name)
		if b == nil || !slices.ContainsFunc(b.Events[:k], func(e *cfg.Event) bool {
			return e.Kind == cfg.Assign && cparse.ParsePath(e.DefKey).Base == v
		}) {
			return false
		}
	}
	return true
}

// savedFlagsVars are the variables the function's _irqsave acquires save
// the interrupt state in (spin_lock_irqsave(&l, flags): flags).
func savedFlagsVars(fr *dataflow.Func) map[string]bool {
	out := map[string]bool{}
	fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if eff, ok := dataflow.Effect(e); ok && eff.IRQ == kapi.IRQSave && eff.Lock == kapi.Acquire && len(e.API.Args) > 1 {
			if a := strings.TrimSpace(e.API.Args[1]); cparse.IsIdent(a) {
				out[a] = true
			}
		}
	})
	return out
}

// lastAct reports whether taking a lock is the last thing the function
// does on its ways out from the acquire by name at pos: nothing but other locks
// taken or released follows it. A helper hands the lock over as soon as
// it has it; code that goes on working under the lock and returns
// without releasing it forgot to (drivers/usb/mon/mon_main.c
// mon_bus_init() with the unlock after list_add_tail() deleted).
func lastAct(fr *dataflow.Func, pos cparse.Pos, name string) bool {
	start, k := fr.CallAt(pos, name)
	if start == nil {
		return false
	}
	seen := map[*cfg.Block]bool{}
	var walk func(events []*cfg.Event, b *cfg.Block) bool
	walk = func(events []*cfg.Event, b *cfg.Block) bool {
		for _, e := range events {
			switch e.Kind {
			case cfg.Return:
				return true
			case cfg.Call:
				if eff, ok := dataflow.Effect(e); !ok || eff.Lock == kapi.NoLockOp {
					return false
				}
			case cfg.Assign, cfg.Inline:
				return false
			}
		}
		for _, s := range b.Succs {
			if seen[s.To] {
				continue
			}
			seen[s.To] = true
			if !walk(s.To.Events, s.To) {
				return false
			}
		}
		return true
	}
	return walk(start.Events[k+1:], start)
}

// released is the set of locks a function releases itself or through a
// summarised helper, on some path.
func released(fr *dataflow.Func) map[string]bool {
	out := map[string]bool{}
	fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if e.Kind != cfg.Call {
			return
		}
		_, rel := fr.LockOps(e)
		for _, k := range rel {
			out[k] = true
		}
	})
	return out
}

// droppedAndRetaken finds the locks a function releases without having
// taken them and later takes again: it drops its caller's lock around a
// sleep or a call (unlock; schedule(); lock), which sparse expresses with
// __must_hold. Neither the release nor the return holding it is a finding.
func droppedAndRetaken(fr *dataflow.Func) map[string]bool {
	released := map[string]bool{}
	out := map[string]bool{}
	fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
		if e.Kind != cfg.Call {
			return
		}
		// Through helpers too: raw_spin_rq_unlock(rq); ...;
		// raw_spin_rq_lock(rq) (push_rt_task(), kernel/sched/rt.c).
		acquires, releases := fr.LockOps(e)
		for _, key := range releases {
			if h, held := before.Lock(key); !held || !h.Must {
				released[key] = true
			}
		}
		for _, key := range acquires {
			if released[key] {
				out[key] = true
			}
		}
	})
	return out
}

// outParams finds locks whose pointer variable a call fills in
// (pte_offset_map_lock(mm, pmd, addr, &ptl)): the call took the lock, in
// code the analysis does not see, so releasing it is not a finding. A
// pointer member filled in so counts too when the function takes or
// releases the lock through the pointer (mm/page_vma_mapped.c map_pte():
// pte_offset_map_lock(..., &pvmw->ptl), then spin_lock(pvmw->ptl) on its
// other way).
func outParams(fr *dataflow.Func) map[string]bool {
	out := map[string]bool{}
	members := map[string]bool{}
	throughPointer := map[string]bool{}
	fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if e.Kind != cfg.Call || e.API == nil {
			return
		}
		if eff, known := dataflow.Effect(e); known {
			if n := max(eff.LockArg, 1); eff.Lock != kapi.NoLockOp && n <= len(e.API.Args) && !strings.HasPrefix(strings.TrimSpace(e.API.Args[n-1]), "&") {
				throughPointer[fr.Key(e)] = true
			}
			return
		}
		for _, a := range e.API.Args {
			v, ok := strings.CutPrefix(strings.TrimSpace(a), "&")
			switch {
			case !ok:
			case cparse.IsIdent(v):
				out[v] = true
			case cparse.ParsePath(v).Members():
				members[cparse.LockKey(a)] = true
			}
		}
	})
	for k := range members {
		if throughPointer[k] {
			out[k] = true
		}
	}
	return out
}

// namesVisible reports whether an annotation's lock is one the function
// can name: a lock of a parameter's object, or a global lock. Sparse's
// context annotations are tokens: __releases(rq->lock) on a function
// without a parameter rq (schedule_tail()) names the runqueue its callee
// finds, which no key of the function reaches.
func namesVisible(fn *cparse.Func, key string) bool {
	p := cparse.ParsePath(key)
	if p.Variable() {
		return true
	}
	return fn.HasParam(p.Base)
}

// acquiresByLabel reports whether an __acquires() annotation of fn names
// key by its last member only: the annotation starts from a name fn has
// neither as a parameter nor as a local (block/blk-cgroup.c
// blkg_conf_prep() __acquires(&bdev->bd_queue->queue_lock), with no bdev
// in it, for ctx->bdev->bd_disk->queue->queue_lock). Sparse's context
// expressions are labels it never resolves; what the author means is the
// lock of that member the function takes.
func acquiresByLabel(fn *cparse.Func, key string) bool {
	last := func(p cparse.Path) string {
		if len(p.Steps) == 0 || p.Steps[len(p.Steps)-1].Op == "[]" {
			return ""
		}
		return p.Steps[len(p.Steps)-1].Name
	}
	member := last(cparse.ParsePath(key))
	if member == "" {
		return false
	}
	for _, a := range fn.Acquires {
		ap := cparse.ParsePath(a)
		if last(ap) == member && ap.Base != "" && !fn.HasParam(ap.Base) && !fn.Locals()[ap.Base] {
			return true
		}
	}
	return false
}

// releasedOnSomeReturn are the keys of locks the function is annotated to
// release that some return of it no longer holds.
func releasedOnSomeReturn(fr *dataflow.Func, keys []string) map[string]bool {
	out := map[string]bool{}
	fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *dataflow.State) {
		if e.Kind != cfg.Return {
			return
		}
		for _, k := range keys {
			if _, held := before.Lock(k); !held {
				out[k] = true
			}
		}
	})
	return out
}
