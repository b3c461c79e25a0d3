package dataflow

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// maxDepth caps depth ranges; a loop that nests deeper is still seen to be
// unbalanced, and the lattice stays finite.
const maxDepth = 8

// maxGuards bounds State.Guarded.
const maxGuards = 8

// Range is the lowest and highest value of a counter over the paths
// reaching a point.
type Range struct{ Lo, Hi int8 }

func (r Range) add(d int8) Range {
	r.Lo = clamp(r.Lo + d)
	r.Hi = clamp(r.Hi + d)
	return r
}

// enterFPU is r after a section's begin (d = 1) or end (-1). A section
// is in or out, as the kernel's in_kernel_fpu flag: a nested begin does
// not deepen it, the first end leaves it. Ending a section at 0 ends the
// caller's (-1): a helper that ends and begins again gives it back.
func (r Range) enterFPU(d int8) Range {
	return Range{min(max(r.Lo+d, -1), 1), min(max(r.Hi+d, -1), 1)}
}

// Join is the range covering both: the lowest and highest values.
func (r Range) Join(o Range) Range {
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

// Join is what both paths allow: on if either may be on, off likewise.
func (s IRQState) Join(o IRQState) IRQState { return s | o }

// Held is a lock held at a point.
type Held struct {
	Key  string        `json:"key"` // the lock as an access path's text (cparse.Path: "&d->lock" -> "d->lock")
	Kind kapi.LockKind `json:"kind"`
	Must bool          `json:"-"` // held on every path
	Pos  cparse.Pos    `json:"-"` // where it was taken (the first such place, for traces)
	Name string        `json:"-"` // the primitive that took it
	// Variant: taken in variant code (cparse.APIUse.Variant).
	Variant bool `json:"-"`
	// Summary is set for a lock taken by calling a function of the unit
	// (a lock helper); its release may be in a helper the analysis does
	// not see (a static inline function of a header).
	Summary bool `json:"-"`
	// Depth counts nested read-side sections (rcu_read_lock() inside
	// rcu_read_lock()): they nest, and only the last unlock ends them.
	Depth int8 `json:"-"`
	// Rebased is set when the local its key starts from was assigned
	// after the lock was taken, on some path: the key may now name
	// another object (hand-over-hand locking down a list).
	Rebased bool `json:"-"`
	// Retaken is set for the caller's lock taken back after the
	// function dropped it, on every path, and for one an annotation
	// says the caller holds at the entry (annotatedLocks): releasing it
	// again drops the caller's lock again (iput_final() unlocks
	// inode->i_lock around write_inode_now(), locks it again, and
	// returns having released it).
	Retaken bool `json:"-"`
}

// DisablesPreemption reports whether holding the lock keeps the task on
// its CPU: a spinning lock, or a section whose primitive disabled
// preemption or bottom halves (rcu_read_lock_bh()), held through a helper.
func (h Held) DisablesPreemption() bool {
	return h.Kind.DisablesPreemption() || kapi.SectionKeyDisablesPreemption(h.Key)
}

// Note explains a point of a path, for traces.
type Note struct {
	Pos  cparse.Pos `json:"pos"`
	Text string     `json:"text"`
	// Depth is the note's frame in a chain of calls (0: the outermost
	// caller), set when a chain is flattened (Steps).
	Depth int `json:"depth,omitempty"`
	// Via, when set, are the steps that lead to this one across
	// functions, outermost first: the callers' calls that made an entry
	// preemptible, or the calls down to a primitive.
	Via *Chain `json:"via,omitempty"`
	// Variant is set when the note's event is variant code
	// (cparse.APIUse.Variant): the other kind of kernel compiles it
	// differently.
	Variant bool `json:"variant,omitempty"`
}

// Chain is a sequence of notes across functions.
type Chain struct {
	Steps []Note `json:"steps"`
}

// Steps returns the note with the steps that lead to it, in path order,
// each with its depth in the chain of calls.
func (n Note) Steps() []Note {
	if n.Via == nil {
		return []Note{n}
	}
	out := make([]Note, 0, len(n.Via.Steps)+1)
	for _, s := range n.Via.Steps {
		out = append(out, s.Steps()...)
	}
	out = append(out, n)
	for i := range out {
		out[i].Depth = i
		out[i].Via = nil
	}
	return out
}

// State is the context at a program point.
type State struct {
	Reached bool

	Preempt Range // preempt_disable depth
	BH      Range // local_bh_disable depth
	Migrate Range // migrate_disable depth
	// Pagefault is the pagefault_disable() depth: user accesses made
	// where it is at least one on every path do not sleep.
	Pagefault Range
	IRQ       IRQState
	// IRQEnabled says the function itself enabled interrupts on every
	// path here (local_irq_enable(), spin_unlock_irq()), whatever its
	// entry: a caller's disabled interrupts do not reach a sleep past it.
	IRQEnabled bool
	// Covered says every path here was protected, each by its own means,
	// when a join met them: bottom halves disabled on one, a context
	// test that found the code in an interrupt on the other (netif_rx()
	// disables them only where !(hardirq_count() | softirq_count())).
	// The join of the components keeps neither; Covered ends with the
	// first event that lowers any protection, on any path, below what it
	// was at the join (coveredAt): a tracepoint's own
	// preempt_disable_notrace()/preempt_enable_notrace() pair does not.
	Covered   bool
	coveredAt protection
	// Pinned says an assertion (cant_migrate()) made on every path here
	// found the task unable to migrate: its CPU stays, though it may
	// sleep.
	Pinned bool
	// Unpinned says the function, on some path here, let its task
	// migrate where its caller may have pinned it: a migrate_enable()
	// it did not pair, or sched_init_smp() ending the init task's
	// pinning to the boot CPU. A caller's pinned context does not reach
	// past it.
	Unpinned bool
	// Warned says every path here passed a WARN_ON() whose condition
	// held: code the kernel reports as a bug when it runs.
	Warned bool
	// LastRef says every path here passed a decrement that dropped the
	// last reference to an object (kapi DropsLastRef: the branch of a
	// put that frees it): a caller holding a reference of its own does
	// not get here.
	LastRef bool
	// Task says every path here passed a test of the context that found
	// in_interrupt() false (kapi.Effect.TestsInterrupt); Serving, one
	// that found the function serving no interrupt (TestsServing: the
	// branch of !in_serving_softirq()). What it sleeps there, it sleeps
	// in a task only (see SleepsInTaskOnly).
	Task, Serving bool
	// Unchecked says every path here turned the kernel's own checks of
	// sleeping in atomic context off (kapi.SleepChecksAfterStore: the
	// system shutting down or suspending, an oops in progress): what
	// the kernel does not check there, the rules about sleeping leave
	// alone too.
	Unchecked bool
	// Rechecked says every path here turned those checks on again (a
	// store of SYSTEM_RUNNING, bust_spinlocks(0)): a caller's having
	// turned them off does not cover what follows (Drops.Checks).
	Rechecked bool
	Locks     LockSet // sorted by Key
	Saved     SavedSet
	// Dropped are the locks the function released without holding them,
	// on every path, and has not taken again (or took back and released
	// again, see Held.Retaken): its caller's locks, dropped around a
	// sleep (unlock; schedule(); lock).
	Dropped KeySet
	// BHDropped is how many of its caller's bottom-half disables the
	// function undid on every path and has not taken back: a
	// local_bh_enable(), or a spin_unlock_bh() of a lock it did not take
	// (__release_sock() runs its backlog with bottom halves enabled).
	BHDropped int8
	// Released are the locks the function took and released again, on
	// every path.
	Released KeySet
	// GFPBlocking are the GFP flag variables a branch found to allow
	// sleeping (gfpflags_allow_blocking(gfp)), on every path.
	GFPBlocking KeySet
	// Values are the kinds of value local variables hold (0, an errno, a
	// valid pointer...), and Conds the locks taken or not as such a value
	// says, until a branch decides.
	Values ValueMap
	Conds  CondSet

	// Atomic is set when the context is known atomic without a visible
	// cause in this function: its entry (every caller disables preemption)
	// or a lockdep assertion. It holds only when true on every path.
	Atomic bool
	// Inherited is set while Atomic comes from the callers alone (every
	// caller enters atomic): what the function does there is the callers'
	// doing, and they are where a sleep is reported.
	Inherited bool
	// EntryBH is the bottom-half disable depth the entry gives (every
	// caller disabled them): like an atomic entry, the callers' doing.
	EntryBH int8

	// Open explains why preemption may be enabled here: the entry of a
	// preemptible function, or the event that last re-enabled it on some
	// path. Zero when the state is protected.
	Open Note

	FPU Range // kernel_fpu_begin depth

	// Unknown is set when the function's entry context is not known (it
	// is called through a pointer, or from other files): re-enabling what
	// the function itself disabled then proves nothing about preemption.
	Unknown bool

	// Guarded counts the scope guards of classes that disable
	// preemption that live on every path (each until the end of its
	// block). A jump out of a guard's block skips its end, so the count
	// is bounded (maxGuards) for loops to reach a fixpoint.
	Guarded int8
	// GuardLocks are the locks of the live guards among them, as
	// "constructor\x00lock key" (class_spinlock_constructor and
	// sb_lock); GuardReleased those whose lock the function released
	// by name inside the guard's scope (fs/super.c __iterate_supers():
	// guard(spinlock)(&sb_lock), then spin_unlock(&sb_lock) around the
	// work that sleeps, then spin_lock(&sb_lock) again). A released one
	// is not counted in Guarded until the lock is taken again.
	GuardLocks, GuardReleased KeySet

	// Since explains why the state is protected: the event that last
	// disabled preemption from an enabled state, or the entry.
	Since Note
	// IRQOff is where interrupts were disabled, while they are (the start
	// of an irqs-off region).
	IRQOff Note

	// NoResched lists preempt_enable_no_resched() calls not yet followed
	// by a reschedule check; Must is set when that holds on every path.
	NoResched PendingSet

	// Vals are the locations holding a CPU id or a per-CPU pointer
	// obtained while preemption was disabled.
	Vals ValSet

	// The RCU read side is a lock of kind kapi.ReadSideR in Locks.

	// What PREEMPT_RT makes of the context, where spinlock_t, rwlock_t
	// and local_lock are sleeping locks that leave preemption and
	// interrupts enabled (kapi.LockKind.SleepsOnRT): RawIRQ is the
	// interrupt state there and RawSaved the flags saved there;
	// RawGuarded counts the scope guards that stay atomic there;
	// RawAtomic is set when every way in is atomic there too (it
	// implies Atomic); RawSince is where the context last became
	// atomic there.
	RawIRQ     IRQState
	RawSaved   SavedSet
	RawGuarded int8
	RawAtomic  bool
	RawSince   Note
	// Kernels are the kinds of kernel the paths reaching here run on: a
	// branch on IS_ENABLED(CONFIG_PREEMPT_RT) leaves one on each side.
	Kernels Kernels
}

// Kernels is a set of kinds of kernel.
type Kernels uint8

const (
	ClassicKernel Kernels = 1 << iota // without PREEMPT_RT
	RTKernel                          // PREEMPT_RT
	AnyKernel     = ClassicKernel | RTKernel
)

// Join is the kinds either path runs on.
func (k Kernels) Join(o Kernels) Kernels { return k | o }

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

// AtomicOnRT reports whether the context is atomic on every kernel,
// PREEMPT_RT included, on every path: the preempt count, a raw spinlock
// or bit spinlock, interrupts disabled by other than a sleeping lock's
// _irq form, an FPU section, a guard that stays atomic, or the entry.
func (s *State) AtomicOnRT() bool {
	if s.RawAtomic || s.RawGuarded > 0 || s.Preempt.Lo > 0 || s.RawIRQ.Off() || s.FPU.Lo > 0 {
		return true
	}
	_, raw := s.rawLock()
	return raw
}

// AtomicOnRTOnlyByEntry reports whether the context is atomic on
// PREEMPT_RT only because every caller enters the function so: nothing
// of its own (preempt count, raw lock, interrupts it disabled, FPU
// section, guard) makes it so.
func (s *State) AtomicOnRTOnlyByEntry() bool {
	if !s.RawAtomic || s.RawGuarded > 0 || s.Preempt.Lo > 0 || s.FPU.Lo > 0 || s.RawIRQ.Off() && !s.IRQOffByEntry() {
		return false
	}
	_, raw := s.rawLock()
	return !raw
}

// AtomicOnRTAssumed reports whether the context is atomic on PREEMPT_RT
// only by what is assumed of the callers, the entry or a lockdep
// assertion of it, and by nothing the function does: its callers'
// context decides what a lock that sleeps there does.
func (s *State) AtomicOnRTAssumed() bool { return s.Atomic && s.AtomicOnRTOnlyByEntry() }

// protection is what of a state protects, on every path or on some, so
// that an event that lowers any of it on any path shows (see Covered).
type protection struct {
	preempt, bh, migrate, fpu Range
	guarded                   int8
	locks                     int
	irqOff, atomic, pinned    bool
}

func (s *State) protection() protection {
	p := protection{preempt: s.Preempt, bh: s.BH, migrate: s.Migrate, fpu: s.FPU, guarded: s.Guarded,
		irqOff: s.IRQ&MayBeOff != 0, atomic: s.Atomic, pinned: s.Pinned}
	for _, h := range s.Locks {
		if h.DisablesPreemption() {
			p.locks++
		}
	}
	return p
}

// lowers reports whether going from p to q lowers any protection.
func (p protection) lowers(q protection) bool {
	down := func(a, b Range) bool { return b.Lo < a.Lo || b.Hi < a.Hi }
	return down(p.preempt, q.preempt) || down(p.bh, q.bh) || down(p.migrate, q.migrate) || down(p.fpu, q.fpu) ||
		q.guarded < p.guarded || q.locks < p.locks || p.irqOff && !q.irqOff || p.atomic && !q.atomic || p.pinned && !q.pinned
}

// rawLock is a raw spinlock held on every path.
func (s *State) rawLock() (Held, bool) {
	for _, h := range s.Locks {
		if h.Must && h.Kind == kapi.RawSpin {
			return h, true
		}
	}
	return Held{}, false
}

// RTCause explains why the context is atomic on PREEMPT_RT too: the raw
// lock held, or where it became so.
func (s *State) RTCause() Note {
	if h, ok := s.rawLock(); ok && h.Pos.IsValid() && h.Name != "" {
		return Note{Pos: h.Pos, Text: fmt.Sprintf("%s() takes \"%s\" here; a raw spinlock disables preemption on every kernel", h.Name, h.Key), Variant: h.Variant}
	}
	return s.RawSince
}

// HeldSleepingOnRT is a lock held on every path that PREEMPT_RT turns
// into a sleeping lock (its kind, or Local for local_lock).
func (s *State) HeldSleepingOnRT(kind kapi.LockKind) (Held, bool) {
	for _, h := range s.Locks {
		if h.Must && h.Kind == kind && h.Kind.SleepsOnRT() {
			return h, true
		}
	}
	return Held{}, false
}

// Protected reports whether preemption is disabled on every path: by the
// preempt count, a spinning lock, disabled interrupts or bottom halves,
// disabled migration (the CPU id is then stable), or the entry context.
func (s *State) Protected() bool {
	if s.Covered || s.Atomic || s.Guarded > 0 || s.Preempt.Lo > 0 || s.BH.Lo > 0 || s.Migrate.Lo > 0 || s.Pinned || s.IRQ.Off() || s.FPU.Lo > 0 {
		return true
	}
	for _, h := range s.Locks {
		if h.Must && h.DisablesPreemption() {
			return true
		}
	}
	return false
}

// ProtectedDirectly is Protected without counting locks taken through
// summarised helpers: what is safe to infer a callee's entry from.
func (s *State) ProtectedDirectly() bool {
	if s.Covered || s.Atomic || s.Guarded > 0 || s.Preempt.Lo > 0 || s.BH.Lo > 0 || s.Migrate.Lo > 0 || s.Pinned || s.IRQ.Off() || s.FPU.Lo > 0 {
		return true
	}
	for _, h := range s.Locks {
		if h.Must && !h.Summary && h.DisablesPreemption() {
			return true
		}
	}
	return false
}

// OnlyIRQsOff reports whether disabled interrupts are all that keeps the
// task from being preempted: no preempt depth, spinning lock, bottom-half
// or FPU section, nor an atomic entry.
func (s *State) OnlyIRQsOff() bool {
	if !s.IRQ.Off() || s.Covered || s.Atomic || s.Guarded > 0 || s.Preempt.Lo > 0 || s.BH.Lo > 0 || s.FPU.Lo > 0 {
		return false
	}
	for _, h := range s.Locks {
		if h.Must && h.DisablesPreemption() {
			return false
		}
	}
	return true
}

// Atomic context for sleeping: preemption disabled by anything other than
// migrate_disable (which allows sleeping).
func (s *State) NoSleep() bool {
	if s.Atomic || s.Guarded > 0 || s.Preempt.Lo > 0 || s.BH.Lo > 0 || s.IRQ.Off() || s.FPU.Lo > 0 {
		return true
	}
	for _, h := range s.Locks {
		if h.Must && h.DisablesPreemption() {
			return true
		}
	}
	return false
}

// OnlyByEntry reports whether the context is atomic only through the
// entry (or a check): no preempt count, lock, interrupt, bottom-half or
// FPU protection of the function's own (bottom halves the entry disabled
// are the entry's).
func (s *State) OnlyByEntry() bool {
	if s.Guarded > 0 || s.Preempt.Lo > 0 || s.BH.Lo > s.EntryBH || s.IRQ.Off() && !s.IRQOffByEntry() || s.FPU.Lo > 0 {
		return false
	}
	for _, h := range s.Locks {
		if h.Must && h.Name != "" && h.DisablesPreemption() {
			return false
		}
	}
	return true
}

// IRQOffByEntry reports whether interrupts are off because the entry
// says so (the function itself did not disable them).
func (s *State) IRQOffByEntry() bool { return s.IRQOff.Pos.IsValid() && s.IRQOff == s.Since }

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
	s.Locks = append(LockSet(nil), s.Locks...)
	s.Saved = append(SavedSet(nil), s.Saved...)
	s.NoResched = append(PendingSet(nil), s.NoResched...)
	s.Vals = append(ValSet(nil), s.Vals...)
	s.Dropped = append(KeySet(nil), s.Dropped...)
	s.Released = append(KeySet(nil), s.Released...)
	s.GFPBlocking = append(KeySet(nil), s.GFPBlocking...)
	s.GuardLocks = append(KeySet(nil), s.GuardLocks...)
	s.GuardReleased = append(KeySet(nil), s.GuardReleased...)
	s.Values = append(ValueMap(nil), s.Values...)
	s.Conds = append(CondSet(nil), s.Conds...)
	s.RawSaved = append(SavedSet(nil), s.RawSaved...)
	return s
}

// stateLattice is the product of the components' lattices; the notes
// (Open, Since, IRQOff) explain and do not count for equality.
type stateLattice struct{}

var _ Lattice[State] = stateLattice{}

func (stateLattice) Bottom() State         { return State{} }
func (stateLattice) Join(a, b State) State { return join(a.clone(), b) }
func (stateLattice) Equal(a, b State) bool { return equal(a, b) }

// join merges o into s (s is a copy owned by the caller).
func join(s, o State) State {
	if !o.Reached {
		return s // (both unreached: what the unreached state holds is no fact)
	}
	if !s.Reached {
		return o.clone()
	}
	sProt, oProt := s.Protected(), o.Protected()
	sRaw := s.AtomicOnRT()
	r := State{
		Reached:    true,
		Preempt:    s.Preempt.Join(o.Preempt),
		BH:         s.BH.Join(o.BH),
		Migrate:    s.Migrate.Join(o.Migrate),
		Pagefault:  s.Pagefault.Join(o.Pagefault),
		IRQ:        s.IRQ.Join(o.IRQ),
		IRQEnabled: s.IRQEnabled && o.IRQEnabled,
		Pinned:     s.Pinned && o.Pinned,
		Unpinned:   s.Unpinned || o.Unpinned,
		Warned:     s.Warned && o.Warned,
		LastRef:    s.LastRef && o.LastRef,
		Task:       s.Task && o.Task,
		Serving:    s.Serving && o.Serving,
		Unchecked:  s.Unchecked && o.Unchecked,
		Rechecked:  s.Rechecked && o.Rechecked,
		Atomic:     s.Atomic && o.Atomic,
		Inherited:  s.Inherited && o.Inherited,
		EntryBH:    min(s.EntryBH, o.EntryBH),
		Guarded:    min(s.Guarded, o.Guarded),
		GuardLocks: s.GuardLocks.Join(o.GuardLocks),
		// A guard's lock released on one path is released after the
		// join: min() above does not count it.
		GuardReleased: s.GuardReleased.union(o.GuardReleased),
		Unknown:       s.Unknown || o.Unknown,
		FPU:           s.FPU.Join(o.FPU),
		Since:         s.Since,
		IRQOff:        s.IRQOff,
		NoResched:     s.NoResched.Join(o.NoResched),
		Vals:          s.Vals.Join(o.Vals),
		Locks:         s.Locks.Join(o.Locks),
		Saved:         s.Saved.Join(o.Saved),
		Dropped:       s.Dropped.Join(o.Dropped),
		BHDropped:     min(s.BHDropped, o.BHDropped),
		Released:      s.Released.Join(o.Released),
		GFPBlocking:   s.GFPBlocking.Join(o.GFPBlocking),
		Values:        s.Values.Join(o.Values),
		Conds:         joinConds(&s, &o),
		RawIRQ:        s.RawIRQ.Join(o.RawIRQ),
		RawSaved:      s.RawSaved.Join(o.RawSaved),
		RawGuarded:    min(s.RawGuarded, o.RawGuarded),
		RawAtomic:     s.RawAtomic && o.RawAtomic,
		RawSince:      s.RawSince,
		Kernels:       s.Kernels.Join(o.Kernels),
	}
	// Each side protected by means the join of the components keeps
	// neither of.
	if r.Covered = sProt && oProt && !r.Protected(); r.Covered {
		r.coveredAt = r.protection()
	}
	if !sRaw || !r.RawSince.Pos.IsValid() {
		r.RawSince = o.RawSince
	}
	if !r.Since.Pos.IsValid() {
		r.Since = o.Since
	}
	if !r.IRQOff.Pos.IsValid() {
		r.IRQOff = o.IRQOff
	}
	switch {
	case !sProt && s.Open.Pos.IsValid():
		r.Open = s.Open
	case !oProt:
		r.Open = o.Open
	}
	return r
}

// equal reports whether two states are the same for the fixpoint (the
// notes are explanation only and do not count, except whether
// preemption was opened: that decides how calls are classified).
func equal(a, b State) bool {
	if !a.Reached && !b.Reached {
		// Unreached states are all the bottom, whatever an edge that
		// ruled its branch out left in them: told apart, two such
		// edges into a loop would requeue it for ever.
		return true
	}
	return a.Reached == b.Reached && a.Preempt == b.Preempt && a.BH == b.BH && a.Migrate == b.Migrate && a.Pagefault == b.Pagefault &&
		a.IRQ == b.IRQ && a.IRQEnabled == b.IRQEnabled && a.Covered == b.Covered && a.coveredAt == b.coveredAt && a.Pinned == b.Pinned && a.Unpinned == b.Unpinned && a.Warned == b.Warned && a.LastRef == b.LastRef && a.Task == b.Task && a.Serving == b.Serving && a.Unchecked == b.Unchecked && a.Rechecked == b.Rechecked && a.Atomic == b.Atomic && a.Inherited == b.Inherited && a.EntryBH == b.EntryBH && a.Guarded == b.Guarded && a.GuardLocks.Equal(b.GuardLocks) && a.GuardReleased.Equal(b.GuardReleased) && a.Unknown == b.Unknown && a.FPU == b.FPU &&
		a.Open.Pos.IsValid() == b.Open.Pos.IsValid() &&
		a.Locks.Equal(b.Locks) && a.Saved.Equal(b.Saved) && a.Dropped.Equal(b.Dropped) && a.BHDropped == b.BHDropped &&
		a.Released.Equal(b.Released) && a.GFPBlocking.Equal(b.GFPBlocking) && a.Values.Equal(b.Values) && a.Conds.Equal(b.Conds) && a.NoResched.Equal(b.NoResched) && a.Vals.Equal(b.Vals) &&
		a.RawIRQ == b.RawIRQ && a.RawSaved.Equal(b.RawSaved) && a.RawGuarded == b.RawGuarded && a.RawAtomic == b.RawAtomic && a.Kernels == b.Kernels
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
	if s.Dropped.Has(h.Key) {
		h.Retaken = true
	}
	s.Locks = s.Locks.add(h)
	s.Dropped = s.Dropped.remove(h.Key)
	s.Released = s.Released.remove(h.Key)
}

// dropLock releases a lock. One the function did not take (unseen, or
// known only from an annotation) is its caller's, dropped; one it held
// (taken, or held at entry by its annotation) is released: releasing it
// again is a double release.
func (s *State) dropLock(key string) {
	h, ok := s.Locks.Lock(key)
	if !ok {
		if other, found := s.helperLockLike(key); found {
			s.dropLock(other)
			return
		}
		// An annotation names its lock loosely (sparse's context
		// tokens: __releases(rq->lock) for what is now rq->__lock): a
		// release of a lock of the same object ends it.
		// The annotation is read as written, the primitive's argument
		// as expanded (__releases(dentry->d_lock), d_lock a macro for
		// d_lockref.lock): a lock of the object the same pointer
		// points to, the only one the annotations name there, ends it.
		k := cparse.ParsePath(key)
		var same, pointee []string
		for _, a := range s.Locks {
			switch ak := cparse.ParsePath(a.Key); {
			case a.Name != "":
			case ak.SameObject(k):
				same = append(same, a.Key)
			case ak.SamePointee(k):
				pointee = append(pointee, a.Key)
			}
		}
		switch {
		case len(same) > 0:
			s.dropLock(same[0])
		case len(pointee) == 1:
			s.dropLock(pointee[0])
		}
	}
	if ok && h.Depth > 1 {
		s.Locks = s.Locks.drop(key) // one level of a nested read side
		return
	}
	// Held on some paths only: on the others it is the caller's (a loop
	// that drops its caller's lock around a sleep and takes it back
	// meets the lock it took in the last round at its head).
	if !ok || h.Name == "" || !h.Must || h.Retaken {
		s.Dropped = s.Dropped.add(key)
	}
	if ok {
		s.Released = s.Released.add(key)
	}
	s.Locks = s.Locks.drop(key)
	// Released on every path: a variable a join found to tell the
	// paths holding it apart says nothing of it any more (net/core/dev.c
	// process_backlog(): again = false with the lock held, true on the
	// path a callee's unseen code may have released it on; then the
	// unlock, and the loop's test of again).
	if slices.ContainsFunc(s.Conds, func(cl CondLock) bool { return cl.isLock() && cl.Lock.Key == key }) {
		s.Conds = slices.DeleteFunc(slices.Clone(s.Conds), func(cl CondLock) bool { return cl.isLock() && cl.Lock.Key == key })
	}
}

// helperLockLike is the one lock a helper returned held (Held.Summary)
// whose key ends in the same member as key: released under another
// spelling, it is the lock released (debugfs's start_creating() returns
// d_inode(parent)->i_rwsem held, end_creating() releases
// d_inode(dentry->d_parent)->i_rwsem, the same inode's).
func (s *State) helperLockLike(key string) (string, bool) {
	return s.lockLike(key, func(h Held) bool { return h.Summary })
}

// heldLike is the one lock held on every path whose key ends in the same
// member as key, if there is exactly one.
func (s *State) heldLike(key string) (string, bool) {
	return s.lockLike(key, func(h Held) bool { return h.Must })
}

// lockLike is the one lock among those held that kind accepts whose key
// ends in the same member as key; ok is false when there is none, or
// more than one.
func (s *State) lockLike(key string, kind func(Held) bool) (string, bool) {
	last := lastMember(key)
	if last == "" {
		return "", false
	}
	found := ""
	for _, a := range s.Locks {
		if !kind(a) || lastMember(a.Key) != last {
			continue
		}
		if found != "" {
			return "", false // which one is not known
		}
		found = a.Key
	}
	return found, found != ""
}

// lastMember is the last member a key reaches, with its operator
// ("->i_rwsem"), or "" for a key that reaches none.
func lastMember(key string) string {
	i := max(strings.LastIndex(key, "->"), strings.LastIndex(key, "."))
	if i <= 0 {
		return ""
	}
	m := key[i:]
	name := strings.TrimLeft(m, "->.")
	if name == "" || strings.ContainsAny(name, "()[]*&+ ") {
		return ""
	}
	return m
}

func (s *State) save(key string, irq IRQState) { s.Saved = s.Saved.save(key, irq) }

func (s *State) restore(key string) IRQState { return s.Saved.restore(key) }
