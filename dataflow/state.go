package dataflow

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// maxDepth caps depth ranges; a loop that nests deeper is still seen to be
// unbalanced, and the lattice stays finite.
const maxDepth = 8

// Range is the lowest and highest value of a counter over the paths
// reaching a point.
type Range struct{ Lo, Hi int8 }

func (r Range) add(d int8) Range {
	r.Lo = clamp(r.Lo + d)
	r.Hi = clamp(r.Hi + d)
	return r
}

func (r Range) join(o Range) Range {
	return Range{min(r.Lo, o.Lo), max(r.Hi, o.Hi)}
}

// Exact reports whether every path has the same value.
func (r Range) Exact() bool { return r.Lo == r.Hi }

func (r Range) String() string {
	if r.Exact() {
		return fmt.Sprint(r.Lo)
	}
	var vals []string
	for v := r.Lo; v <= r.Hi; v++ {
		vals = append(vals, fmt.Sprint(v))
	}
	return strings.Join(vals[:len(vals)-1], ", ") + " or " + vals[len(vals)-1]
}

func clamp(v int8) int8 { return max(0, min(v, maxDepth)) }

// IRQState is what is known of the local interrupt flag.
type IRQState uint8

const (
	MayBeOn  IRQState = 1 << iota // enabled on some path
	MayBeOff                      // disabled on some path
)

// Off reports whether interrupts are disabled on every path.
func (s IRQState) Off() bool { return s == MayBeOff }

// Held is a lock held at a point.
type Held struct {
	Key  string // the lock expression, normalised ("&d->lock" -> "d->lock")
	Kind kapi.LockKind
	Must bool       // held on every path
	Pos  cparse.Pos // where it was taken (the first such place, for traces)
	Name string     // the primitive that took it
}

// saved is the interrupt state stored in a flags variable by
// local_irq_save and relatives.
type saved struct {
	Key string
	IRQ IRQState
}

// Note explains a point of a path, for traces.
type Note struct {
	Pos  cparse.Pos
	Text string
}

// State is the context at a program point.
type State struct {
	Reached bool

	Preempt Range // preempt_disable depth
	BH      Range // local_bh_disable depth
	Migrate Range // migrate_disable depth
	IRQ     IRQState
	Locks   []Held // sorted by Key
	Saved   []saved

	// Atomic is set when the context is known atomic without a visible
	// cause in this function: its entry (every caller disables preemption)
	// or a lockdep assertion. It holds only when true on every path.
	Atomic bool

	// Open explains why preemption may be enabled here: the entry of a
	// preemptible function, or the event that last re-enabled it on some
	// path. Zero when the state is protected.
	Open Note

	// TODO(fpu-section): FPU section state (kernel_fpu_begin/end).
	// TODO(stale-cpu): per-CPU values and the protection they were obtained under.
	// TODO(sleep-in-atomic): RCU read-side depth for rcu_read_lock.
}

// Protected reports whether preemption is disabled on every path: by the
// preempt count, a spinning lock, disabled interrupts or bottom halves,
// disabled migration (the CPU id is then stable), or the entry context.
func (s *State) Protected() bool {
	if s.Atomic || s.Preempt.Lo > 0 || s.BH.Lo > 0 || s.Migrate.Lo > 0 || s.IRQ.Off() {
		return true
	}
	for _, h := range s.Locks {
		if h.Must && (h.Kind == kapi.Spin || h.Kind == kapi.Local) {
			return true
		}
	}
	return false
}

// clone returns a copy that shares nothing mutable with s.
func (s State) clone() State {
	s.Locks = append([]Held(nil), s.Locks...)
	s.Saved = append([]saved(nil), s.Saved...)
	return s
}

// join merges o into s (s is a copy owned by the caller).
func join(s, o State) State {
	if !s.Reached {
		return o.clone()
	}
	if !o.Reached {
		return s
	}
	sProt, oProt := s.Protected(), o.Protected()
	r := State{
		Reached: true,
		Preempt: s.Preempt.join(o.Preempt),
		BH:      s.BH.join(o.BH),
		Migrate: s.Migrate.join(o.Migrate),
		IRQ:     s.IRQ | o.IRQ,
		Atomic:  s.Atomic && o.Atomic,
	}
	switch {
	case !sProt && s.Open.Pos.IsValid():
		r.Open = s.Open
	case !oProt:
		r.Open = o.Open
	}
	// Locks: union; held on every path only if so on both sides.
	i, j := 0, 0
	for i < len(s.Locks) || j < len(o.Locks) {
		switch {
		case j >= len(o.Locks) || i < len(s.Locks) && s.Locks[i].Key < o.Locks[j].Key:
			h := s.Locks[i]
			h.Must = false
			r.Locks = append(r.Locks, h)
			i++
		case i >= len(s.Locks) || o.Locks[j].Key < s.Locks[i].Key:
			h := o.Locks[j]
			h.Must = false
			r.Locks = append(r.Locks, h)
			j++
		default:
			h := s.Locks[i]
			h.Must = h.Must && o.Locks[j].Must
			r.Locks = append(r.Locks, h)
			i++
			j++
		}
	}
	r.Saved = append([]saved(nil), s.Saved...)
	for _, sv := range o.Saved {
		found := false
		for k := range r.Saved {
			if r.Saved[k].Key == sv.Key {
				r.Saved[k].IRQ |= sv.IRQ
				found = true
			}
		}
		if !found {
			r.Saved = append(r.Saved, sv)
		}
	}
	sort.Slice(r.Saved, func(a, b int) bool { return r.Saved[a].Key < r.Saved[b].Key })
	return r
}

// equal reports whether two states are the same for the fixpoint (Open is
// explanation only and does not count).
func equal(a, b State) bool {
	if a.Reached != b.Reached || a.Preempt != b.Preempt || a.BH != b.BH || a.Migrate != b.Migrate ||
		a.IRQ != b.IRQ || a.Atomic != b.Atomic || len(a.Locks) != len(b.Locks) || len(a.Saved) != len(b.Saved) {
		return false
	}
	for i := range a.Locks {
		if a.Locks[i].Key != b.Locks[i].Key || a.Locks[i].Must != b.Locks[i].Must || a.Locks[i].Kind != b.Locks[i].Kind {
			return false
		}
	}
	for i := range a.Saved {
		if a.Saved[i] != b.Saved[i] {
			return false
		}
	}
	return true
}

// Lock returns the held lock with the given key, if any.
func (s *State) Lock(key string) (Held, bool) {
	for _, h := range s.Locks {
		if h.Key == key {
			return h, true
		}
	}
	return Held{}, false
}

func (s *State) addLock(h Held) {
	for i := range s.Locks {
		if s.Locks[i].Key == h.Key {
			s.Locks[i].Must = true
			return
		}
	}
	s.Locks = append(s.Locks, h)
	sort.Slice(s.Locks, func(a, b int) bool { return s.Locks[a].Key < s.Locks[b].Key })
}

func (s *State) dropLock(key string) {
	for i := range s.Locks {
		if s.Locks[i].Key == key {
			s.Locks = append(s.Locks[:i], s.Locks[i+1:]...)
			return
		}
	}
}

func (s *State) save(key string, irq IRQState) {
	for i := range s.Saved {
		if s.Saved[i].Key == key {
			s.Saved[i].IRQ = irq
			return
		}
	}
	s.Saved = append(s.Saved, saved{key, irq})
	sort.Slice(s.Saved, func(a, b int) bool { return s.Saved[a].Key < s.Saved[b].Key })
}

func (s *State) restore(key string) IRQState {
	for _, sv := range s.Saved {
		if sv.Key == key {
			return sv.IRQ
		}
	}
	return MayBeOn | MayBeOff
}
