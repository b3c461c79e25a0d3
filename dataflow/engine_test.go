package dataflow

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// graph is a synthetic control-flow graph: successors by node.
type graph [][]int

func (g graph) Len() int          { return len(g) }
func (g graph) Succs(n int) []int { return g[n] }

// interval is a toy lattice: the range of a counter, bottom when unset.
type interval struct {
	set    bool
	lo, hi int
}

type intervals struct{}

func (intervals) Bottom() interval { return interval{} }
func (intervals) Join(a, b interval) interval {
	switch {
	case !a.set:
		return b
	case !b.set:
		return a
	}
	return interval{true, min(a.lo, b.lo), max(a.hi, b.hi)}
}
func (intervals) Equal(a, b interval) bool { return a == b }

// add is a transfer that adds d at node n, capped at ±cap.
func add(deltas map[int]int, cap int) func(int, interval) interval {
	return func(n int, in interval) interval {
		d := deltas[n]
		return interval{in.set, max(-cap, min(cap, in.lo+d)), max(-cap, min(cap, in.hi+d))}
	}
}

func TestForwardDiamond(t *testing.T) {
	// 0 -> 1 (+1) -> 3; 0 -> 2 (0) -> 3: at 3 the counter is 0 or 1.
	g := graph{{1, 2}, {3}, {3}, {}}
	in := Forward[interval](g, intervals{}, interval{set: true}, add(map[int]int{1: 1}, 8), nil)
	if in[3] != (interval{true, 0, 1}) {
		t.Errorf("join point: %+v", in[3])
	}
}

func TestForwardLoopSettles(t *testing.T) {
	// 0 -> 1; 1 (+1) -> 1 | 2: the loop climbs to the cap and stops.
	g := graph{{1}, {1, 2}, {}}
	in := Forward[interval](g, intervals{}, interval{set: true}, add(map[int]int{1: 1}, 5), nil)
	if in[2] != (interval{true, 1, 5}) {
		t.Errorf("after the loop: %+v", in[2])
	}
}

func TestForwardEdgeRefines(t *testing.T) {
	// The edge 0 -> 1 (succ 0) adds 10; 0 -> 2 does not; node 3 joins them.
	g := graph{{1, 2}, {3}, {3}, {}}
	edge := func(from, succ int, out interval) interval {
		if from == 0 && succ == 0 {
			out.lo, out.hi = out.lo+10, out.hi+10
		}
		return out
	}
	in := Forward[interval](g, intervals{}, interval{set: true}, add(nil, 100), edge)
	if in[1] != (interval{true, 10, 10}) || in[2] != (interval{true, 0, 0}) || in[3] != (interval{true, 0, 10}) {
		t.Errorf("edges: %+v %+v %+v", in[1], in[2], in[3])
	}
}

func TestForwardUnreachable(t *testing.T) {
	g := graph{{1}, {}, {1}} // node 2 has no path from the entry
	in := Forward[interval](g, intervals{}, interval{set: true}, add(nil, 1), nil)
	if in[2].set || !in[1].set {
		t.Errorf("unreachable node reached, or reachable not: %+v", in)
	}
}

// laws checks the semilattice laws on samples; a component without a
// bottom of its own (a Range: an unreached point is State's) skips the
// identity law.
func laws[S any](t *testing.T, name string, lat Lattice[S], samples []S, hasBottom bool) {
	t.Helper()
	for i, a := range samples {
		if !lat.Equal(lat.Join(a, a), a) {
			t.Errorf("%s: join not idempotent on sample %d", name, i)
		}
		if hasBottom && (!lat.Equal(lat.Join(a, lat.Bottom()), a) || !lat.Equal(lat.Join(lat.Bottom(), a), a)) {
			t.Errorf("%s: bottom is not the identity on sample %d", name, i)
		}
		for j, b := range samples {
			ab, ba := lat.Join(a, b), lat.Join(b, a)
			if !lat.Equal(ab, ba) {
				t.Errorf("%s: join not commutative on samples %d, %d", name, i, j)
			}
			if !lat.Equal(lat.Join(ab, a), ab) {
				t.Errorf("%s: join(a, b) does not cover a on samples %d, %d", name, i, j)
			}
			for k, c := range samples {
				if !lat.Equal(lat.Join(ab, c), lat.Join(a, lat.Join(b, c))) {
					t.Errorf("%s: join not associative on samples %d, %d, %d", name, i, j, k)
				}
			}
		}
	}
}

// component adapts a component type (whose zero value is bottom) to
// Lattice for the law checks.
type component[S any] struct {
	join  func(a, b S) S
	equal func(a, b S) bool
}

func (c component[S]) Bottom() S         { var z S; return z }
func (c component[S]) Join(a, b S) S     { return c.join(a, b) }
func (c component[S]) Equal(a, b S) bool { return c.equal(a, b) }

func TestComponentLaws(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	pos := func() cparse.Pos { return cparse.Pos{File: "f.c", Line: 1 + rnd.Intn(4), Col: 1} }
	keys := []string{"a->lock", "b", "q.lock"}
	var locks []LockSet
	var saves []SavedSet
	var pends []PendingSet
	var vals []ValSet
	var irqs []IRQState
	for range 8 {
		var ls LockSet
		var ss SavedSet
		var vs ValSet
		for _, k := range keys {
			if rnd.Intn(2) == 0 {
				ls = ls.add(Held{Key: k, Kind: kapi.Spin, Must: rnd.Intn(2) == 0})
			}
			if rnd.Intn(2) == 0 {
				ss = ss.save(k, IRQState(1+rnd.Intn(3)))
			}
			if rnd.Intn(2) == 0 {
				vs = append(vs, Val{Key: k, Kind: kapi.CPUID, Stale: rnd.Intn(2) == 0})
			}
		}
		var ps PendingSet
		for range rnd.Intn(3) {
			p := Pending{Note: Note{Pos: pos()}, Must: rnd.Intn(2) == 0}
			if _, dup := findPending(ps, p.Pos); !dup {
				ps = append(ps, p)
			}
		}
		slices.SortFunc(ps, func(a, b Pending) int {
			if a.Pos.Before(b.Pos) {
				return -1
			}
			return 1
		})
		locks, saves, pends, vals = append(locks, ls), append(saves, ss), append(pends, ps), append(vals, vs)
		irqs = append(irqs, IRQState(rnd.Intn(4)))
	}
	// A Must lock absent on the other side may not become Must: the
	// law checks use sets without Must, where union is exact; Must's
	// own rule is checked below.
	for i := range locks {
		for k := range locks[i] {
			locks[i][k].Must = false
		}
	}
	laws[LockSet](t, "locks", component[LockSet]{LockSet.Join, LockSet.Equal}, locks, true)
	laws[SavedSet](t, "saved flags", component[SavedSet]{SavedSet.Join, SavedSet.Equal}, saves, true)
	laws[ValSet](t, "values", component[ValSet]{ValSet.Join, ValSet.Equal}, vals, true)
	laws[PendingSet](t, "pending reschedule checks", component[PendingSet]{PendingSet.Join, PendingSet.Equal}, pends, true)
	laws[IRQState](t, "irqs", component[IRQState]{IRQState.Join, func(a, b IRQState) bool { return a == b }}, irqs, true)
	laws[Range](t, "ranges", component[Range]{Range.Join, func(a, b Range) bool { return a == b }},
		[]Range{{0, 0}, {0, 1}, {-1, 2}, {3, 3}}, false)

	must := LockSet{{Key: "a", Must: true}}
	if j := must.Join(nil); len(j) != 1 || j[0].Must {
		t.Errorf("a lock held on one side only is held on some paths: %+v", j)
	}
	if j := must.Join(must); !j[0].Must {
		t.Errorf("a lock held on both sides is held on every path: %+v", j)
	}
	// A pending call passed on one side only keeps its state.
	p := PendingSet{{Note: Note{Pos: pos()}, Must: true}}
	if j := p.Join(nil); len(j) != 1 || !j[0].Must {
		t.Errorf("pending on one side: %+v", j)
	}
}

// The whole State lattice, joined through the solver on a diamond: the
// lock taken on one branch is held on some paths at the join.
func TestStateLatticeOnDiamond(t *testing.T) {
	g := graph{{1, 2}, {3}, {3}, {}}
	node := func(n int, in State) State {
		s := in.clone()
		if n == 1 {
			s.addLock(Held{Key: "l", Kind: kapi.Spin, Must: true})
			s.Preempt = s.Preempt.add(1)
		}
		return s
	}
	in := Forward[State](g, stateLattice{}, State{Reached: true, IRQ: MayBeOn}, node, nil)
	h, ok := in[3].Locks.Lock("l")
	if !ok || h.Must || in[3].Preempt != (Range{0, 1}) || in[3].Protected() {
		t.Errorf("at the join: %+v", in[3])
	}
}

// A lock pending on one side of a join stays pending when the other side
// holds a value that rules it out (out: return err; reached from a goto
// with err = -EINVAL), and is dropped when it does not; the join is
// commutative.
func TestJoinKeepsCorrelatedConds(t *testing.T) {
	cond := CondLock{Var: "err", When: Zero, Lock: Held{Key: "cd.clk->rwsem", Kind: kapi.Sleeping, Must: true}}
	pending := State{Reached: true, Conds: CondSet{cond}, Values: ValueMap{{"err", Zero | Neg}}}
	errPath := State{Reached: true, Values: ValueMap{{"err", Neg}}}
	zeroPath := State{Reached: true, Values: ValueMap{{"err", Zero}}}
	unknown := State{Reached: true}
	lat := stateLattice{}
	for _, c := range []struct {
		name  string
		other State
		keep  bool
	}{{"err < 0", errPath, true}, {"err == 0", zeroPath, false}, {"err unknown", unknown, false}} {
		ab, ba := lat.Join(pending, c.other), lat.Join(c.other, pending)
		if !lat.Equal(ab, ba) || !ab.Conds.Equal(ba.Conds) {
			t.Errorf("%s: join not commutative: %+v / %+v", c.name, ab.Conds, ba.Conds)
		}
		if got := len(ab.Conds) == 1; got != c.keep {
			t.Errorf("%s: pending lock kept %v, want %v", c.name, got, c.keep)
		}
	}
}

// A preempt count pending on a variable stays pending through a join
// with a side whose count is the one its value stands for (pcp = NULL at
// a loop's head, joined with pcp = pcp_spin_trylock() from the back
// edge), and is dropped otherwise; a branch on the variable then decides
// the count.
func TestJoinKeepsPreemptCond(t *testing.T) {
	cond := CondLock{Var: "pcp", When: NonZero, Preempt: 1}
	pending := State{Reached: true, Preempt: Range{0, 1}, Conds: CondSet{cond}, Values: ValueMap{{"pcp", Any}}}
	lat := stateLattice{}
	for _, c := range []struct {
		name  string
		other State
		keep  bool
	}{
		{"NULL, enabled", State{Reached: true, Values: ValueMap{{"pcp", Zero}}}, true},
		{"set, disabled", State{Reached: true, Preempt: Range{1, 1}, Values: ValueMap{{"pcp", NonZero}}}, true},
		{"NULL, disabled", State{Reached: true, Preempt: Range{1, 1}, Values: ValueMap{{"pcp", Zero}}}, false},
		{"set, enabled", State{Reached: true, Values: ValueMap{{"pcp", NonZero}}}, false},
		{"unknown", State{Reached: true}, false},
	} {
		ab, ba := lat.Join(pending, c.other), lat.Join(c.other, pending)
		if !lat.Equal(ab, ba) || !ab.Conds.Equal(ba.Conds) {
			t.Errorf("%s: join not commutative: %+v / %+v", c.name, ab.Conds, ba.Conds)
		}
		if got := len(ab.Conds) == 1; got != c.keep {
			t.Errorf("%s: pending count kept %v, want %v", c.name, got, c.keep)
		}
		if !c.keep {
			continue
		}
		set, null := ab.clone(), ab.clone()
		set.restrict("pcp", NonZero)
		null.restrict("pcp", Zero)
		if set.Preempt != (Range{1, 1}) || null.Preempt != (Range{0, 0}) {
			t.Errorf("%s: after the branch, count %v where set, %v where NULL", c.name, set.Preempt, null.Preempt)
		}
	}
}

// A lock held on one side of a join only, where a variable's kinds tell
// the sides apart, becomes pending on that variable (ctx locked, or ctx
// NULL and unlocked); a branch on it then decides the lock both ways.
// Without such a variable the lock is merely held on some paths.
func TestJoinCorrelatesLockWithValue(t *testing.T) {
	lock := Held{Key: "ctx->lock", Kind: kapi.Spin, Must: true, Name: "raw_spin_lock"}
	locked := State{Reached: true, Locks: LockSet{lock}, Values: ValueMap{{"ctx", NonZero}}}
	null := State{Reached: true, Values: ValueMap{{"ctx", Zero}}}
	unknown := State{Reached: true}
	lat := stateLattice{}
	ab, ba := lat.Join(locked, null), lat.Join(null, locked)
	if !lat.Equal(ab, ba) || len(ab.Conds) != 1 || ab.Conds[0].Var != "ctx" || ab.Conds[0].When != NonZero {
		t.Fatalf("join: %+v / %+v", ab.Conds, ba.Conds)
	}
	if j := lat.Join(locked, unknown); len(j.Conds) != 0 {
		t.Errorf("no variable tells the sides apart, yet pending: %+v", j.Conds)
	}
	yes, no := ab.clone(), ab.clone()
	yes.restrict("ctx", NonZero)
	no.restrict("ctx", Zero)
	if h, ok := yes.Lock("ctx->lock"); !ok || !h.Must {
		t.Errorf("ctx != NULL: lock %+v held %v, want held", h, ok)
	}
	if _, ok := no.Lock("ctx->lock"); ok {
		t.Errorf("ctx == NULL: lock still held")
	}
}

// Unreached states are the bottom whatever they hold: an edge that rules
// its branch out (s.Reached = false) leaves the values it had, and two
// such edges into a loop, each leaving other values, must not requeue it
// for ever. A loop entered only through such edges settles, unreached.
func TestUnreachedIsBottom(t *testing.T) {
	lat := stateLattice{}
	a := State{Values: ValueMap{{"i", Zero}}}
	b := State{Values: ValueMap{{"found", Pos}}}
	if !lat.Equal(a, b) || !lat.Equal(lat.Join(a, b), lat.Bottom()) || lat.Join(a, b).Reached {
		t.Errorf("unreached states told apart: join %+v", lat.Join(a, b))
	}
	// 0 -> 1, 2; 1 -> 3; 2 -> 3; 3 -> 1, 2 (a loop fed by both).
	g := graph{{1, 2}, {3}, {3}, {1, 2}}
	edge := func(from, succ int, out State) State {
		t := out.clone()
		if from == 0 {
			t.Reached = false // both branches ruled out
		}
		t.Values = t.Values.set(fmt.Sprint("b", from), Pos) // and different leftovers
		return t
	}
	in := Forward[State](g, lat, State{Reached: true, IRQ: MayBeOn}, func(_ int, in State) State { return in.clone() }, edge)
	for i := 1; i < len(in); i++ {
		if in[i].Reached {
			t.Errorf("block %d reached", i)
		}
	}
}

// Task and Serving hold at a join only where both sides found the
// context outside an interrupt: a sleep after the join of a tested
// branch and an untested one is a sleep anywhere.
func TestTaskJoinsOnEveryPath(t *testing.T) {
	g := graph{{1, 2}, {3}, {3}, {}}
	for _, both := range []bool{false, true} {
		node := func(n int, in State) State {
			s := in.clone()
			if n == 1 || n == 2 && both {
				s.Task, s.Serving = true, true
			}
			return s
		}
		in := Forward[State](g, stateLattice{}, State{Reached: true, IRQ: MayBeOn}, node, nil)
		if in[3].Task != both || in[3].Serving != both || in[3].SleepsInTaskOnly() != both {
			t.Errorf("tested on both branches %v: Task %v, Serving %v at the join", both, in[3].Task, in[3].Serving)
		}
	}
}
