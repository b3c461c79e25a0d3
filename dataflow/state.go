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

// clamp bounds a depth. Depths go below zero when a function enables what
// its caller disabled (preempt_enable(); schedule(); preempt_disable();),
// so that dropping and retaking the caller's count balances.
func clamp(v int8) int8 { return max(-maxDepth, min(v, maxDepth)) }

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
	// Summary is set for a lock taken by calling a function of the unit
	// (a lock helper); its release may be in a helper the analysis does
	// not see (a static inline function of a header).
	Summary bool
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

	FPU Range // kernel_fpu_begin depth

	// Unknown is set when the function's entry context is not known (it
	// is called through a pointer, or from other files): re-enabling what
	// the function itself disabled then proves nothing about preemption.
	Unknown bool

	// Guarded is set while a scope guard of a class that disables
	// preemption lives, on every path, until the end of its block.
	Guarded bool

	// Since explains why the state is protected: the event that last
	// disabled preemption from an enabled state, or the entry.
	Since Note
	// IRQOff is where interrupts were disabled, while they are (the start
	// of an irqs-off region).
	IRQOff Note

	// NoResched lists preempt_enable_no_resched() calls not yet followed
	// by a reschedule check; Must is set when that holds on every path.
	NoResched []Pending

	// Vals are the locations holding a CPU id or a per-CPU pointer
	// obtained while preemption was disabled.
	Vals []Val

	// The RCU read side is a lock of kind kapi.ReadSideR in Locks.
}

// Pending is a preempt_enable_no_resched() awaiting a reschedule check.
// Once a check follows it, it stays, Checked, so that joins can tell a
// path that checked from one that never passed the call.
type Pending struct {
	Note
	Must    bool // on every path through the call, no check has followed
	Checked bool // on every path through the call, a check has followed
}

// Val is a location holding a CPU id or per-CPU pointer.
type Val struct {
	Key   string     // "cpu", "s->cpu"
	Kind  kapi.Value // CPUID or PerCPUPtr
	From  Note       // where it was obtained
	Stale bool       // the protection it was obtained under has ended (on some path)
	Ended Note       // where that protection ended
}

// Protected reports whether preemption is disabled on every path: by the
// preempt count, a spinning lock, disabled interrupts or bottom halves,
// disabled migration (the CPU id is then stable), or the entry context.
func (s *State) Protected() bool {
	if s.Atomic || s.Guarded || s.Preempt.Lo > 0 || s.BH.Lo > 0 || s.Migrate.Lo > 0 || s.IRQ.Off() || s.FPU.Lo > 0 {
		return true
	}
	for _, h := range s.Locks {
		if h.Must && (h.Kind == kapi.Spin || h.Kind == kapi.Local) {
			return true
		}
	}
	return false
}

// ProtectedDirectly is Protected without counting locks taken through
// summarised helpers: what is safe to infer a callee's entry from.
func (s *State) ProtectedDirectly() bool {
	if s.Atomic || s.Guarded || s.Preempt.Lo > 0 || s.BH.Lo > 0 || s.Migrate.Lo > 0 || s.IRQ.Off() || s.FPU.Lo > 0 {
		return true
	}
	for _, h := range s.Locks {
		if h.Must && !h.Summary && (h.Kind == kapi.Spin || h.Kind == kapi.Local) {
			return true
		}
	}
	return false
}

// OnlyIRQsOff reports whether disabled interrupts are all that keeps the
// task from being preempted: no preempt depth, spinning lock, bottom-half
// or FPU section, nor an atomic entry.
func (s *State) OnlyIRQsOff() bool {
	if !s.IRQ.Off() || s.Atomic || s.Guarded || s.Preempt.Lo > 0 || s.BH.Lo > 0 || s.FPU.Lo > 0 {
		return false
	}
	for _, h := range s.Locks {
		if h.Must && (h.Kind == kapi.Spin || h.Kind == kapi.Local) {
			return false
		}
	}
	return true
}

// Atomic context for sleeping: preemption disabled by anything other than
// migrate_disable (which allows sleeping).
func (s *State) NoSleep() bool {
	if s.Atomic || s.Guarded || s.Preempt.Lo > 0 || s.BH.Lo > 0 || s.IRQ.Off() || s.FPU.Lo > 0 {
		return true
	}
	for _, h := range s.Locks {
		if h.Must && (h.Kind == kapi.Spin || h.Kind == kapi.Local) {
			return true
		}
	}
	return false
}

// InRCU reports whether an RCU read-side section is held on every path.
func (s *State) InRCU() (Held, bool) {
	for _, h := range s.Locks {
		if h.Must && h.Kind == kapi.ReadSideR {
			return h, true
		}
	}
	return Held{}, false
}

// Val returns the tracked value stored at key.
func (s *State) Val(key string) (Val, bool) {
	for _, v := range s.Vals {
		if v.Key == key {
			return v, true
		}
	}
	return Val{}, false
}

func (s *State) setVal(v Val) {
	s.killVal(v.Key)
	s.Vals = append(s.Vals, v)
	sort.Slice(s.Vals, func(a, b int) bool { return s.Vals[a].Key < s.Vals[b].Key })
}

func (s *State) killVal(key string) {
	for i := range s.Vals {
		if s.Vals[i].Key == key {
			s.Vals = append(s.Vals[:i], s.Vals[i+1:]...)
			return
		}
	}
}

// clone returns a copy that shares nothing mutable with s.
func (s State) clone() State {
	s.Locks = append([]Held(nil), s.Locks...)
	s.Saved = append([]saved(nil), s.Saved...)
	s.NoResched = append([]Pending(nil), s.NoResched...)
	s.Vals = append([]Val(nil), s.Vals...)
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
		Guarded: s.Guarded && o.Guarded,
		Unknown: s.Unknown || o.Unknown,
		FPU:     s.FPU.join(o.FPU),
		Since:   s.Since,
		IRQOff:  s.IRQOff,
	}
	if !r.Since.Pos.IsValid() {
		r.Since = o.Since
	}
	if !r.IRQOff.Pos.IsValid() {
		r.IRQOff = o.IRQOff
	}
	// Pending reschedule checks. A call absent on one side was not passed
	// there, so it keeps its state from the other side.
	for _, p := range s.NoResched {
		q := p
		if o, ok := findPending(o.NoResched, p.Pos); ok {
			q.Must = p.Must && o.Must
			q.Checked = p.Checked && o.Checked
		}
		r.NoResched = append(r.NoResched, q)
	}
	for _, p := range o.NoResched {
		if _, ok := findPending(s.NoResched, p.Pos); !ok {
			r.NoResched = append(r.NoResched, p)
		}
	}
	sort.Slice(r.NoResched, func(a, b int) bool { return r.NoResched[a].Pos.Before(r.NoResched[b].Pos) })
	// Tracked values: union; stale if stale on either side.
	r.Vals = append([]Val(nil), s.Vals...)
	for _, v := range o.Vals {
		found := false
		for k := range r.Vals {
			if r.Vals[k].Key == v.Key {
				found = true
				if v.Stale && !r.Vals[k].Stale {
					r.Vals[k].Stale, r.Vals[k].Ended = true, v.Ended
				}
			}
		}
		if !found {
			r.Vals = append(r.Vals, v)
		}
	}
	sort.Slice(r.Vals, func(a, b int) bool { return r.Vals[a].Key < r.Vals[b].Key })
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

func findPending(ps []Pending, pos cparse.Pos) (Pending, bool) {
	for _, p := range ps {
		if p.Pos == pos {
			return p, true
		}
	}
	return Pending{}, false
}

// equal reports whether two states are the same for the fixpoint (Open is
// explanation only and does not count).
func equal(a, b State) bool {
	if a.Reached != b.Reached || a.Preempt != b.Preempt || a.BH != b.BH || a.Migrate != b.Migrate ||
		a.IRQ != b.IRQ || a.Atomic != b.Atomic || a.Guarded != b.Guarded || a.Unknown != b.Unknown || len(a.Locks) != len(b.Locks) || len(a.Saved) != len(b.Saved) ||
		a.FPU != b.FPU || len(a.NoResched) != len(b.NoResched) || len(a.Vals) != len(b.Vals) {
		return false
	}
	for i := range a.NoResched {
		if a.NoResched[i] != b.NoResched[i] {
			return false
		}
	}
	for i := range a.Vals {
		if a.Vals[i].Key != b.Vals[i].Key || a.Vals[i].Stale != b.Vals[i].Stale || a.Vals[i].Kind != b.Vals[i].Kind {
			return false
		}
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
