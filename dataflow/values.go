package dataflow

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// Class is what is known of a value, as a set of the kinds it may be:
// enough to tell apart the returns of a function that holds a lock on
// some exits (held iff it returned 0, iff nonzero, iff a valid pointer).
type Class uint8

const (
	Zero   Class = 1 << iota // 0, NULL, false
	Pos                      // a positive number, true
	Neg                      // a negative number: an errno
	Ptr                      // a valid pointer
	ErrPtr                   // ERR_PTR(...)

	NonZero = Pos | Neg | Ptr | ErrPtr
	Any     = Zero | NonZero
)

func (c Class) String() string {
	if c == Any {
		return "any"
	}
	var parts []string
	for _, k := range []struct {
		c    Class
		name string
	}{{Zero, "0"}, {Pos, ">0"}, {Neg, "<0"}, {Ptr, "pointer"}, {ErrPtr, "ERR_PTR"}} {
		if c&k.c != 0 {
			parts = append(parts, k.name)
		}
	}
	return strings.Join(parts, "|")
}

// Value is a location's class.
type Value struct {
	Key   string
	Class Class
}

// ValueMap is what is known of the values of locations (local
// variables): a location unknown on one side of a join is unknown.
type ValueMap []Value

// Join keeps the locations known on both sides, with either side's
// kinds.
func (vm ValueMap) Join(o ValueMap) ValueMap {
	var r ValueMap
	for _, v := range vm {
		if c, ok := o.Of(v.Key); ok {
			r = append(r, Value{v.Key, v.Class | c})
		}
	}
	return r
}

// Equal compares the known values.
func (vm ValueMap) Equal(o ValueMap) bool {
	if len(vm) != len(o) {
		return false
	}
	for i := range vm {
		if vm[i] != o[i] {
			return false
		}
	}
	return true
}

// Of is the class of a location, if known.
func (vm ValueMap) Of(key string) (Class, bool) {
	i := sort.Search(len(vm), func(i int) bool { return vm[i].Key >= key })
	if i < len(vm) && vm[i].Key == key {
		return vm[i].Class, true
	}
	return Any, false
}

func (vm ValueMap) set(key string, c Class) ValueMap {
	i := sort.Search(len(vm), func(i int) bool { return vm[i].Key >= key })
	if c == Any {
		if i < len(vm) && vm[i].Key == key {
			return append(vm[:i], vm[i+1:]...)
		}
		return vm
	}
	if i < len(vm) && vm[i].Key == key {
		vm[i].Class = c
		return vm
	}
	vm = append(vm, Value{})
	copy(vm[i+1:], vm[i:])
	vm[i] = Value{key, c}
	return vm
}

// CondLock is a lock a call took or not, as its value says: the call's
// value is in Var, and the lock is held iff that value is of a kind in
// When (a trylock's result, mutex_lock_interruptible()'s, a helper's
// that returns holding a lock on some exits).
//
// A CondLock without a lock (Lock.Key "") is the preempt count instead:
// Preempt higher iff the value is of a kind in When
// (pcpu_spin_trylock() in mm/page_alloc.c disables preemption, and
// enables it again and yields NULL when the trylock fails). With Pin, it
// is the task pinned to its CPU iff the value is of a kind in When
// (nbcon_emit_one(): if (!use_atomic) { con->device_lock(con, &flags);
// cant_migrate(); }). With IRQOff, it is interrupts disabled iff so
// (nbcon_legacy_emit_next_record(): if (use_atomic)
// printk_safe_enter_irqsave(flags)).
type CondLock struct {
	Var     string
	When    Class
	Lock    Held
	Preempt int8
	Pin     bool
	IRQOff  bool
	// Restores: the lock is the function's caller's, which a call
	// released for the values not in When (Summary.CondReleases); on
	// these values it is not released.
	Restores bool
	// Drops: the lock is the function's caller's, which the function
	// itself released for the values not in When (drivers/usb/host/
	// ohci-hub.c ohci_rh_resume(): "executed with ohci->lock held ... if
	// and only if autostopped is true"); on those values it is dropped
	// (State.Dropped) again.
	Drops bool
	// HandedOff: the lock is one the function took itself, and Var a
	// member it set to a constant while it held the lock and no other:
	// where a branch finds the member changed, a callee changed it as it
	// released the lock, and the function does not hold it
	// (drivers/hid/hid-core.c hid_device_remove(): down(), then
	// io_started = false; a driver's .remove may call
	// hid_device_io_start(), which sets io_started and ups the lock; the
	// function ups it only "if (!hdev->io_started)").
	HandedOff bool
}

// isPreempt reports whether the condition is the preempt count's.
func (c CondLock) isPreempt() bool { return c.Lock.Key == "" && !c.Pin && !c.IRQOff }

// protects reports whether the condition is the task pinned or
// interrupts disabled: protection a caller's argument may decide.
func (c CondLock) protects() bool { return c.Pin || c.IRQOff }

// ProtectedWhen are the variables whose values decide, at this point,
// whether the task is pinned to its CPU or has interrupts disabled:
// protected iff the variable holds a value of the kinds given (see
// CondLock.Pin and CondLock.IRQOff).
func (s *State) ProtectedWhen() []Value {
	var out []Value
	for _, c := range s.Conds {
		if c.protects() {
			out = append(out, Value{Key: c.Var, Class: c.When})
		}
	}
	return out
}

// isLock reports whether the condition is a lock's.
func (c CondLock) isLock() bool { return c.Lock.Key != "" }

// CondSet is the conditional locks whose condition no branch has
// decided yet; one pending on one side of a join only is dropped.
type CondSet []CondLock

// Join keeps the conditional locks pending on both sides.
func (cs CondSet) Join(o CondSet) CondSet {
	var r CondSet
	for _, c := range cs {
		if slices.ContainsFunc(o, func(d CondLock) bool { return sameCond(c, d) }) {
			r = append(r, c)
		}
	}
	return r
}

// joinConds is the conditional locks pending after a join: those pending
// on both sides, and those pending on one side where the other holds
// neither the lock nor a value of the kinds that would mean it is held
// (out: return err; reached with err = -EINVAL from a goto, and with err
// of a lookup that locked iff it gave 0: still held iff err is 0).
func joinConds(s, o *State) CondSet {
	r := s.Conds.Join(o.Conds)
	oneSided := func(own, other *State) {
		for _, c := range own.Conds {
			if slices.ContainsFunc(r, func(d CondLock) bool { return sameCond(c, d) }) {
				continue
			}
			if c.protects() {
				// The other side agrees when it is protected so and its
				// value says so, or is not and its value says not.
				on := c.Pin && other.Pinned || c.IRQOff && other.IRQ.Off()
				if v, known := other.Values.Of(c.Var); known && (on && v&^c.When == 0 || !on && v&c.When == 0) {
					r = r.add(c)
				}
				continue
			}
			if c.isPreempt() {
				// The other side agrees when its count is the one its
				// value stands for: pcp = NULL at a loop's head, joined
				// with pcp = pcp_spin_trylock(...) from its back edge.
				v, known := other.Values.Of(c.Var)
				p := other.Preempt
				if known && p.Exact() && own.Preempt.Hi-own.Preempt.Lo == c.Preempt &&
					(v&c.When == 0 && p.Lo == own.Preempt.Lo || v&^c.When == 0 && p.Lo == own.Preempt.Hi) {
					r = r.add(c)
				}
				continue
			}
			// The other side agrees when its value says "held" and it
			// holds the lock (mutex_lock() on one path,
			// err = mutex_lock_interruptible() on the other, err = 0
			// before), or says "not held" and it does not.
			v, known := other.Values.Of(c.Var)
			h, held := other.Lock(c.Lock.Key)
			if !known || held && (!h.Must || v&^c.When != 0) || !held && v&c.When != 0 {
				continue
			}
			r = r.add(c)
		}
	}
	oneSided(s, o)
	oneSided(o, s)
	// A lock held on one side only, where a variable's kinds tell the
	// sides apart, is held iff the variable says so: ctx locked, or ctx
	// = NULL and unlocked (kernel/events/core.c
	// perf_lock_task_context()); locked = true after the lock.
	correlate := func(a, b *State) {
		for _, h := range a.Locks {
			if !h.Must {
				continue
			}
			if _, held := b.Lock(h.Key); held {
				continue
			}
			for _, v := range a.Values {
				w, known := b.Values.Of(v.Key)
				c := CondLock{Var: v.Key, When: v.Class, Lock: h, Drops: b.Dropped.Has(h.Key)}
				if !known || v.Class&w != 0 || slices.ContainsFunc(r, func(d CondLock) bool { return sameCond(c, d) }) {
					continue
				}
				r = r.add(c)
			}
		}
	}
	correlate(s, o)
	correlate(o, s)
	// The preempt count higher on one side by a known amount, where a
	// variable's kinds tell the sides apart: _ret a pointer with
	// preemption disabled, NULL with it enabled again.
	correlateCount := func(a, b *State) {
		if a.Preempt.Lo != a.Preempt.Hi || b.Preempt.Lo != b.Preempt.Hi || a.Preempt.Lo <= b.Preempt.Lo {
			return
		}
		for _, v := range a.Values {
			w, known := b.Values.Of(v.Key)
			c := CondLock{Var: v.Key, When: v.Class, Preempt: a.Preempt.Lo - b.Preempt.Lo}
			if !known || v.Class&w != 0 || slices.ContainsFunc(r, func(d CondLock) bool { return sameCond(c, d) }) {
				continue
			}
			r = r.add(c)
		}
	}
	correlateCount(s, o)
	correlateCount(o, s)
	// The task pinned, or interrupts disabled, on one side only, where a
	// variable's kinds tell the sides apart.
	correlateProtection := func(a, b *State) {
		pin := a.Pinned && !b.Pinned
		irq := a.IRQ.Off() && b.IRQ == MayBeOn
		if !pin && !irq {
			return
		}
		for _, v := range a.Values {
			w, known := b.Values.Of(v.Key)
			if !known || v.Class&w != 0 {
				continue
			}
			for _, c := range []CondLock{{Var: v.Key, When: v.Class, Pin: true}, {Var: v.Key, When: v.Class, IRQOff: true}} {
				if c.Pin && !pin || c.IRQOff && !irq || slices.ContainsFunc(r, func(d CondLock) bool { return sameCond(c, d) }) {
					continue
				}
				r = r.add(c)
			}
		}
	}
	correlateProtection(s, o)
	correlateProtection(o, s)
	return r
}

func sameCond(c, d CondLock) bool {
	return c.Var == d.Var && c.When == d.When && c.Lock.Key == d.Lock.Key && c.Preempt == d.Preempt && c.Pin == d.Pin && c.IRQOff == d.IRQOff &&
		c.Restores == d.Restores && c.Drops == d.Drops && c.HandedOff == d.HandedOff
}

// Equal compares the pending locks.
func (cs CondSet) Equal(o CondSet) bool {
	if len(cs) != len(o) {
		return false
	}
	for i := range cs {
		if !sameCond(cs[i], o[i]) {
			return false
		}
	}
	return true
}

func (cs CondSet) add(c CondLock) CondSet {
	cs = append(cs, c)
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Var != cs[j].Var {
			return cs[i].Var < cs[j].Var
		}
		return cs[i].Lock.Key < cs[j].Lock.Key
	})
	return cs
}

// forget drops what is known of a location that is written, and of its
// bits.
func (s *State) forget(key string) {
	s.Values = s.Values.set(key, Any)
	if i := sort.Search(len(s.Values), func(i int) bool { return s.Values[i].Key >= key+"==" }); i < len(s.Values) && strings.HasPrefix(s.Values[i].Key, key+"==") {
		s.Values = slices.DeleteFunc(slices.Clone(s.Values), func(v Value) bool {
			loc, _, ok := SplitEqKey(v.Key)
			return ok && loc == key
		})
	}
	if i := sort.Search(len(s.Values), func(i int) bool { return s.Values[i].Key >= key+"&" }); i < len(s.Values) && strings.HasPrefix(s.Values[i].Key, key+"&") {
		s.Values = slices.DeleteFunc(slices.Clone(s.Values), func(v Value) bool {
			base, _, ok := SplitMaskKey(v.Key)
			return ok && base == key
		})
	}
	if slices.ContainsFunc(s.Locks, func(h Held) bool { return !h.Rebased && keyBase(h.Key) == key }) {
		s.Locks = slices.Clone(s.Locks)
		for i := range s.Locks {
			if keyBase(s.Locks[i].Key) == key {
				s.Locks[i].Rebased = true
			}
		}
	}
	if s.GFPBlocking.Has(key) {
		s.GFPBlocking = s.GFPBlocking.remove(key)
	}
	kept := s.Conds[:0]
	for _, c := range s.Conds {
		if c.Var != key {
			kept = append(kept, c)
		}
	}
	s.Conds = kept
}

// restrict learns that the location key holds a value of a kind in c
// (on a branch): its conditional locks are decided when the kinds say.
func (s *State) restrict(key string, c Class) {
	old, _ := s.Values.Of(key)
	now := old & c
	if now == 0 {
		now = c // contradiction: a value the analysis did not foresee
	}
	s.Values = s.Values.set(key, now)
	s.decide(key, now)
}

// decide applies what the value of key, of the kinds now, says of the
// locks, counts and protections pending on it.
func (s *State) decide(key string, now Class) {
	kept := s.Conds[:0]
	var taken []CondLock
	decided := map[string]bool{} // the locks the branch decided
	for _, cl := range s.Conds {
		switch {
		case cl.Var != key:
			kept = append(kept, cl)
		case cl.protects():
			switch {
			case now&^cl.When == 0:
				s.Pinned = s.Pinned || cl.Pin
				if cl.IRQOff && cl.Lock.Name != "" {
					// A call that returns with interrupts disabled
					// for such values (Summary.CondIRQOff).
					s.irqOffBy(cl.Lock.Pos, cl.Lock.Name)
				}
			case now&cl.When == 0:
			default:
				kept = append(kept, cl)
			}
		case cl.isPreempt():
			// The count is the higher one on the value's side, the
			// lower on the other, when the joins left just those two.
			if d := s.Preempt.Hi - s.Preempt.Lo; d == cl.Preempt {
				switch {
				case now&^cl.When == 0:
					s.Preempt.Lo = s.Preempt.Hi
				case now&cl.When == 0:
					s.Preempt.Hi = s.Preempt.Lo
				default:
					kept = append(kept, cl)
				}
			}
		case now&^cl.When == 0:
			taken = append(taken, cl)
			decided[cl.Lock.Key] = true
		case now&cl.When == 0:
			// Not taken on this branch: a lock a join left held on
			// some paths because of it is not held here (every side of
			// the joins agreed that the value decides it).
			decided[cl.Lock.Key] = true
			if h, ok := s.Locks.Lock(cl.Lock.Key); ok && (!h.Must || cl.HandedOff) {
				s.Locks = slices.DeleteFunc(slices.Clone(s.Locks), func(x Held) bool { return x.Key == h.Key })
			}
			if cl.Drops && !s.Dropped.Has(cl.Lock.Key) {
				s.Dropped = s.Dropped.add(cl.Lock.Key)
			}
		default:
			kept = append(kept, cl)
		}
	}
	// Another variable that stood for the same lock says nothing more
	// (cppc_get_perf_caps(): regs_in_pcc = 1 and pcc_ss_data assigned
	// before down_write(&pcc_ss_data->pcc_lock); if (regs_in_pcc)
	// decides it).
	s.Conds = slices.DeleteFunc(kept, func(cl CondLock) bool { return cl.isLock() && decided[cl.Lock.Key] })
	for _, cl := range taken {
		h := cl.Lock
		if cl.Restores {
			// The caller's lock: not released on this branch.
			s.Dropped = s.Dropped.remove(h.Key)
			continue
		}
		if i := slices.IndexFunc(s.Locks, func(x Held) bool { return x.Key == h.Key && !x.Must }); i >= 0 {
			// Held on the paths the value stands for: the lock a join
			// left held on some paths, not a second hold.
			s.Locks = slices.Clone(s.Locks)
			s.Locks[i].Must = true
			continue
		}
		s.addLock(h)
	}
}

// ClassOf is what an expression's value is known to be in a state.
func ClassOf(e *cparse.Expr, s *State) Class {
	for e != nil && (e.Kind == cparse.Cast || e.Kind == cparse.Comma) {
		if e.Kind == cparse.Comma {
			e = e.Y
		} else {
			e = e.X
		}
	}
	if e == nil {
		return Any
	}
	if e.API != nil {
		switch e.API.Name {
		case "ERR_PTR", "ERR_CAST":
			return ErrPtr
		case "PTR_ERR":
			// The errno of a pointer a test found an ERR_PTR() (return
			// PTR_ERR(*wdev); under IS_ERR(*wdev)).
			if len(e.Args) == 1 {
				if c := ClassOf(e.Args[0], s); c != 0 && c&^(ErrPtr|Neg) == 0 {
					return Neg
				}
			}
			return Any
		case "true":
			return Pos
		case "false", "NULL":
			return Zero
		}
		if eff, ok := kapi.Lookup(e.API.Name); ok {
			switch {
			case eff.ErrnoOnFail:
				return Zero | Neg
			case eff.Positive:
				return Pos
			case eff.Returns == kapi.PerCPUPtr:
				return Ptr // this CPU's copy: never NULL
			case eff.Allocates && eff.GFPArg > 0 && eff.GFPArg <= len(e.API.Args) && kapi.GFPNeverFails(e.API.Args[eff.GFPArg-1]):
				return Ptr
			}
		}
	}
	switch e.Kind {
	case cparse.Lit:
		if v, ok := cparse.IntLit(e.Name); ok {
			if v == 0 {
				return Zero
			}
			return Pos
		}
	case cparse.Unary:
		switch e.Op {
		case "*":
			// return *slot; under a test of *slot: a pointee the
			// function's stores through the pointer keep up to date.
			if k := cfg.DerefKey(e); k != "" {
				if c, ok := s.Values.Of(k); ok {
					return c
				}
			}
		case "-":
			if c := ClassOf(e.X, s); c == Pos {
				return Neg
			}
		case "&":
			return Ptr
		case "!":
			switch c := ClassOf(e.X, s); {
			case c == Zero:
				return Pos
			case c&Zero != 0:
				return Zero | Pos // !!x: 0 or 1
			}
			return Zero
		}
	case cparse.Member:
		// return sn->pipefs_sb; under if (sn->pipefs_sb)
		if k := testedKey(e); k != "" {
			if c, ok := s.Values.Of(k); ok {
				return c
			}
		}
	case cparse.Ident:
		if c, ok := s.Values.Of(e.Name); ok {
			return c
		}
		// The kernel's false and true are enumerators
		// (include/linux/stddef.h), not macros.
		switch e.Name {
		case "false":
			return Zero
		case "true":
			return Pos
		}
	}
	return Any
}

// BranchFacts are what a branch condition teaches of a location: on the
// true edge its value is in ifTrue, on the false edge in ifFalse.
// enums are the values of the enumerators a mask may name
// (cfg.Graph.Enums; nil: literals only).
func BranchFacts(c *cparse.Expr, enums map[string]uint64) (key string, ifTrue, ifFalse Class) {
	return branchFactsIn(c, enums)
}

func branchFacts(c *cparse.Expr) (key string, ifTrue, ifFalse Class) { return branchFactsIn(c, nil) }

func branchFactsIn(c *cparse.Expr, enums map[string]uint64) (key string, ifTrue, ifFalse Class) {
	for c != nil && c.Kind == cparse.Cast {
		c = c.X
	}
	if c == nil {
		return "", 0, 0
	}
	if c.API != nil {
		switch c.API.Name {
		case "IS_ERR", "IS_ERR_VALUE":
			if len(c.Args) == 1 {
				if k := cparse.LockKey(cparse.ExprText(c.Args[0])); k != "" {
					return k, ErrPtr | Neg, Any &^ (ErrPtr | Neg)
				}
			}
		case "IS_ERR_OR_NULL":
			if len(c.Args) == 1 {
				if k := cparse.LockKey(cparse.ExprText(c.Args[0])); k != "" {
					return k, ErrPtr | Neg | Zero, Ptr | Pos
				}
			}
		case "likely", "unlikely":
			if len(c.Args) == 1 {
				return branchFactsIn(c.Args[0], enums)
			}
		}
		if eff, ok := kapi.Lookup(c.API.Name); ok && eff.Warns && len(c.API.Args) > 0 {
			// WARN_ON(!ctx) is its condition's truth; the kernel's
			// macro is a statement expression, so its argument is read
			// as written.
			return writtenTestFacts(c.API.Args[0], enums)
		}
		return "", 0, 0
	}
	switch c.Kind {
	case cparse.Ident, cparse.Member:
		if k := testedKeyIn(c, enums); k != "" {
			return k, NonZero, Zero
		}
	case cparse.Assign:
		// if ((entry = __this_cpu_read(buffered))): the value stored
		// is the one tested.
		if c.Op == "=" && c.X != nil && (c.X.Kind == cparse.Ident || c.X.Kind == cparse.Member) {
			if k := testedKeyIn(c.X, enums); k != "" {
				return k, NonZero, Zero
			}
		}
	case cparse.Binary:
		if c.Op == "&" {
			if k := testedKeyIn(c, enums); k != "" {
				return k, NonZero, Zero
			}
			return "", 0, 0
		}
		x, y := c.X, c.Y
		if isNullish(x) {
			x, y = y, x
		}
		k := testedKeyIn(x, enums)
		if k == "" {
			return "", 0, 0
		}
		if key, ifTrue, ifFalse := comparedWithObject(c, enums); key != "" {
			return key, ifTrue, ifFalse
		}
		if v, ok := cparse.ConstIntIn(y, enums); !isNullish(y) && (!ok || v != 0) {
			// Equal to a constant other than 0 (case RTM_DELADDR:
			// as cfg writes it): of that constant's kind. (An
			// enumerator of value 0 is compared with 0.)
			if !ok || c.Op != "==" && c.Op != "!=" {
				return "", 0, 0
			}
			kind := Pos
			if v>>63 != 0 {
				kind = Neg
			}
			if base, m, ok := SplitMaskKey(k); ok && v&^m == 0 {
				// (flags & (SKB_ALLOC_FCLONE | SKB_ALLOC_NAPI)) ==
				// SKB_ALLOC_NAPI: where it holds, the bits of the
				// constant are set; the others of the mask, clear,
				// are not said (one key per test).
				k, kind = MaskKey(base, v), NonZero
			}
			if c.Op == "==" {
				return k, kind, Any
			}
			return k, Any, kind
		}
		if ifTrue, ifFalse, ok := comparedWithZero(c.Op); ok {
			return k, ifTrue, ifFalse
		}
	}
	return "", 0, 0
}

// EqKey names the truth of "loc == obj", obj a named object's address
// (a file-scope array, &a global, a function): nonzero where the
// location points to the object (kernel/trace/trace.c:
// trace_init_iter() stores iter->temp = static_temp_buf, and
// trace_find_next_entry() allocates only where iter->temp !=
// static_temp_buf). Writing the location forgets it (State.forget).
func EqKey(loc, obj string) string { return loc + "==" + obj }

// SplitEqKey undoes EqKey.
func SplitEqKey(k string) (loc, obj string, ok bool) {
	i := strings.Index(k, "==")
	if i <= 0 || i+2 >= len(k) {
		return "", "", false
	}
	return k[:i], k[i+2:], true
}

// objectAddress is the name of the object an expression is the address
// of, as EqKey writes it: a global (an array, a function) by its name,
// &global; "" for anything else, a local or a parameter among them.
func objectAddress(e *cparse.Expr) string {
	for e != nil && e.Kind == cparse.Cast {
		e = e.X
	}
	switch {
	case e == nil:
		return ""
	case e.Kind == cparse.Ident && e.Ref == nil && e.API == nil:
		return e.Name
	case e.Kind == cparse.Unary && e.Op == "&" && e.X != nil && e.X.Kind == cparse.Ident && e.X.Ref == nil && e.X.API == nil:
		return "&" + e.X.Name
	}
	return ""
}

// comparedWithObject is branchFacts of a location compared with a named
// object's address, in either order (iter->fmt == static_fmt_buf). A
// name is taken for a global object only where the unit's enumerators
// are known (enums not nil) and it is none of them. A global variable
// the function assigns is none (Func.localObject); one it does not is
// taken to hold its value all through, as members are.
func comparedWithObject(c *cparse.Expr, enums map[string]uint64) (key string, ifTrue, ifFalse Class) {
	if enums == nil || c.Op != "==" && c.Op != "!=" {
		return "", 0, 0
	}
	x, y := c.X, c.Y
	if objectAddress(x) != "" {
		x, y = y, x
	}
	obj := objectAddress(y)
	if obj == "" {
		return "", 0, 0
	}
	if _, isConst := cparse.ConstIntIn(y, enums); isConst {
		return "", 0, 0
	}
	k := testedKeyIn(x, enums)
	if k == "" || objectAddress(x) != "" {
		return "", 0, 0
	}
	if _, _, masked := SplitMaskKey(k); masked {
		return "", 0, 0
	}
	if c.Op == "==" {
		return EqKey(k, obj), NonZero, Zero
	}
	return EqKey(k, obj), Zero, NonZero
}

// writtenTestFacts are branchFacts of a condition as the source writes
// it: a location, negated any number of times (!ctx).
func writtenTestFacts(text string, enums map[string]uint64) (key string, ifTrue, ifFalse Class) {
	s, negated := writtenNegations(text)
	key, ifTrue, ifFalse = writtenComparison(s, enums)
	if key == "" {
		if !isLocationText(s) {
			return "", 0, 0
		}
		key, ifTrue, ifFalse = cparse.LockKey(s), NonZero, Zero
	}
	if negated {
		return key, ifFalse, ifTrue
	}
	return key, ifTrue, ifFalse
}

// writtenNegations takes the parentheses and negations off a condition
// as the source writes it: what is negated, and whether it is, an odd
// number of times.
func writtenNegations(text string) (s string, negated bool) {
	s = strings.TrimSpace(text)
	for {
		for strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && cparse.BalancedParens(s[1:len(s)-1]) {
			s = strings.TrimSpace(s[1 : len(s)-1])
		}
		if !strings.HasPrefix(s, "!") || strings.HasPrefix(s, "!=") {
			return s, negated
		}
		s, negated = strings.TrimSpace(s[1:]), !negated
	}
}

// writtenComparison is writtenTestFacts of a location compared, with ==
// or !=, with a name or the address of one, as the source writes it
// (WARN_ON_ONCE(iter->temp == static_temp_buf)): an EqKey. Whether the
// name is a local, which the text does not say, is the caller's to rule
// out (Func.localObject).
func writtenComparison(s string, enums map[string]uint64) (key string, ifTrue, ifFalse Class) {
	if enums == nil {
		return "", 0, 0 // a name may be an enumerator
	}
	op, i := "==", strings.Index(s, "==")
	if j := strings.Index(s, "!="); i < 0 || j >= 0 && j < i {
		op, i = "!=", j
	}
	if i <= 0 || strings.Contains(s[i+2:], "==") || strings.Contains(s[i+2:], "!=") {
		return "", 0, 0
	}
	x, y := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+2:])
	name := strings.TrimPrefix(y, "&")
	if !cparse.IsIdent(name) || !isLocationText(x) || name == "NULL" {
		if name = strings.TrimPrefix(x, "&"); !cparse.IsIdent(name) || !isLocationText(y) || name == "NULL" {
			return "", 0, 0
		}
		x, y = y, x
	}
	if _, isEnum := enums[name]; isEnum {
		return "", 0, 0
	}
	if _, isInt := IntOfText(y); isInt || cparse.IsIdent(x) && !strings.HasPrefix(y, "&") {
		// A constant, or two plain names: which is the location?
		return "", 0, 0
	}
	if op == "==" {
		return EqKey(cparse.LockKey(x), y), NonZero, Zero
	}
	return EqKey(cparse.LockKey(x), y), Zero, NonZero
}

// isLocationText reports whether s names a variable or a member reached
// from one through -> and . only.
func isLocationText(s string) bool {
	for _, part := range strings.Split(strings.ReplaceAll(s, "->", "."), ".") {
		if !cparse.IsIdent(strings.TrimSpace(part)) {
			return false
		}
	}
	return true
}

// comparedWithZero is what a comparison of a value with 0 teaches of the
// value's kind on its true and false edges (an ERR_PTR() is negative).
func comparedWithZero(op string) (ifTrue, ifFalse Class, ok bool) {
	switch op {
	case "==":
		return Zero, NonZero, true
	case "!=":
		return NonZero, Zero, true
	case "<":
		return Neg | ErrPtr, Any &^ (Neg | ErrPtr), true
	case ">=":
		return Any &^ (Neg | ErrPtr), Neg | ErrPtr, true
	case ">":
		return Pos | Ptr, Zero | Neg | ErrPtr, true
	case "<=":
		return Zero | Neg | ErrPtr, Pos | Ptr, true
	}
	return 0, 0, false
}

// keptBits are what is known of bits of key that a compound assignment
// with a constant leaves known: flags |= C sets C's bits and leaves the
// others; flags &= C clears the bits outside C. A test of a mask the
// constant does not touch still holds after it (__mark_inode_dirty()
// adds I_DIRTY_TIME to flags between its test of I_DIRTY_INODE and the
// call that test guards).
func keptBits(key string, v *cparse.Expr, s *State, enums map[string]uint64) []Value {
	if v == nil || v.Kind != cparse.Assign || v.Op != "|=" && v.Op != "&=" {
		return nil
	}
	c, ok := cparse.ConstIntIn(v.Y, enums)
	if !ok {
		return nil
	}
	var out []Value
	for _, val := range s.Values {
		base, m, ok := SplitMaskKey(val.Key)
		if !ok || base != key {
			continue
		}
		switch {
		case v.Op == "|=" && m&c == 0, v.Op == "&=" && m&^c == 0:
			out = append(out, val) // the bits tested are untouched
		case v.Op == "|=" && val.Class&Zero == 0, v.Op == "&=" && val.Class&NonZero == 0:
			out = append(out, val) // set bits stay set, clear ones clear
		}
	}
	return out
}

// testedKey is the location a condition tests: a variable, a member
// chain (cd->clk), or constant bits of either (flags & RPM_ASYNC: see
// MaskKey).
func testedKey(x *cparse.Expr) string { return testedKeyIn(x, nil) }

// testedKeyIn is testedKey with the values of enumerators a mask may name.
func testedKeyIn(x *cparse.Expr, enums map[string]uint64) string {
	switch {
	case x == nil:
		return ""
	case x.Kind == cparse.Ident:
		return x.Name
	case x.Kind == cparse.Member:
		return locationKey(x)
	case x.Kind == cparse.Binary && x.Op == "&":
		if loc, m, ok := masked(x, enums, func(loc *cparse.Expr) bool { return testedKey(loc) != "" }); ok {
			return MaskKey(testedKey(loc), m)
		}
	}
	return ""
}

// masked reads x, a & of a location (a variable or a member, its casts
// taken off) and a nonzero constant, in either order: the first side
// that is a location loc accepts, and the constant's value.
func masked(x *cparse.Expr, enums map[string]uint64, accept func(loc *cparse.Expr) bool) (loc *cparse.Expr, mask uint64, ok bool) {
	for _, side := range [2][2]*cparse.Expr{{x.X, x.Y}, {x.Y, x.X}} {
		loc, bits := side[0], side[1]
		for loc != nil && loc.Kind == cparse.Cast {
			loc = loc.X
		}
		if loc == nil || loc.Kind != cparse.Ident && loc.Kind != cparse.Member || !accept(loc) {
			continue
		}
		if m, ok := cparse.ConstIntIn(bits, enums); ok && m != 0 {
			return loc, m, true
		}
	}
	return nil, 0, false
}

// MaskKey is the location that stands for the bits mask of the location
// key: what a branch on flags & mask teaches, kept apart from what is
// known of flags itself. It is written as an argument's masked value is
// (cparse.MaskedValue).
func MaskKey(key string, mask uint64) string { return cparse.MaskedValue(key, mask) }

// SplitMaskKey undoes MaskKey.
func SplitMaskKey(k string) (key string, mask uint64, ok bool) {
	if strings.Contains(k, "==") {
		return "", 0, false // an EqKey, whose object's address may read as a mask (&bad)
	}
	return cparse.SplitMaskedValue(k)
}

// ClassOfInt is the kind of an integer constant's value.
func ClassOfInt(v uint64) Class {
	if v == 0 {
		return Zero
	}
	return Pos
}

// IntOfText reads an argument's text as an integer constant (a literal,
// possibly in parentheses or cast).
func IntOfText(arg string) (uint64, bool) {
	return cparse.IntLit(bareText(arg))
}

// isNullish reports whether e is 0 or NULL (a cast 0).
func isNullish(e *cparse.Expr) bool {
	for e != nil && e.Kind == cparse.Cast {
		e = e.X
	}
	if e == nil {
		return false
	}
	if e.API != nil && e.API.Name == "NULL" {
		return true
	}
	v, ok := cparse.IntLit(e.Name)
	return e.Kind == cparse.Lit && ok && v == 0
}

// condsOfChoice are the conditional locks a value chosen on a pending
// lock's condition carries: err = cd->clk ? 0 : -ENODEV, where the lock
// is held iff cd->clk is a valid pointer, leaves it held iff err is 0.
// The two choices must be of kinds apart.
func condsOfChoice(key string, v *cparse.Expr, s *State) []CondLock {
	for v != nil && v.Kind == cparse.Cast {
		v = v.X
	}
	if key == "" || v == nil || v.Kind != cparse.Cond || len(s.Conds) == 0 {
		return nil
	}
	tested, ifTrue, ifFalse := branchFacts(v.X)
	yes, no := ClassOf(v.Y, s), ClassOf(v.Z, s)
	if tested == "" || tested == key || yes&no != 0 {
		return nil
	}
	var out []CondLock
	for _, c := range s.Conds {
		if c.Var != tested {
			continue
		}
		switch {
		case ifTrue&^c.When == 0 && ifFalse&c.When == 0:
			out = append(out, CondLock{Var: key, When: yes, Lock: c.Lock, Preempt: c.Preempt, Pin: c.Pin, IRQOff: c.IRQOff})
		case ifFalse&^c.When == 0 && ifTrue&c.When == 0:
			out = append(out, CondLock{Var: key, When: no, Lock: c.Lock, Preempt: c.Preempt, Pin: c.Pin, IRQOff: c.IRQOff})
		}
	}
	return out
}

// condsOfCopy are the conditions of a variable copied whole into key:
// pcp = ({ ...; _ret; }) (pcpu_spin_trylock()), x = y: what y's kinds
// decided, x's decide.
func condsOfCopy(key string, v *cparse.Expr, s *State) []CondLock {
	for v != nil && (v.Kind == cparse.Cast || v.Kind == cparse.StmtExpr) {
		if v.Kind == cparse.Cast {
			v = v.X
			continue
		}
		if v.Body == nil || len(v.Body.List) == 0 {
			return nil
		}
		last := v.Body.List[len(v.Body.List)-1]
		if last.Kind != cparse.ExprStmt {
			return nil
		}
		v = last.X
	}
	if key == "" || v == nil || v.Kind != cparse.Ident || v.Name == key {
		return nil
	}
	var out []CondLock
	for _, c := range s.Conds {
		if c.Var == v.Name {
			c.Var = key
			// The object locked is named by the copy too: pcp->lock
			// for _ret->lock, once _ret is out of scope.
			if p := cparse.ParsePath(c.Lock.Key); p.Base == v.Name {
				c.Lock.Key = p.Rebase(key).String()
			}
			out = append(out, c)
		}
	}
	return out
}

// ClassOfText is what an argument's text says of its value: NULL, false,
// 0 and other integer constants, true, and an address (&x); Any for
// anything else.
func ClassOfText(arg string) Class {
	t := bareText(arg)
	switch t {
	case "NULL", "false":
		return Zero
	case "true":
		return Pos
	}
	if strings.HasPrefix(t, "&") && !strings.HasPrefix(t, "&&") {
		return Ptr
	}
	if v, ok := cparse.IntLit(t); ok {
		if v == 0 {
			return Zero
		}
		return Pos
	}
	return Any
}

// bareText is an argument's text without spaces, enclosing parentheses
// and pointer casts.
func bareText(arg string) string {
	t := strings.Join(strings.Fields(arg), "")
	for {
		u := stripPointerCast(t)
		if strings.HasPrefix(u, "(") && strings.HasSuffix(u, ")") && cparse.BalancedParens(u[1:len(u)-1]) {
			u = u[1 : len(u)-1]
		}
		if u == t {
			break
		}
		t = u
	}
	return t
}

// stripPointerCast removes a leading cast to a pointer type: "(struct
// rcu_head*)&x" is "&x".
func stripPointerCast(t string) string {
	if rest, ok := strings.CutPrefix(t, "(...)"); ok {
		return rest // a cast as cparse writes argument text
	}
	if !strings.HasPrefix(t, "(") {
		return t
	}
	depth := 0
	for i, c := range t {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				if i+1 < len(t) && strings.HasSuffix(t[:i], "*") {
					return t[i+1:]
				}
				return t
			}
		}
	}
	return t
}

// NullMembers are the struct members a branch of the function tested
// (if (ops->request) ...) that are NULL on every path to a state: a
// call made there happens only for objects that leave the member unset,
// which the whole program may show no object does (cparse marks the
// members tested; interproc decides). Sorted by tag, then field.
func (r *Func) NullMembers(s *State) []cparse.FieldRef {
	var out []cparse.FieldRef
	for key, ref := range r.testedMembers() {
		if c, ok := s.Values.Of(key); ok && c == Zero && !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	slices.SortFunc(out, func(a, b cparse.FieldRef) int {
		return cmp.Or(cmp.Compare(a.Tag, b.Tag), cmp.Compare(a.Field, b.Field))
	})
	return out
}

// ParamMembers are what the branches before a point (the event e of
// block b) knew of members of the objects the function's parameters
// point to, as access paths from the parameter (store->file), tested
// directly or through a local that aliases one (drivers/md/md-bitmap.c
// md_bitmap_file_unmap(): file = store->file; ... if (file)), or
// compared with a named object's address (EqKey); not of a parameter
// the function assigns, nor of a member it writes itself (before the
// point, for an EqKey). What the test sees is taken to be what the
// caller passed.
func (r *Func) ParamMembers(s *State, b *cfg.Block, e *cfg.Event) []Value {
	var out []Value
	for _, v := range s.Values {
		if _, _, masked := SplitMaskKey(v.Key); masked || v.Class == Any || v.Class == 0 {
			continue
		}
		if loc, _, ok := SplitEqKey(v.Key); ok {
			// Whether a member points to a named object: as the caller
			// passed it where no store of the function's may have come
			// before (trace_find_next_entry() stores iter->temp after
			// the allocation its test of it guards).
			p := cparse.ParsePath(loc)
			f := r.Graph.Func
			if len(p.Steps) > 0 && p.Steps[0].Op == "->" && f.HasParam(p.Base) && !writtenOrAddressed(f, p.Base) && !r.storedBefore(loc, b, e) {
				out = append(out, v)
			}
			continue
		}
		key := v.Key
		if al, ok := r.alias[key]; ok && !strings.HasPrefix(al, "\x00") && !strings.HasPrefix(al, "&") {
			key = al
		}
		p := cparse.ParsePath(key)
		f := r.Graph.Func
		if len(p.Steps) == 0 || p.Steps[0].Op != "->" || !f.HasParam(p.Base) || writtenOrAddressed(f, p.Base) || len(r.storesOf(key)) > 0 {
			continue
		}
		if slices.ContainsFunc(p.Steps, func(st cparse.Step) bool { return st.Op == "[]" }) {
			continue
		}
		out = append(out, Value{Key: key, Class: v.Class})
	}
	return out
}

// MemberMask is bits of a struct member: up->capabilities &
// UART_CAP_RPM's. Pointer marks a pointer to a struct, nonzero where the
// mask is all bits: one no store of the program sets is NULL.
type MemberMask struct {
	cparse.FieldRef
	Mask    uint64
	Pointer bool
}

// SetBits are the bits of struct members a branch of the function tested
// (if (!(up->capabilities & UART_CAP_RPM)) return;) that are set on every
// path to a state: a call made there happens only for objects that have
// them, which the whole program may show no object does (interproc
// decides). Sorted by tag, field, then mask.
func (r *Func) SetBits(s *State) []MemberMask {
	return r.bitsWhere(s, func(c Class, _ MemberMask) bool { return c&Zero == 0 })
}

// ClearBits are the bits of struct members a branch of the function
// tested (if ((q)->tag_set->flags & BLK_MQ_F_BLOCKING) ... else) that
// are clear on every path to a state: a callee's way down that needs
// them set, in that member or in one its bits are copied into, is taken
// for another family of objects than the caller's (Env.Sleeps). Sorted
// as SetBits.
func (r *Func) ClearBits(s *State) []MemberMask {
	return r.bitsWhere(s, func(c Class, mm MemberMask) bool { return c == Zero && !mm.Pointer })
}

// bitsWhere are the member bits branches tested whose value in s keep
// says, sorted by tag, field, then mask.
func (r *Func) bitsWhere(s *State, keep func(Class, MemberMask) bool) []MemberMask {
	var out []MemberMask
	for key, mm := range r.testedBits() {
		if c, ok := s.Values.Of(key); ok && keep(c, mm) && !slices.Contains(out, mm) {
			out = append(out, mm)
		}
	}
	slices.SortFunc(out, func(a, b MemberMask) int {
		return cmp.Or(cmp.Compare(a.Tag, b.Tag), cmp.Compare(a.Field, b.Field), cmp.Compare(a.Mask, b.Mask))
	})
	return out
}

// returnedMembers adds to r.bits the locals that hold, as the only value
// the function stores in them, what a callee returns of a struct member
// (Summary.ReturnsMember, Summary.ReturnsBits): a test of the local is a
// test of the member (kernel/irq/chip.c irq_chip_pm_get(): dev =
// irq_get_pm_device(data); if (IS_ENABLED(CONFIG_PM) && dev) ...).
func (r *Func) returnedMembers() {
	writes := map[string]int{}
	from := map[string]*cparse.FieldRef{}
	bitsFrom := map[string]*MemberMask{}
	r.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if (e.Kind != cfg.Assign && e.Kind != cfg.Call) || e.DefKey == "" {
			return
		}
		writes[e.DefKey]++
		if sum := r.summaryOf(e); sum != nil && sum.ReturnsMember != nil {
			from[e.DefKey] = sum.ReturnsMember
		} else if sum != nil && sum.ReturnsBits != nil {
			bitsFrom[e.DefKey] = sum.ReturnsBits
		}
	})
	for key, m := range from {
		if writes[key] == 1 && r.followed(key) {
			r.bits[key] = MemberMask{FieldRef: *m, Mask: ^uint64(0), Pointer: true}
		}
	}
	for key, mm := range bitsFrom {
		if writes[key] == 1 && r.followed(key) {
			r.bits[key] = *mm
		}
	}
}

// returnedBitsTested adds to r.bits the values of calls a branch tests
// as they come (if (!irq_supports_nmi(desc))) whose callee returns bits
// of a member (Summary.ReturnsBits), by callValueKey.
func (r *Func) returnedBitsTested(c *cparse.Expr) {
	if c = testedCall(c); c == nil {
		return
	}
	sum := r.summaryOf(&cfg.Event{Kind: cfg.Call, API: c.API})
	if sum == nil || sum.ReturnsBits == nil {
		return
	}
	r.bits[callValueKey(c.API.Pos)] = *sum.ReturnsBits
	if !kapi.Snapshot(sum.ReturnsBits.Tag) {
		return
	}
	// user_mode(regs), twice: the bits of regs->cs both times.
	base, mask, ok := SplitMaskKey(sum.ReturnsParamBits)
	if !ok {
		return
	}
	args := r.canon(&cfg.Event{Kind: cfg.Call, Pos: c.API.Pos, API: c.API, Expr: c}).API.Args
	if loc, ok := sum.rewrite(base, args); ok {
		key := MaskKey(loc, mask)
		r.callBits[callValueKey(c.API.Pos)] = key
		r.snapshot[key] = true
	}
}

// testedCall is the call a branch condition tests the value of, through
// casts, negations and a comparison with a constant; nil for another
// condition.
func testedCall(c *cparse.Expr) *cparse.Expr {
	if call, _, _ := comparedCall(c); call != nil {
		c = call
	}
	for c != nil && (c.Kind == cparse.Cast || c.Kind == cparse.Unary && c.Op == "!") {
		c = c.X
	}
	if c == nil || c.API == nil {
		return nil
	}
	return c
}

// storedBits are what a store leaves known of the bits of its location,
// in a state s before it: what a compound assignment with a constant
// keeps (keptBits), and what a constant stored, or or'ed in, or and'ed
// out, makes known of the bits branches test (testedMasks): unsigned int
// flags = FAULT_FLAG_DEFAULT has the bits of FAULT_FLAG_USER clear, and
// flags |= FAULT_FLAG_USER sets them. Masks an enumerator names count.
func (r *Func) storedBits(e *cfg.Event, s *State) []Value {
	out := keptBits(e.DefKey, e.Value, s, r.Graph.Enums)
	masks := r.testedMasks()[e.DefKey]
	if len(masks) == 0 || e.Value == nil {
		return out
	}
	op, v := "=", e.Value
	if e.Value.Kind == cparse.Assign {
		op, v = e.Value.Op, e.Value.Y
	}
	c, ok := cparse.ConstIntIn(v, r.Graph.Enums)
	if !ok {
		return out
	}
	for _, m := range masks {
		switch {
		case (op == "=" || op == "|=") && c&m != 0:
			out = append(out, Value{MaskKey(e.DefKey, m), NonZero})
		case op == "=" || op == "&=" && c&m == 0:
			out = append(out, Value{MaskKey(e.DefKey, m), Zero})
		}
	}
	return out
}

// testedMasks are the constant masks branch conditions test of each
// location (flags & FAULT_FLAG_USER), by the location's key.
func (r *Func) testedMasks() map[string][]uint64 {
	if r.masks != nil {
		return r.masks
	}
	r.masks = map[string][]uint64{}
	for _, b := range r.Graph.Blocks {
		for _, e := range b.Succs {
			if e.Cond == nil {
				continue
			}
			cparse.WalkExprs(&cparse.Stmt{Kind: cparse.ExprStmt, X: e.Cond}, func(x *cparse.Expr) {
				if x.Kind != cparse.Binary || x.Op != "&" {
					return
				}
				if base, m, ok := SplitMaskKey(testedKeyIn(x, r.Graph.Enums)); ok && !slices.Contains(r.masks[base], m) {
					r.masks[base] = append(r.masks[base], m)
				}
			})
		}
	}
	return r.masks
}

// testedBits maps the values key of each member's bits a branch
// condition tests (flags & mask, the member marked by cparse) to them.
func (r *Func) testedBits() map[string]MemberMask {
	r.findTested()
	return r.bits
}

// testedCallBits maps the callValueKey of each call a branch tests that
// returns bits of a snapshot its argument points to to those bits'
// values key in the function's terms.
func (r *Func) testedCallBits() map[string]string {
	r.findTested()
	return r.callBits
}

// testedMembers maps the values key of each member a branch condition
// tests to the member: cparse marks those it found tested (Indirect on
// a member, through !, &&, || and likely()).
func (r *Func) testedMembers() map[string]cparse.FieldRef {
	r.findTested()
	return r.members
}

// findTested walks the branch conditions once for the members they test
// and the members' bits.
func (r *Func) findTested() {
	if r.members != nil {
		return
	}
	r.members, r.bits = map[string]cparse.FieldRef{}, map[string]MemberMask{}
	r.snapshot, r.callBits = map[string]bool{}, map[string]string{}
	for _, b := range r.Graph.Blocks {
		for _, e := range b.Succs {
			if e.Cond == nil {
				continue
			}
			r.returnedBitsTested(e.Cond)
			cparse.WalkExprs(&cparse.Stmt{Kind: cparse.ExprStmt, X: e.Cond}, func(x *cparse.Expr) {
				switch {
				case x.Kind == cparse.Member && x.Indirect != nil:
					if k := testedKeyIn(x, r.Graph.Enums); k != "" {
						r.members[k] = *x.Indirect
					}
				case x.Kind == cparse.Binary && x.Op == "&":
					for _, side := range [2]*cparse.Expr{x.X, x.Y} {
						for side != nil && side.Kind == cparse.Cast {
							side = side.X
						}
						if side == nil || side.Kind != cparse.Member || side.Indirect == nil {
							continue
						}
						key := testedKeyIn(x, r.Graph.Enums)
						if _, mask, ok := SplitMaskKey(key); ok {
							r.bits[key] = MemberMask{FieldRef: *side.Indirect, Mask: mask}
							r.snapshot[key] = kapi.Snapshot(side.Indirect.Tag)
						}
					}
				}
			})
		}
	}
	r.returnedMembers()
}

// SetBitsOf are the bits the state knows set in the location key: those
// of its masks of one bit that branches, stores or a callee's out
// parameter found nonzero.
func (s *State) SetBitsOf(key string) uint64 {
	var bits uint64
	for _, v := range s.Values {
		if base, m, ok := SplitMaskKey(v.Key); ok && base == key && m&(m-1) == 0 && v.Class&Zero == 0 && v.Class != 0 {
			bits |= m
		}
	}
	return bits
}

// ArgValuesAt are a call's argument values (cparse.APIUse.Values) with,
// for an argument that is a location whose bits the state before the
// call knows set and that has no value of its own, those bits
// (cparse.SetBitsValue): get_user_pages_fast_only() passes gup_flags
// with FOLL_FAST_ONLY set by is_valid_gup_args() (Summary.OutBits).
func ArgValuesAt(args, values []string, s *State) []string {
	if s == nil {
		return values
	}
	return fillValues(args, values, func(a string) string {
		a = strings.TrimSpace(a)
		if !isLocationText(a) {
			return ""
		}
		if bits := s.SetBitsOf(cparse.LockKey(a)); bits != 0 {
			return cparse.SetBitsValue(bits)
		}
		return ""
	})
}

// WithMayBits are a call's argument values with, for an argument that
// has none and may have only some bits (MayBitsOf), those bits
// (cparse.MayBitsValue).
func (r *Func) WithMayBits(args, values []string) []string {
	return fillValues(args, values, func(a string) string {
		if bits, ok := r.MayBitsOf(a); ok {
			return cparse.MayBitsValue(bits)
		}
		return ""
	})
}

// fillValues are values with the arguments that have none given what
// value says of them, when it says something; values itself when it
// says nothing.
func fillValues(args, values []string, value func(arg string) string) []string {
	var out []string
	for i, a := range args {
		if i < len(values) && values[i] != "" {
			continue
		}
		if v := value(a); v != "" {
			if out == nil {
				out = make([]string, len(args))
				copy(out, values)
			}
			out[i] = v
		}
	}
	if out == nil {
		return values
	}
	return out
}
