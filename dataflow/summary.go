package dataflow

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kpreempt/kpreempt/cfg"
	"github.com/kpreempt/kpreempt/cparse"
	"github.com/kpreempt/kpreempt/kapi"
)

// Summary is what a call of a function of the unit does to its caller's
// context, when every exit agrees: locks it returns holding, locks of its
// caller it releases, and its net effect on the preempt count. Lock keys
// are in the callee's terms; a key starting with a parameter's name is
// rewritten with the caller's argument.
type Summary struct {
	Params   []string `json:"params,omitempty"`
	Acquires []Held   `json:"acquires,omitempty"`
	Releases []string `json:"releases,omitempty"`
	// MayReleases are locks of its caller it releases on some ways out
	// only: itself, or through a callee that releases them on every way
	// out (console_unlock() through __console_unlock() on one branch).
	// The caller drops them too; they go no further up (a callee's own
	// MayReleases are not the function's), so a release deep down an
	// error path does not spread to every caller of every caller.
	MayReleases []string `json:"may_releases,omitempty"`
	Preempt     int8     `json:"preempt,omitempty"`
	// FPU is what the function does to its caller's FPU section on
	// every way out: 1 when it returns inside a section it began
	// (fpregs_lock_and_load()), -1 when it ends the caller's.
	FPU int8 `json:"fpu,omitempty"`
	// Unpins says the function lets its task migrate on some way out,
	// where its caller may have pinned it (State.Unpinned).
	Unpins bool `json:"unpins,omitempty"`
	// Unchecks says the function turns the kernel's own sleep checks
	// off on every way out (State.Unchecked: kernel_shutdown_prepare()
	// stores the shutdown's system_state).
	Unchecks bool `json:"unchecks,omitempty"`
	// Rechecks says it turns them on again on every way out
	// (oops_end()'s bust_spinlocks(0)).
	Rechecks bool `json:"rechecks,omitempty"`
	// Unseen are the objects (lock keys) the function passes to calls
	// the analysis cannot see into, directly or through its callees: any
	// lock of theirs may be released there (see releaseUnseen).
	Unseen []string `json:"unseen,omitempty"`
	// CondReleases are locks of its caller the function releases on the
	// exits whose value is of a kind in When, and returns holding on the
	// others (tcp_add_backlog() releases the socket's lock when it
	// returns true; wait_consider_task() drops tasklist_lock when it
	// returns nonzero): the caller's branch on the value decides.
	CondReleases []CondHeld `json:"cond_releases,omitempty"`
	// ReleasesIf are locks of its caller the function releases on every
	// way out where a parameter it never assigns has a value of the
	// kinds in When, and keeps, or takes back, on others: a caller that
	// passes such a constant there has the lock released
	// (drivers/md/md.c stop_sync_thread(mddev, locked) drops
	// reconfig_mutex for good when locked is false; see Summary.At).
	ReleasesIf []ParamRelease `json:"releases_if,omitempty"`
	// CondAcquires are locks the function returns holding on some exits
	// only, told apart by the value it returns: held iff the value is of
	// a kind in When (trylock-like: nonzero; interruptible-like: 0; a
	// lookup that returns the object locked: a valid pointer).
	CondAcquires []CondHeld `json:"cond_acquires,omitempty"`
	// Value is what every return gives when it is a CPU id or a per-CPU
	// pointer obtained in the call (return smp_processor_id(), return
	// this_cpu_ptr(&x), a local assigned once from such a call, or the
	// value of a callee whose summary says so): as valid in the caller as
	// the caller's protection around the call makes it.
	Value kapi.Value `json:"value,omitempty"`
	// Returns is the kinds of value the function returns, when each
	// return's is known: a constant (a header's `return false;` stub of
	// a feature the configuration leaves out), a variable the branches
	// and assignments before it tell of (return pid, task_pid_vnr()'s
	// value), a callee's of known kinds: a branch on the call that needs
	// another kind is never taken (kernel/exit.c: wait_consider_task()
	// returns 0 or a pid, so "if (retval)" after it is a pid). 0 when not
	// known.
	Returns Class `json:"returns,omitempty"`
	// CondPreempt is a preempt count the function returns with on some
	// exits only, told apart by the value it returns: Preempt levels
	// above Preempt iff the value is of a kind in When
	// (ring_buffer_lock_reserve() returns an event with preemption
	// disabled, NULL with it enabled again). nil when the exits agree.
	CondPreempt *CondCount `json:"cond_preempt,omitempty"`
	// CondIRQOff, when not 0, is the kinds of value the function returns
	// with interrupts disabled, where on its other exits they are as it
	// found them (try_to_grab_pending(): "On successful return, >= 0,
	// irq is disabled and the caller is responsible for releasing it").
	CondIRQOff Class `json:"cond_irq_off,omitempty"`
	// IRQ is what the function leaves interrupts as on every way out,
	// when it changes them (IRQEffect).
	IRQ IRQEffect `json:"irq,omitempty"`
	// RTVariant says the function returns atomic on PREEMPT_RT only by
	// variant code (cparse.APIUse.Variant): kmap_atomic() disables
	// preemption on the kernel the .config chose, and only migration on
	// PREEMPT_RT ("if (IS_ENABLED(CONFIG_PREEMPT_RT)) migrate_disable();
	// else preempt_disable();"). A caller reads its call as variant code.
	RTVariant bool `json:"rt_variant,omitempty"`
	// ReturnsMember is the struct member, a pointer to a struct, whose
	// value the function returns as it read it, or NULL: a caller's test
	// of the value tests the member (kernel/irq/chip.c
	// irq_get_pm_device(): return data->domain->pm_dev;).
	ReturnsMember *cparse.FieldRef `json:"returns_member,omitempty"`
	// ReturnsBits are bits of an integer struct member the function
	// returns as it read them, or false: it returns true only for an
	// object that has them (kernel/irq/manage.c irq_supports_nmi():
	// return d->chip->flags & IRQCHIP_SUPPORTS_NMI;).
	ReturnsBits *MemberMask `json:"returns_bits,omitempty"`
	// ReturnsParamBits are the same bits as a location of the
	// function's parameters (MaskKey of "regs->cs" and 3, of
	// arch/x86/include/asm/ptrace.h user_mode(): return !!(regs->cs &
	// 3);): a caller's tests of two calls with the same argument test
	// the same bits, as its own test of them would.
	ReturnsParamBits string `json:"returns_param_bits,omitempty"`
	// ReturnsConst is set when every return gives an integer constant;
	// ReturnsOnly then has the bits any of them has
	// (include/linux/skbuff.h skb_alloc_rx_flag() returns SKB_ALLOC_RX or
	// 0): an argument the call gives has none of the others (since facts
	// version 65).
	ReturnsConst bool   `json:"returns_const,omitempty"`
	ReturnsOnly  uint64 `json:"returns_only,omitempty"`
	// OutBits are bits the function sets in what a pointer parameter
	// points to on every return of a nonzero value: mm/gup.c
	// is_valid_gup_args() stores its flags or'ed with to_set through
	// gup_flags_p before it returns true, so its caller's flags have
	// FOLL_FAST_ONLY past "if (!is_valid_gup_args(..., &gup_flags,
	// FOLL_GET | FOLL_FAST_ONLY)) return -EINVAL;".
	OutBits []OutBits `json:"out_bits,omitempty"`
	// PointsTo are the named objects the function leaves members of its
	// parameters' objects pointing to on every return, as EqKeys of the
	// member's path from the parameter (kernel/trace/trace.c
	// trace_init_iter() stores iter->temp = static_temp_buf:
	// "iter->temp==static_temp_buf"): past the call, the caller knows
	// the member of the object it passed, as if it had stored it (since
	// facts version 66).
	PointsTo []string `json:"points_to,omitempty"`
	// ReturnsPath is the access path from one of its parameters that
	// every return gives as it read it (block/blk.h bdev_get_queue():
	// return bdev->bd_queue;): a lock key through a call of the function
	// is the path's (Func.throughAccessors; since facts version 69).
	ReturnsPath string `json:"returns_path,omitempty"`
	// IfZero and IfNonZero are what the function's returning 0, or not,
	// tells of bits of its parameters' objects, where ReturnsParamBits
	// does not say it all: each a MaskKey in the parameters' terms, with
	// the kinds its bits then have (arch/x86/include/asm/ptrace.h
	// any_64bit_mode(): return !user_mode(regs) ||
	// user_64bit_mode(regs); returns 0 only where regs->cs & 3 is not 0:
	// a caller past "if (any_64bit_mode(regs)) return" has a user-mode
	// snapshot; since facts version 68).
	IfZero    []Value `json:"if_zero,omitempty"`
	IfNonZero []Value `json:"if_non_zero,omitempty"`
	// Globals are the variables neither declared by the function nor
	// its parameters, pointers to the objects of locks its keys name
	// (kernel/audit_tree.c create_chunk() releases
	// audit_tree_group->mark_mutex): a caller names those locks as it
	// does, where a key through a pointer of the callee's own means
	// nothing (RewriteKey).
	Globals []string `json:"globals,omitempty"`
}

// ParamRelease is a lock a function releases where its parameter Param
// (1-based) has a value of the kinds in When (Summary.ReleasesIf).
type ParamRelease struct {
	Key   string `json:"key"`
	Param int    `json:"param"`
	When  Class  `json:"when"`
}

// At is the summary as it applies to a call with the arguments args (as
// the caller writes them): a lock released where a parameter has a kind
// of value (ReleasesIf) is released on every way out of a call that
// passes a constant of that kind there. The summary itself when no
// argument decides one.
func (sum *Summary) At(args []string) *Summary {
	if sum == nil || len(sum.ReleasesIf) == 0 {
		return sum
	}
	out := sum
	for _, pr := range sum.ReleasesIf {
		if pr.Param > len(args) {
			continue
		}
		if c, ok := ConstArgClass(args[pr.Param-1]); !ok || c&^pr.When != 0 || slices.Contains(out.Releases, pr.Key) {
			continue
		}
		if out == sum {
			cp := *sum
			cp.Releases, cp.MayReleases = slices.Clone(sum.Releases), slices.Clone(sum.MayReleases)
			out = &cp
		}
		out.Releases = append(out.Releases, pr.Key)
		out.MayReleases = slices.DeleteFunc(out.MayReleases, func(k string) bool { return k == pr.Key })
	}
	return out
}

// ConstArgClass is the kind of value of an argument written as a
// constant (false, true, NULL, an integer literal); ok is false for
// anything else.
func ConstArgClass(arg string) (c Class, ok bool) {
	switch bareText(arg) {
	case "false", "NULL":
		return Zero, true
	case "true":
		return Pos, true
	}
	if v, ok := IntOfText(arg); ok {
		return ClassOfInt(v), true
	}
	return 0, false
}

// releasedIfParam finds a parameter of f, never assigned, whose value
// decides whether the function releases its caller's lock key: every
// exit that may be taken with a value of one kind (0, or not 0) has
// dropped the lock, and some exit that is taken only with the other has
// not.
func releasedIfParam(f *cparse.Func, exits []Exit, key string) (ParamRelease, bool) {
	if len(exits) == 0 {
		return ParamRelease{}, false
	}
	var st stores
	for i, p := range f.Params {
		if p.Name == "" {
			continue
		}
		if st.count == nil {
			st = storesTo(f)
		}
		if st.count[p.Name] > 0 {
			continue
		}
		for _, when := range [2]Class{Zero, NonZero} {
			decided, kept := false, false
			all := true
			for _, x := range exits {
				c, known := x.State.Values.Of(p.Name)
				if !known {
					c = Any
				}
				_, held := x.State.Lock(key)
				dropped := x.State.Dropped.Has(key) && !held
				switch {
				case c&when == 0:
					kept = kept || !dropped
				case !dropped:
					all = false
				case c&^when == 0:
					decided = true
				}
			}
			if all && decided && kept {
				return ParamRelease{Key: key, Param: i + 1, When: when}, true
			}
		}
	}
	return ParamRelease{}, false
}

// OutBits are bits a function sets through its pointer parameter Param
// (1-based): the constant Bits, and the bits of the value of parameter
// FromParam (0 for none).
type OutBits struct {
	Param     int    `json:"param"`
	FromParam int    `json:"from_param,omitempty"`
	Bits      uint64 `json:"bits,omitempty"`
}

// IRQEffect is what a function leaves interrupts as for its caller: a
// helper that disables them (work_grab_pending() loops on
// try_to_grab_pending() until it returns with them disabled;
// ksoftirqd_run_begin()) pairs with one that enables them
// (ksoftirqd_run_end()) or restores what its caller saved
// (task_rq_unlock(rq, p, &rf) restores rf->flags).
type IRQEffect struct {
	// Off: disabled on every way out, by the function; RawOff: on
	// PREEMPT_RT too (local_irq_disable(), not spin_lock_irq()).
	Off    bool `json:"off,omitempty"`
	RawOff bool `json:"raw_off,omitempty"`
	// On: enabled again on every way out, by the function; RawOn: on
	// PREEMPT_RT too.
	On    bool `json:"on,omitempty"`
	RawOn bool `json:"raw_on,omitempty"`
	// Where the ways out do not agree, what some of them leave: disabled
	// (MayOff: task_blocks_on_rt_mutex() drops its caller's
	// wait_lock with interrupts and takes it back on one way), enabled
	// (MayOn), or not known (Lost: restored from flags its caller saved,
	// task_rq_unlock()); the other ways leave them as the caller had
	// them. PREEMPT_RT's view has no such effect but RawLost: in a unit
	// read without CONFIG_PREEMPT_RT, what its own code does there is not
	// all known (code under #ifdef CONFIG_PREEMPT_RT is not read).
	MayOff bool `json:"may_off,omitempty"`
	MayOn  bool `json:"may_on,omitempty"`
	Lost   bool `json:"lost,omitempty"`
	// RawLost: a way out restores them from flags its caller saved on
	// PREEMPT_RT too (acpi_os_release_raw_lock()).
	RawLost bool `json:"raw_lost,omitempty"`
}

// irqEffectOf is what the exits leave interrupts as, the entry having
// had them as entry has. A function whose value tells apart the ways
// out that disable them (Summary.CondIRQOff) has none. One that returns
// holding a lock it took with interrupts disabled leaves them disabled
// until its caller restores them (kernel/time/hrtimer.c
// lock_hrtimer_base(): a callee that drops the lock its caller holds
// from it, switch_hrtimer_base(), still runs with interrupts off; the
// caller's unlock_hrtimer_base() restores them from the flags, as
// acpi_os_release_raw_lock() does those acpi_os_acquire_raw_lock()
// returned: IRQEffect.Lost).
func irqEffectOf(entry *State, exits []Exit, cond Class) IRQEffect {
	var e IRQEffect
	if len(exits) == 0 || cond != 0 {
		return e
	}
	off, rawOff, on, rawOn := true, true, true, true
	for _, x := range exits {
		st := &x.State
		ownOff := st.IRQ.Off() && !st.IRQOffByEntry()
		off = off && ownOff
		// Not known to be on there (see MayOff): as on the classic
		// kernel.
		rawOff = rawOff && ownOff && st.RawIRQ != MayBeOn
		on = on && st.IRQEnabled
		rawOn = rawOn && st.IRQEnabled && st.RawIRQ != MayBeOff
		switch {
		case ownOff:
			e.MayOff = true
		case st.IRQEnabled:
			e.MayOn = true
		case st.IRQ != entry.IRQ:
			e.Lost = true
			// Restored from flags its caller saved: on PREEMPT_RT too.
			e.RawLost = e.RawLost || st.RawIRQ == MayBeOn|MayBeOff
		}
	}
	e.Off, e.RawOff, e.On, e.RawOn = off, rawOff, on, rawOn
	if e.Off || e.On {
		e.MayOff, e.MayOn, e.Lost = false, false, false
	}
	if e.RawOff || e.RawOn {
		e.RawLost = false
	}
	return e
}

// apply sets what the call leaves interrupts as in the caller's state.
func (e IRQEffect) apply(s *State) {
	switch {
	case e.Off:
		s.IRQ, s.IRQEnabled = MayBeOff, false
	case e.On:
		s.IRQ, s.IRQEnabled = MayBeOn, true
	case e.MayOff || e.MayOn || e.Lost:
		// The ways out as the caller had them keep its state; the others
		// join theirs to it.
		if e.MayOff || e.Lost {
			s.IRQ = s.IRQ.Join(MayBeOff)
		}
		if e.MayOn || e.Lost {
			s.IRQ = s.IRQ.Join(MayBeOn)
		}
		s.IRQEnabled = false
	}
	switch {
	case e.RawOff:
		s.RawIRQ = MayBeOff
	case e.RawOn:
		s.RawIRQ = MayBeOn
	case e.RawLost:
		s.RawIRQ = s.RawIRQ.Join(MayBeOn | MayBeOff)
	}
}

// CondCount is a count higher by Preempt iff a value is of a kind in
// When.
type CondCount struct {
	When    Class `json:"when"`
	Preempt int8  `json:"preempt"`
}

// CondHeld is a lock held iff a call's value is of a kind in When.
type CondHeld struct {
	Held
	When Class `json:"when"`
}

// Summaries are the unit's function summaries, by function name.
type Summaries map[string]*Summary

func summarize(f *cparse.Func, fr *Func) *Summary {
	exits := fr.Exits()
	if len(exits) == 0 {
		return nil
	}
	sum := &Summary{Value: returnedValue(f, fr, exits)}
	for _, p := range f.Params {
		sum.Params = append(sum.Params, p.Name)
	}
	entry := map[string]bool{}
	for _, h := range fr.Entry.Locks {
		entry[h.Key] = true
	}
	locals := f.Locals() // locks reached through them mean nothing to the callers
	returnedLocks(exits, locals, fr.alias)
	retaken := callerLocksRetaken(fr)
	for _, ls := range lockShapes(exits, entry, func(h Held) bool { return locals[keyBase(h.Key)] }) {
		switch {
		case ls.May:
			// Held on some paths to one exit: what the function hands
			// back is not known.
		case retaken[ls.Lock.Key]:
			// Its caller's lock, given back: not a second hold.
		case len(ls.Unheld) == 0:
			sum.Acquires = append(sum.Acquires, ls.Lock)
		default:
			if when, ok := Separable(f, ls); ok {
				sum.CondAcquires = append(sum.CondAcquires, CondHeld{Held: ls.Lock, When: when})
			}
		}
	}
	// A lock of no known kind is one an annotation names (lockShapes
	// leaves them to the rules that know their kind): one taken through
	// a callee whose __acquires() says so, and held on every way out, the
	// function returns holding in turn (srcu_read_lock() around
	// __srcu_read_lock()).
	sum.Acquires = append(sum.Acquires, annotatedHeld(exits, entry, locals)...)
	// A value returned as it came from a conditional acquisition:
	// return mutex_lock_interruptible(&m), or ret = ...; return ret.
	for _, x := range exits {
		for _, c := range x.State.Conds {
			if x.Var == "" || c.Var != x.Var || !c.isLock() || c.Restores {
				continue // (a caller's lock a callee released: releasedWhen)
			}
			// The object returned, locked iff the value says so:
			// return ctx, with ctx->lock held unless ctx is NULL.
			if p := cparse.ParsePath(c.Lock.Key); p.Base == x.Var && len(p.Steps) > 0 {
				if r, ok := p.Replace(x.Var, cfg.ReturnValue); ok {
					c.Lock.Key = r.String()
				}
			}
			if !locals[keyBase(c.Lock.Key)] && !hasCond(sum.CondAcquires, c.Lock.Key) {
				sum.CondAcquires = append(sum.CondAcquires, CondHeld{Held: c.Lock, When: c.When})
			}
		}
		if st := x.Event.Stmt; st != nil && st.X != nil && st.X.API != nil {
			if eff, ok := kapi.Lookup(st.X.API.Name); ok && (eff.Lock == kapi.TryAcquire || eff.Lock == kapi.AcquireOnZero) {
				key := LockKey(st.X.API, eff)
				when := NonZero
				if eff.Lock == kapi.AcquireOnZero {
					when = Zero
				}
				if !locals[keyBase(key)] && !hasCond(sum.CondAcquires, key) {
					sum.CondAcquires = append(sum.CondAcquires, CondHeld{Held: Held{Key: key, Kind: eff.LockKind}, When: when})
				}
			}
		}
	}
	// Releases of locks never taken here and not held at any exit. A
	// release on a path that never returns (an unlock before sleeping
	// forever) is nothing the caller sees.
	taken, condTaken := map[string]bool{}, map[string]bool{}
	released := map[string]bool{}
	// Released by a callee on the returns its value tells apart: the
	// function's release only where its own value tells them apart in
	// turn (do_wait_thread() returns wait_consider_task()'s nonzero).
	condReleased := map[string]bool{}
	kinds := map[string]kapi.LockKind{} // of the locks released, where the release says
	returns := reachExits(fr.Graph, exits)
	fr.Graph.Events(func(b *cfg.Block, e *cfg.Event) {
		eff, ok := Effect(e)
		if ok && eff.Lock == kapi.Release && !returns[b] {
			return
		}
		if !ok {
			// A wrapper of a helper takes and releases what it does.
			if callee := fr.summaryOf(e); callee != nil {
				c := fr.canon(e)
				for _, k := range callee.Releases {
					if !returns[b] {
						break
					}
					if key, ok := callee.callerKey(k, c); ok {
						released[key] = true
					}
				}
				for _, cr := range callee.CondReleases {
					if key, ok := callee.callerKey(cr.Key, c); ok && returns[b] {
						condReleased[key], kinds[key] = true, cr.Kind
					}
				}
				for _, h := range callee.Acquires {
					if key, ok := callee.callerKey(h.Key, c); ok {
						taken[key] = true
					}
				}
				for _, h := range callee.CondAcquires {
					if key, ok := callee.callerKey(h.Key, c); ok {
						condTaken[key] = true
					}
				}
			}
			return
		}
		switch eff.Lock {
		case kapi.Acquire, kapi.TryAcquire, kapi.AcquireOnZero:
			taken[fr.Key(e)] = true
		case kapi.Release:
			released[fr.Key(e)] = true
			kinds[fr.Key(e)] = eff.LockKind
		}
	})
	// A lookup that returns its object inside the lock takes it too
	// (net/xfrm/xfrm_input.c xfrm_input_get_afinfo(), then the
	// rcu_read_unlock() of xfrm_rcv_cb() after it): what the function
	// releases after it is its own, unless it releases the lock where it
	// does not hold it too, its caller's (mm/memory.c do_swap_page():
	// pte_unmap() of the caller's mapping, then a mapping of its own).
	if len(condTaken) > 0 {
		callers := releasesCallers(fr, condTaken)
		for k := range condTaken {
			if !callers[k] {
				taken[k] = true
			}
		}
	}
	for k := range condReleased {
		if released[k] {
			continue
		}
		if when, ok := releasedWhen(exits, k); ok && !locals[keyBase(k)] {
			sum.CondReleases = append(sum.CondReleases, CondHeld{Held: Held{Key: k, Kind: kinds[k]}, When: when})
		}
	}
	for k := range released {
		// The caller's lock, given back on some ways out and dropped
		// on the others, as the value returned tells apart
		// (allocate_file_region_entries() unlocks resv->lock to
		// allocate, and returns -ENOMEM without it).
		if when, ok := releasedWhen(exits, k); ok && !locals[keyBase(k)] && callersOnly(exits, k) {
			sum.CondReleases = append(sum.CondReleases, CondHeld{Held: Held{Key: k, Kind: kinds[k]}, When: when})
			continue
		}
		// Taken here too, it is still the caller's lock released when
		// every way out has dropped it (taken back, released again).
		dropped := true
		for _, x := range exits {
			dropped = dropped && x.State.Dropped.Has(k)
		}
		held := taken[k] && !dropped || locals[keyBase(k)]
		for _, x := range exits {
			if _, ok := x.State.Lock(k); ok {
				held = true
			}
		}
		if held {
			continue
		}
		// Released on every way out, or on some: the function's own
		// release, or a callee's that releases on every way out
		// (released holds only those). A callee's release on some
		// ways only goes no further (see MayReleases), unless the value
		// returned tells those ways apart.
		switch when, ok := releasedWhen(exits, k); {
		case dropped:
			sum.Releases = append(sum.Releases, k)
		case ok:
			sum.CondReleases = append(sum.CondReleases, CondHeld{Held: Held{Key: k, Kind: kinds[k]}, When: when})
		default:
			sum.MayReleases = append(sum.MayReleases, k)
		}
	}
	// The caller's locks whose release a parameter decides: neither
	// released on every way out nor as the value tells.
	for k := range released {
		if slices.Contains(sum.Releases, k) || hasCond(sum.CondReleases, k) || locals[keyBase(k)] {
			continue
		}
		if pr, ok := releasedIfParam(f, exits, k); ok {
			sum.ReleasesIf = append(sum.ReleasesIf, pr)
		}
	}
	slices.SortFunc(sum.ReleasesIf, func(a, b ParamRelease) int { return strings.Compare(a.Key, b.Key) })
	sort.Strings(sum.MayReleases)
	slices.SortFunc(sum.CondReleases, func(a, b CondHeld) int { return strings.Compare(a.Key, b.Key) })
	// A __releases() annotation is the function's word, as sparse takes
	// it: the release may happen where the analysis cannot see.
	// A lock it also annotates as acquired is dropped and taken back.
	for _, k := range f.Releases {
		if !slices.Contains(sum.Releases, k) && !slices.Contains(f.Acquires, k) {
			sum.MayReleases = slices.DeleteFunc(sum.MayReleases, func(m string) bool { return m == k })
			sum.Releases = append(sum.Releases, k)
		}
	}
	sort.Strings(sum.Releases)
	// So is an __acquires() annotation, for a function that takes
	// nothing the analysis sees: console_srcu_read_lock() enters an SRCU
	// section through a primitive that is no lock here, and its partner
	// console_srcu_read_unlock() releases by its annotation. Without
	// this, every caller of the pair would release the lock of its own
	// caller. The kind is not known: the lock counts for ownership, not
	// as protection. A section's key (RCU) has its primitives. A
	// function that takes any lock the analysis sees, if only on some
	// paths, is read from its body alone: gnet_stats_start_copy()'s
	// __acquires(lock) stands for a spin_lock_bh() made only when lock is
	// not NULL, and cgroup_css_set_fork()'s __acquires(&cgroup_mutex) for
	// a cgroup_lock() made only for CLONE_INTO_CGROUP.
	if len(sum.Acquires) == 0 && len(sum.CondAcquires) == 0 && len(taken) == 0 {
		for _, k := range f.Acquires {
			if !slices.Contains(f.Releases, k) && !slices.Contains(sum.Releases, k) && !strings.HasSuffix(k, "()") && !locals[keyBase(k)] {
				sum.Acquires = append(sum.Acquires, Held{Key: k, Must: true, Pos: f.Pos})
			}
		}
	}
	d := exits[0].State.Preempt
	for _, x := range exits {
		if !x.State.Preempt.Exact() || x.State.Preempt != d {
			d = Range{}
			break
		}
	}
	sum.Preempt = d.Lo
	if f := exits[0].State.FPU; f.Exact() && !slices.ContainsFunc(exits, func(x Exit) bool { return x.State.FPU != f }) {
		sum.FPU = f.Lo
	}
	sum.Unchecks, sum.Rechecks = !fr.Entry.Unchecked, true
	for _, x := range exits {
		sum.Unpins = sum.Unpins || x.State.Unpinned
		sum.Unchecks = sum.Unchecks && x.State.Unchecked
		sum.Rechecks = sum.Rechecks && x.State.Rechecked && !x.State.Unchecked
	}
	// Exits at two levels, or one whose count a value it returns decides
	// (return __trace_buffer_lock_reserve(...) of a wrapper).
	if d == (Range{}) {
		if base, c, ok := CondPreemptOf(exits, fr.CountsThroughCalls()); ok {
			sum.Preempt, sum.CondPreempt = base, c
		}
	}
	sum.Returns = fr.returnedKinds(exits)
	// A function that branches on IS_ENABLED(CONFIG_PREEMPT_RT) was
	// summarised on the side the .config chose (Func.Alt is the other).
	sum.RTVariant = rtVariant(exits, fr.Alt != nil)
	sum.ReturnsMember = returnedMember(exits)
	sum.ReturnsBits, sum.ReturnsParamBits = returnedBits(exits, fr.Graph.Enums, sum.Params)
	sum.ReturnsOnly, sum.ReturnsConst = returnedConstants(exits, fr.Graph.Enums)
	sum.OutBits = outBits(fr.Graph, exits)
	sum.PointsTo = pointsTo(f, exits)
	sum.ReturnsPath = returnedPath(f, exits)
	sum.IfZero, sum.IfNonZero = fr.returnedImplications(exits, sum.Params, sum.ReturnsParamBits)
	sum.Globals = globalBases(sum, f, locals)
	sum.CondIRQOff = condIRQOffOf(exits)
	sum.IRQ = irqEffectOf(&fr.Entry, exits, sum.CondIRQOff)
	return sum
}

// returnedImplications are Summary.IfZero and IfNonZero: what every
// return expression, read as a condition, tells of masked bits of the
// parameters' snapshots (kapi.Snapshot: what a test of a live object's
// bits found may change before the next) where it is 0, and where it is
// not; not the bits the value is (ReturnsParamBits, own).
func (r *Func) returnedImplications(exits []Exit, params []string, own string) (ifZero, ifNonZero []Value) {
	for i, x := range exits {
		v := returnedExpr(x.Event.Stmt)
		if v == nil {
			return nil, nil
		}
		z, nz := r.valueImplies(v, false, 0), r.valueImplies(v, true, 0)
		if i == 0 {
			ifZero, ifNonZero = z, nz
			continue
		}
		ifZero, ifNonZero = ValueMap(ifZero).Join(z), ValueMap(ifNonZero).Join(nz)
	}
	keep := func(vs []Value) []Value {
		return slices.DeleteFunc(vs, func(v Value) bool {
			loc, _, ok := SplitMaskKey(v.Key)
			return !ok || v.Key == own || !slices.Contains(params, cparse.ParsePath(loc).Base)
		})
	}
	return keep(ifZero), keep(ifNonZero)
}

// valueImplies is what an expression's being nonzero (nonzero) or 0
// tells of masked bits, as MaskKeys with their kinds, sorted: a test of
// bits of a location, a call whose summary says (ReturnsParamBits,
// IfZero, IfNonZero), and !, && and || of those.
func (r *Func) valueImplies(v *cparse.Expr, nonzero bool, depth int) []Value {
	for v != nil && v.Kind == cparse.Cast {
		v = v.X
	}
	if v == nil || depth > 8 {
		return nil
	}
	switch {
	case v.Kind == cparse.Unary && v.Op == "!":
		return r.valueImplies(v.X, !nonzero, depth+1)
	case v.Kind == cparse.Binary && (v.Op == "||" && !nonzero || v.Op == "&&" && nonzero):
		// Both sides are 0 (||), or both nonzero (&&).
		return unionValues(r.valueImplies(v.X, nonzero, depth+1), r.valueImplies(v.Y, nonzero, depth+1))
	case v.Kind == cparse.Binary && v.Op == "&":
		if m, loc, ok := maskedMember(v, r.Graph.Enums); ok && kapi.Snapshot(m.Tag) {
			return []Value{{MaskKey(loc, m.Mask), classIf(nonzero)}}
		}
	case v.Kind == cparse.Call && v.API != nil && r.env != nil:
		sum := r.summaryOf(&cfg.Event{Kind: cfg.Call, API: v.API, Expr: v})
		if sum == nil {
			return nil
		}
		args := r.canon(&cfg.Event{Kind: cfg.Call, Pos: v.API.Pos, API: v.API, Expr: v}).API.Args
		return sum.impliedBits(nonzero, args, true)
	}
	return nil
}

// impliedBits are, in a caller's terms (its arguments args), what the
// function's returning a nonzero value, or 0, tells of masked bits of
// snapshots: IfNonZero or IfZero, and with bits the bits it returns
// (ReturnsParamBits).
func (sum *Summary) impliedBits(nonzero bool, args []string, bits bool) []Value {
	var own []Value
	if bits && sum.ReturnsParamBits != "" && sum.ReturnsBits != nil && kapi.Snapshot(sum.ReturnsBits.Tag) {
		own = append(own, Value{sum.ReturnsParamBits, classIf(nonzero)})
	}
	if nonzero {
		own = append(own, sum.IfNonZero...)
	} else {
		own = append(own, sum.IfZero...)
	}
	var out []Value
	for _, v := range own {
		loc, mask, ok := SplitMaskKey(v.Key)
		if !ok {
			continue
		}
		if k, ok := sum.rewrite(loc, args); ok && isLocationText(k) {
			out = unionValues(out, []Value{{MaskKey(k, mask), v.Class}})
		}
	}
	// Bits told both set and clear: the value cannot be, which the
	// analysis does not take from a summary; nothing is told of them.
	return slices.DeleteFunc(out, func(v Value) bool { return v.Class == 0 })
}

// classIf is the kinds of a value known nonzero, or known 0.
func classIf(nonzero bool) Class {
	if nonzero {
		return NonZero
	}
	return Zero
}

// unionValues is what a and b tell together, sorted by key; a key both
// tell is known of the kinds both allow (none: the value cannot be).
func unionValues(a, b []Value) []Value {
	out := slices.Clone(a)
	for _, v := range b {
		if i := slices.IndexFunc(out, func(o Value) bool { return o.Key == v.Key }); i >= 0 {
			out[i].Class &= v.Class
		} else {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(x, y Value) int { return strings.Compare(x.Key, y.Key) })
	return out
}

// returnedPath is Summary.ReturnsPath: the member path from a parameter
// the function neither assigns nor takes the address of that every
// return gives; "" when there is none.
func returnedPath(f *cparse.Func, exits []Exit) string {
	path := ""
	for _, x := range exits {
		v := returnedExpr(x.Event.Stmt)
		if v == nil || v.Kind != cparse.Member {
			return ""
		}
		k := locationKey(v)
		p := cparse.ParsePath(k)
		if k == "" || len(p.Steps) == 0 || !f.HasParam(p.Base) || writtenOrAddressed(f, p.Base) || path != "" && k != path {
			return ""
		}
		if slices.ContainsFunc(p.Steps, func(st cparse.Step) bool { return st.Op != "->" && st.Op != "." }) {
			return ""
		}
		path = k
	}
	return path
}

// pointsTo are the EqKeys every exit knows true of members of what the
// parameters point to (Summary.PointsTo), sorted: not of a parameter
// the function assigns or takes the address of, whose object the
// caller's is not.
func pointsTo(f *cparse.Func, exits []Exit) []string {
	var out []string
	for i, x := range exits {
		var here []string
		for _, v := range x.State.Values {
			loc, _, ok := SplitEqKey(v.Key)
			if !ok || v.Class&Zero != 0 || i > 0 && !slices.Contains(out, v.Key) {
				continue
			}
			p := cparse.ParsePath(loc)
			if len(p.Steps) == 0 || p.Steps[0].Op != "->" || !f.HasParam(p.Base) || writtenOrAddressed(f, p.Base) {
				continue
			}
			here = append(here, v.Key)
		}
		out = here
		if len(out) == 0 {
			return nil
		}
	}
	slices.Sort(out)
	return out
}

// returnedMember is the member every exit returns as it read it
// (cparse marks it: Expr.Indirect on a returned member), or NULL; nil
// when there is none.
func returnedMember(exits []Exit) *cparse.FieldRef {
	var m *cparse.FieldRef
	for _, x := range exits {
		v := returnedExpr(x.Event.Stmt)
		switch {
		case v == nil:
			return nil
		case constant(v) && ClassOf(v, &State{}) == Zero:
		case v.Kind == cparse.Member && v.Indirect != nil && (m == nil || *m == *v.Indirect):
			m = v.Indirect
		default:
			return nil
		}
	}
	return m
}

// returnedConstants are the bits of the integer constants the exits
// return; ok is false unless every exit returns one.
func returnedConstants(exits []Exit, enums map[string]uint64) (bits uint64, ok bool) {
	for _, x := range exits {
		v := returnedExpr(x.Event.Stmt)
		for v != nil && v.Kind == cparse.Cast {
			v = v.X
		}
		n, known := cparse.ConstIntIn(v, enums)
		if v == nil || !known {
			return 0, false
		}
		bits |= n
	}
	return bits, len(exits) > 0
}

// MayBitsOf are the only bits an argument may have, where it is a call
// of a function whose every return is a constant (Summary.ReturnsOnly),
// or a local every store into which is such a call, a constant, or an
// | or ?: of them (net/core/skbuff.c __pskb_copy_fclone(): flags =
// skb_alloc_rx_flag(skb) | (fclone ? SKB_ALLOC_FCLONE : 0)); ok is false
// for another argument.
func (r *Func) MayBitsOf(arg string) (bits uint64, ok bool) {
	arg = strings.TrimSpace(arg)
	if cparse.IsIdent(arg) && !r.Graph.Func.HasParam(arg) && r.followed(arg) {
		stores := r.storesOf(arg)
		for _, e := range stores {
			var b uint64
			known := false
			if e.Kind == cfg.Call {
				b, known = r.callMayBits(e.Expr)
			} else {
				b, known = r.mayBits(e.Value, 0)
			}
			if !known {
				return 0, false
			}
			bits |= b
		}
		return bits, len(stores) > 0
	}
	name, rest, found := strings.Cut(arg, "(")
	if !found || !cparse.IsIdent(strings.TrimSpace(name)) || !strings.HasSuffix(rest, ")") || !cparse.BalancedParens(rest[:len(rest)-1]) {
		return 0, false
	}
	return r.calleeBits(strings.TrimSpace(name))
}

// mayBits are the only bits the value of e may have: a constant's, of
// either side of |, of either arm of ?:, of a call (callMayBits); ok is
// false when that is not known.
func (r *Func) mayBits(e *cparse.Expr, depth int) (uint64, bool) {
	for e != nil && e.Kind == cparse.Cast {
		e = e.X
	}
	if e == nil || depth > 16 {
		return 0, false
	}
	if v, ok := cparse.ConstIntIn(e, r.Graph.Enums); ok {
		return v, true
	}
	either := func(x, y *cparse.Expr) (uint64, bool) {
		a, ok := r.mayBits(x, depth+1)
		if !ok || y == nil {
			return 0, false
		}
		b, ok := r.mayBits(y, depth+1)
		return a | b, ok
	}
	switch e.Kind {
	case cparse.Binary:
		if e.Op == "|" {
			return either(e.X, e.Y)
		}
	case cparse.Cond:
		return either(e.Y, e.Z)
	case cparse.Call:
		return r.callMayBits(e)
	}
	return 0, false
}

// callMayBits are the only bits a call's value may have: those of the
// constants its callee returns (Summary.ReturnsOnly).
func (r *Func) callMayBits(call *cparse.Expr) (uint64, bool) {
	if call == nil || call.Kind != cparse.Call || call.Callee() == "" {
		return 0, false
	}
	return r.calleeBits(call.Callee())
}

// calleeBits are the bits of the constants the function name returns,
// when it returns nothing else.
func (r *Func) calleeBits(name string) (uint64, bool) {
	if _, prim := kapi.Lookup(name); prim || r.env == nil {
		return 0, false
	}
	sum, known := r.env.lookup(name)
	if !known || sum == nil || !sum.ReturnsConst {
		return 0, false
	}
	return sum.ReturnsOnly, true
}

// returnedBits are the bits of a member every exit returns as it read
// them (or false), and when every exit reads them through the same
// parameter, their location in the parameters' terms; nil and "" when
// there are none.
func returnedBits(exits []Exit, enums map[string]uint64, params []string) (*MemberMask, string) {
	var mm *MemberMask
	key := ""
	for _, x := range exits {
		v := returnedExpr(x.Event.Stmt)
		for v != nil && v.Kind == cparse.Unary && v.Op == "!" && v.X != nil && v.X.Kind == cparse.Unary && v.X.Op == "!" {
			v = v.X.X
		}
		for v != nil && v.Kind == cparse.Cast {
			v = v.X
		}
		switch {
		case v == nil:
			return nil, ""
		case constant(v) && ClassOf(v, &State{}) == Zero:
		case v.Kind == cparse.Binary && v.Op == "&":
			m, loc, ok := maskedMember(v, enums)
			if !ok || mm != nil && *mm != m {
				return nil, ""
			}
			if k := MaskKey(loc, m.Mask); mm == nil || k == key {
				key = k
			} else {
				key = "" // another parameter's, or a local's
			}
			mm = &m
		default:
			return nil, ""
		}
	}
	if base, _, ok := SplitMaskKey(key); !ok || !slices.Contains(params, cparse.ParsePath(base).Base) {
		key = ""
	}
	return mm, key
}

// maskedMember is the member and mask of x & C (C a constant, x a member
// cparse marked), and the member's location key.
func maskedMember(v *cparse.Expr, enums map[string]uint64) (MemberMask, string, bool) {
	m, c, ok := masked(v, enums, func(loc *cparse.Expr) bool { return loc.Kind == cparse.Member && loc.Indirect != nil })
	if !ok {
		return MemberMask{}, "", false
	}
	return MemberMask{FieldRef: *m.Indirect, Mask: c}, locationKey(m), true
}

// rtVariant reports whether the exits atomic on PREEMPT_RT, of which
// there are some, are all so by variant code, or in a function that
// tests for PREEMPT_RT (branches).
func rtVariant(exits []Exit, branches bool) bool {
	some := false
	for _, x := range exits {
		if x.State.AtomicOnRT() {
			if !x.State.RawSince.Variant && !branches {
				return false
			}
			some = true
		}
	}
	return some
}

// callValueKey names the value of the call at pos where the caller
// tests it without keeping it: if (tcp_add_backlog(...)).
func callValueKey(pos cparse.Pos) string { return fmt.Sprintf("\x00call %s", pos) }

// callersOnly reports whether every way out holds key only as its
// caller's lock (Held.Retaken), has dropped it, or never touched it
// (fs/ext4/file.c ext4_dio_write_checks(): the caller's i_rwsem dropped
// and taken back exclusively on one way, released on the errors, left
// alone on the others). A way out that took and released it is the
// function's own lock's.
func callersOnly(exits []Exit, key string) bool {
	for _, x := range exits {
		h, holds := x.State.Lock(key)
		if holds && !h.Retaken || !holds && !x.State.Dropped.Has(key) && x.State.Released.Has(key) {
			return false
		}
	}
	return true
}

// releasedWhen is the kinds of value the exits that released the
// caller's lock key return, when the exits that left it held return
// others.
func releasedWhen(exits []Exit, key string) (Class, bool) {
	var released, held Class
	for _, x := range exits {
		if c, ok := restoredAt(x, key); ok {
			// return f(): f released the caller's lock for the values
			// not in c.When, which the function returns as they are
			// (wait_consider_task() returning wait_task_zombie()'s pid).
			released |= x.Value &^ c.When
			held |= x.Value & c.When
			continue
		}
		if x.Value == 0 {
			return 0, false // a value the analysis does not know
		}
		// Untouched, or taken back: the caller's still.
		if _, holds := x.State.Lock(key); x.State.Dropped.Has(key) && !holds {
			released |= x.Value
		} else {
			held |= x.Value
		}
	}
	if released == 0 || held == 0 || released&held != 0 {
		return 0, false
	}
	return released, true
}

// restoredAt finds, at an exit that returns a call's value, the call's
// conditional release of the caller's lock key (CondLock.Restores).
func restoredAt(x Exit, key string) (CondLock, bool) {
	for _, c := range x.State.Conds {
		if x.Var != "" && c.Var == x.Var && c.Restores && c.Lock.Key == key {
			return c, true
		}
	}
	return CondLock{}, false
}

// condIRQOffOf is the kinds of value the exits that disabled interrupts
// return, when the exits that left them as they were return others.
func condIRQOffOf(exits []Exit) Class {
	var off, on Class
	for _, x := range exits {
		switch {
		case x.State.IRQ.Off() && !x.State.IRQOffByEntry():
			off |= x.Value
		case x.State.IRQ == MayBeOn:
			on |= x.Value
		default:
			return 0
		}
	}
	if off == 0 || on == 0 || off&on != 0 {
		return 0
	}
	return off
}

// CondPreemptOf finds a preempt count the exits leave at one of two levels
// that the value returned tells apart: the lower level, and how much
// higher the count is for which kinds of value. An exit returning a
// variable on which the count is pending (event = a call whose summary
// says so; return event) stands for both levels. For a function whose
// count only its callees change (throughCalls, Func.CountsThroughCalls),
// NULL on the lower level and any value on the higher is a wrapper of a
// conditional helper returning what it built from the helper's object
// (kernel/trace/trace_events.c trace_event_buffer_reserve(): NULL when
// trace_event_buffer_lock_reserve() gave no event, else the event's
// data, with preemption disabled): non-NULL values are the higher level.
// A function that disables preemption itself is no such wrapper: NULL
// returned after its preempt_enable() and a call's value before a
// forgotten one (kernel/module/main.c __symbol_get()) is a leak.
func CondPreemptOf(exits []Exit, throughCalls bool) (base int8, c *CondCount, ok bool) {
	type side struct {
		count int8
		class Class
	}
	var sides []side
	for _, x := range exits {
		p := x.State.Preempt
		if p.Exact() {
			sides = append(sides, side{p.Lo, x.Value})
			continue
		}
		i := slices.IndexFunc(x.State.Conds, func(cl CondLock) bool {
			return cl.isPreempt() && x.Var != "" && cl.Var == x.Var && cl.Preempt == p.Hi-p.Lo
		})
		if i < 0 {
			return 0, nil, false
		}
		cl := x.State.Conds[i]
		sides = append(sides, side{p.Hi, x.Value & cl.When}, side{p.Lo, x.Value &^ cl.When})
	}
	if len(sides) == 0 { // a function that never returns
		return 0, nil, false
	}
	lo, hi := sides[0].count, sides[0].count
	for _, sd := range sides {
		lo, hi = min(lo, sd.count), max(hi, sd.count)
	}
	if lo == hi {
		return 0, nil, false
	}
	var high, low Class
	for _, sd := range sides {
		switch sd.count {
		case hi:
			high |= sd.class
		case lo:
			low |= sd.class
		default:
			return 0, nil, false
		}
	}
	// The kernel's convention: where the ways out of one level all
	// return an error (a negative errno, ERR_PTR()), the others do not
	// (trace_test_and_set_recursion() returns -1, or with preemption
	// disabled the bit it took, which its callers test with "< 0").
	const failed = Neg | ErrPtr
	switch {
	case high&low == 0:
	case low != 0 && low&^failed == 0:
		high &^= failed
	case high != 0 && high&^failed == 0:
		low &^= failed
	}
	if high == Any && low == Zero && throughCalls {
		high = Any &^ Zero
	}
	if high == 0 || high == Any || high&low != 0 {
		return 0, nil, false
	}
	return lo, &CondCount{When: high, Preempt: hi - lo}, true
}

// CountsThroughCalls reports whether the preempt count the function
// leaves is only its callees' doing: no primitive of its own body
// disables or enables preemption, takes or releases a lock, or changes
// the interrupt or bottom-half state.
func (r *Func) CountsThroughCalls() bool {
	own := false
	r.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if eff, ok := Effect(e); ok && (eff.Preempt != 0 || eff.Lock != kapi.NoLockOp || eff.IRQ != kapi.NoIRQOp || eff.BH != 0 || eff.GuardProtects) {
			own = true
		}
	})
	return !own
}

// callerLocksRetaken are the locks the function releases where it does
// not hold them, itself or through a callee's summary: its caller's,
// dropped around some work (rcu_read_unlock(); write the registers;
// rcu_read_lock(), drivers/base/regmap/regcache-maple.c
// regcache_maple_sync_block()). Held again at its exits, they are the
// caller's lock given back, not one more acquisition.
func callerLocksRetaken(fr *Func) map[string]bool {
	out := map[string]bool{}
	fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *State) {
		_, releases := fr.LockOps(e)
		for _, k := range releases {
			if _, held := before.Lock(k); !held {
				out[k] = true
			}
		}
	})
	return out
}

// returnedKinds is the union of the kinds of the values the exits
// return when each one's is known (Summary.Returns), 0 otherwise. A
// value is known from what it is written as (a constant), from the
// summary of the call it is the value of (return f()), or from what the
// paths stored in a variable whose every write the analysis sees (a
// local never address-taken, a parameter never assigned): a variable
// written through a pointer, or an expression of several, says nothing.
func (r *Func) returnedKinds(exits []Exit) Class {
	var c Class
	for _, x := range exits {
		k := Any
		switch v := returnedExpr(x.Event.Stmt); {
		case v == nil:
		case constant(v):
			k = ClassOf(v, &State{})
		case v.Kind == cparse.Call || v.Kind == cparse.Ident && r.followed(v.Name):
			k = x.Value
		}
		if k == Any || k == 0 {
			return 0
		}
		c |= k
	}
	return c
}

// followed reports whether every write of the variable name is one the
// analysis sees: a local never address-taken nor an asm output, a
// parameter never assigned nor address-taken; and of bits of one
// (MaskKey). Bits of a member are followed only in a snapshot
// (kapi.Snapshot) a followed parameter points to: another member may
// change between two tests (a flag tested again after a wait).
func (r *Func) followed(name string) bool {
	f := r.Graph.Func
	if f == nil {
		return false
	}
	if base, _, ok := SplitMaskKey(name); ok {
		// Bits of a location are followed where the location is.
		if p := cparse.ParsePath(base); len(p.Steps) > 0 {
			// A member of a snapshot a parameter points to.
			r.findTested()
			return r.snapshot[name] && f.HasParam(p.Base) && !writtenOrAddressed(f, p.Base)
		}
		name = base
	}
	if f.HasParam(name) {
		return !writtenOrAddressed(f, name)
	}
	if r.tracked == nil {
		r.tracked = trackedLocals(f)
	}
	return r.tracked[name]
}

// constant reports whether an expression is a literal, true, false or
// NULL, possibly cast or negated.
func constant(e *cparse.Expr) bool {
	for e != nil && (e.Kind == cparse.Cast || e.Kind == cparse.Unary && (e.Op == "-" || e.Op == "!")) {
		e = e.X
	}
	if e == nil {
		return false
	}
	if e.API != nil {
		return e.API.Name == "true" || e.API.Name == "false" || e.API.Name == "NULL"
	}
	return e.Kind == cparse.Lit || e.Kind == cparse.Ident && (e.Name == "true" || e.Name == "false")
}

// returnedLocks renames the locks an exit holds through the local it
// returns (desc->lock of return desc, also as the function's aliases
// spell it) after the returned value (cfg.ReturnValue): the caller knows
// the object by the value it keeps.
func returnedLocks(exits []Exit, locals map[string]bool, alias map[string]string) {
	for i := range exits {
		x := &exits[i]
		if x.Var == "" || !locals[x.Var] {
			continue
		}
		names := []string{x.Var}
		if c := canonKey(x.Var, alias); c != x.Var {
			names = append(names, c)
		}
		var renamed []Held
		for _, h := range x.State.Locks {
			if p := cparse.ParsePath(h.Key); len(p.Steps) > 0 {
				for _, n := range names {
					if r, ok := p.Replace(n, cfg.ReturnValue); ok && h.Key != n {
						h.Key = r.String()
						break
					}
				}
			}
			renamed = append(renamed, h)
		}
		x.State.Locks = renamed
	}
}

// callerKey expresses a callee's lock key in the terms of the caller
// at call e: a lock of the returned object is known by where the caller
// stores the value; ok is false when it stores it nowhere.
func (sum *Summary) callerKey(key string, e *cfg.Event) (string, bool) {
	if p := cparse.ParsePath(key); p.Base == cfg.ReturnValue {
		if e.DefKey == "" {
			return "", false
		}
		return p.Rebase(e.DefKey).String(), true
	}
	return sum.rewrite(key, e.API.Args)
}

// asPointer reads a negative value returned as a pointer as the
// ERR_PTR() it is (an IS_ERR() test leaves both kinds).
func asPointer(c Class) Class {
	if c&Neg != 0 {
		c = c&^Neg | ErrPtr
	}
	return c
}

// asBool reads a class as a bool's: every nonzero value is true (1).
func asBool(c Class) Class {
	if c&Neg != 0 {
		c = c&^Neg | Pos
	}
	return c
}

// lastExitHolds reports whether the function's last return, the way
// through its body, is one that holds the lock.
func lastExitHolds(ls LockShape) bool {
	last := func(xs []Exit) (p cparse.Pos) {
		for _, x := range xs {
			if posAfter(x.Event.Pos, p) {
				p = x.Event.Pos
			}
		}
		return p
	}
	return posAfter(last(ls.Held), last(ls.Unheld))
}

func posAfter(a, b cparse.Pos) bool {
	return a.Line > b.Line || a.Line == b.Line && a.Col > b.Col
}

// asInt reads a class as an int's: a valid pointer is a positive
// number, an ERR_PTR() a negative one (an errno).
func asInt(c Class) Class {
	if c&Ptr != 0 {
		c = c&^Ptr | Pos
	}
	if c&ErrPtr != 0 {
		c = c&^ErrPtr | Neg
	}
	return c
}

func hasCond(cs []CondHeld, key string) bool {
	for _, c := range cs {
		if c.Key == key {
			return true
		}
	}
	return false
}

// LockShape is how a lock is held at a function's exits.
type LockShape struct {
	Lock Held
	// Held and Unheld are the exits that hold the lock on every path and
	// those that do not hold it at all.
	Held, Unheld []Exit
	// May is set when an exit holds it on some paths only.
	May bool
	// Hidden, when not "", is a local of the function whose value no
	// caller can learn (hiddenLocals) and without which no caller can
	// release the lock: the cursor whose object it is (no value returned
	// tells a caller which object to release), or, with HiddenFlags, the
	// interrupt state an _irqsave primitive saved when it took the lock.
	Hidden      string
	HiddenFlags bool
}

// LockShapes lists the locks some exit of the function holds on every
// path, other than locks it was entered holding, locks of locals that
// name more than one object, and locks of an object it returns, which
// its summary hands to the caller.
func (r *Func) LockShapes(f *cparse.Func) []LockShape {
	entry := map[string]bool{}
	for _, h := range r.Entry.Locks {
		entry[h.Key] = true
	}
	// A local pointer given one value names one object: a lock of it
	// held at some exits only is a leak like any other (fs =
	// current->fs; spin_lock(&fs->lock); ... return -EAGAIN;), whether
	// the function or a call (desc = irq_get_desc_lock(irq, &flags, 0))
	// took it, unless the function returns the object. (Excluding the
	// locks the function takes itself, as before, missed 16 of 119 such
	// leaks put into the fixture's functions, and changed no finding on
	// kernel/.)
	all := f.Locals()
	locals := f.Locals()
	st := storesTo(f)
	for name := range assignedOnce(st) {
		delete(locals, name)
	}
	exits := r.Exits()
	returnedLocks(exits, all, r.alias)
	// A member of a local struct (cd.clk->rwsem) is of one object
	// whatever its stores; a lock of an object a local assigned more
	// than once points to is of one object too until the local is
	// assigned again after the lock was taken (a return inside a list
	// walk, holding the entry's lock: drivers/iommu/iommu.c).
	local := func(h Held) bool {
		p := cparse.ParsePath(h.Key)
		return locals[p.Base] && (len(p.Steps) == 0 || p.Steps[0].Op != ".") && h.Rebased
	}
	var cursors, kept map[string]bool // made for the first shape: most functions have none
	var out []LockShape
	for _, ls := range lockShapes(exits, entry, local) {
		if base := keyBase(ls.Lock.Key); base == cfg.ReturnValue {
			continue
		}
		if cursors == nil {
			cursors, kept = hiddenLocals(f, st)
		}
		if cursorKey(ls, cursors) {
			ls.Hidden = keyBase(ls.Lock.Key)
		} else if flags := r.savedFlags(ls); kept[flags] {
			ls.Hidden, ls.HiddenFlags = flags, true
		}
		out = append(out, ls)
	}
	return out
}

// CallAt finds the call of the function or primitive name at pos (where
// a lock's Held says it was taken): its block and its index there, or a
// nil block.
func (r *Func) CallAt(pos cparse.Pos, name string) (*cfg.Block, int) {
	for _, b := range r.Graph.Blocks {
		for i, e := range b.Events {
			if e.Kind == cfg.Call && e.API != nil && e.Pos == pos && e.API.Name == name {
				return b, i
			}
		}
	}
	return nil, -1
}

// cursorKey reports whether the lock of ls is of the object a cursor
// points to at every exit that holds it (not assigned again since the
// lock was taken).
func cursorKey(ls LockShape, cursors map[string]bool) bool {
	p := cparse.ParsePath(ls.Lock.Key)
	if !cursors[p.Base] || len(p.Steps) == 0 || p.Steps[0].Op == "." || len(ls.Held) == 0 {
		return false
	}
	for _, x := range ls.Held {
		if h, ok := x.State.Lock(ls.Lock.Key); !ok || h.Rebased {
			return false
		}
	}
	return true
}

// savedFlags is the variable an _irqsave primitive saved the interrupt
// state in when it took the lock of ls (its last argument, a plain
// name), "" when another kind of call took it or when the function hands
// the variable to a call that is no primitive (a helper that unlocks
// with it).
func (r *Func) savedFlags(ls LockShape) string {
	var flags string
	if b, k := r.CallAt(ls.Lock.Pos, ls.Lock.Name); b != nil {
		e := b.Events[k]
		if eff, ok := Effect(e); ok && eff.IRQ == kapi.IRQSave && len(e.API.Args) > 0 {
			if a := strings.TrimSpace(e.API.Args[len(e.API.Args)-1]); cparse.IsIdent(a) {
				flags = a
			}
		}
	}
	if flags == "" {
		return ""
	}
	passed := false
	r.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if e.Kind != cfg.Call || e.API == nil {
			return
		}
		if _, ok := Effect(e); ok {
			return
		}
		for _, a := range e.API.Args {
			if cparse.MentionsIdent(a, flags) {
				passed = true
			}
		}
	})
	if passed {
		return ""
	}
	return flags
}

func lockShapes(exits []Exit, entry map[string]bool, local func(h Held) bool) []LockShape {
	var keys []string
	first := map[string]Held{}
	for _, x := range exits {
		for _, h := range x.State.Locks {
			if !h.Must || entry[h.Key] || h.Kind == kapi.NoLock || local(h) {
				continue
			}
			if _, ok := first[h.Key]; !ok {
				first[h.Key] = h
				keys = append(keys, h.Key)
			}
		}
	}
	sort.Strings(keys)
	var out []LockShape
	for _, k := range keys {
		ls := LockShape{Lock: first[k]}
		for _, x := range exits {
			h, ok := x.State.Lock(k)
			switch {
			case ok && h.Must:
				ls.Held = append(ls.Held, x)
			case ok:
				ls.May = true
			default:
				held, unheld, split := splitByValue(x, k)
				if !split {
					ls.Unheld = append(ls.Unheld, x)
					break
				}
				if held.Value != 0 {
					ls.Held = append(ls.Held, held)
				}
				if unheld.Value != 0 {
					ls.Unheld = append(ls.Unheld, unheld)
				}
			}
		}
		out = append(out, ls)
	}
	return out
}

// annotatedHeld are the locks of no known kind that every exit holds,
// taken through a callee's summary: not the function's own locals, nor
// held at its entry.
func annotatedHeld(exits []Exit, entry map[string]bool, locals map[string]bool) []Held {
	if len(exits) == 0 {
		return nil
	}
	var out []Held
	for _, h := range exits[0].State.Locks {
		if h.Kind != kapi.NoLock || !h.Summary || !h.Must || entry[h.Key] || locals[keyBase(h.Key)] {
			continue
		}
		all := true
		for _, x := range exits[1:] {
			o, ok := x.State.Lock(h.Key)
			all = all && ok && o.Must
		}
		if all {
			out = append(out, h)
		}
	}
	return out
}

// splitByValue splits an exit that returns a value a call gave with the
// lock key taken as that value says (return lock_two_directories(p1, p2),
// whose dentry comes locked unless it is an ERR_PTR) into the exit with
// the values that hold the lock, and the exit with those that do not.
func splitByValue(x Exit, key string) (held, unheld Exit, ok bool) {
	if x.Var == "" {
		return x, x, false
	}
	for _, c := range x.State.Conds {
		if c.Var != x.Var || c.Lock.Key != key {
			continue
		}
		held, unheld = x, x
		held.State = x.State.clone()
		held.State.addLock(c.Lock)
		held.Value = x.Value & c.When
		unheld.Value = x.Value &^ c.When
		return held, unheld, true
	}
	return x, x, false
}

// Separable tells whether the values a function returns tell its exits
// that hold a lock from those that do not, as the kernel's conventions
// make them: a lookup that returns the object locked or NULL (or an
// ERR_PTR); a pointer or NULL locked and only ERR_PTRs without; 0 with
// the lock held and an errno without (mutex_lock_interruptible()); true
// (1) with the lock and 0 without; a
// nonzero value of unknown sign with the lock and 0 without, when the
// lock was not taken on the paths that return 0 (a trylock's result). An
// errno returned holding a lock, or a nonzero value held while the paths
// that return 0 took and released the lock, is an error path that forgot
// to unlock: not separable.
func Separable(f *cparse.Func, ls LockShape) (Class, bool) {
	var hc, uc Class
	released := false
	for _, x := range ls.Held {
		hc |= x.Value
	}
	for _, x := range ls.Unheld {
		uc |= x.Value
		if x.State.Released.Has(ls.Lock.Key) {
			released = true
		}
	}
	if !f.ReturnsPointer {
		// A nonzero int: pointer kinds mean nothing here.
		hc, uc = asInt(hc), asInt(uc)
	}
	if f.ReturnsBool {
		// Whatever nonzero value a bool function returns, its caller
		// reads true (return down_write_trylock(&l); beside return
		// true;).
		hc, uc = asBool(hc), asBool(uc)
	}
	if f.ReturnsPointer && asPointer(uc) == ErrPtr && !errPtrHeld(ls) {
		// ERR_PTR(...) without the lock, whatever else with it
		// (lock_rename()'s helpers return a dentry or NULL locked):
		// the caller's IS_ERR() tells them apart (a negative pointer
		// is an ERR_PTR: IS_ERR() leaves both kinds).
		return Any &^ (ErrPtr | Neg), true
	}
	if f.ReturnsPointer && uc == Zero && hc == Any && ls.Lock.Name != "" && returnsCalls(ls.Held) {
		// A pointer a call gives with a lock the function took, NULL
		// without it (mm/pgtable-generic.c __pte_offset_map(): return
		// __pte_map(...) inside rcu_read_lock(), NULL after the
		// unlock): the callers' NULL test tells them apart. Not the
		// preempt count (rules' conditionalDepth asks too): its
		// conditional helpers return the object they pinned
		// (CondPreemptOf), and kernel/module/main.c __symbol_get()
		// without its preempt_enable() before "return (void
		// *)kernel_symbol_value(fsa.sym);" is no helper.
		return NonZero, true
	}
	if hc&uc != 0 {
		return 0, false
	}
	switch {
	case f.ReturnsPointer:
		if hc&^(Ptr|Pos|Neg) == 0 && uc&^(Zero|ErrPtr) == 0 {
			return hc, true
		}
		if uc == Zero {
			// NULL without the lock, any other value with it: a lookup
			// that checked its result for NULL only.
			return hc, true
		}
	case hc == Zero && uc&^(Neg|Pos) == 0 && !f.ReturnsBool:
		// 0 is success with the lock; a bool's false is "no"
		// (freeze_task() returning false with freezer_lock held).
		return Zero, true
	case hc&^(Zero|Pos) == 0 && uc == Neg && !f.ReturnsBool:
		// An index or count with the lock, an errno without it
		// (ipc_addid(): "the new entry is returned in a locked state
		// on success").
		return hc, true
	case hc == Pos && uc == Zero:
		return Pos, true // true, or 1, with the lock
	case hc == Zero && uc == Pos && f.ReturnsBool && released && lastExitHolds(ls):
		// false with the lock on the way through, true on a branch
		// that let it go first (nf_conntrack_double_lock(): "return
		// true if we need to recompute hashes", the caller loops until
		// it holds the locks). The unlock the branch wrote says the
		// lock held on the way through is meant.
		return Zero, true
	case hc == Pos|Neg && uc == Zero && !released && !takenOutright(ls):
		return hc, true // a nonzero value from a trylock, never taken on the 0 paths
	}
	return 0, false
}

// returnsCalls reports whether every exit returns a call's value
// directly (return f(...);).
func returnsCalls(xs []Exit) bool {
	for _, x := range xs {
		if x.Var != cfg.ReturnValue {
			return false
		}
	}
	return len(xs) > 0
}

// NamedForCallers is a lock key as the function's callers can name it:
// a lock of the object a local variable points to, the local given one
// value, is named through the one member of a parameter's object the
// function stores that local into (block/blk-cgroup.c
// blkg_conf_open_bdev(): bdev->bd_queue->rq_qos_mutex, with ctx->bdev =
// bdev, is ctx->bdev->bd_queue->rq_qos_mutex, which its callers'
// blkg_conf_exit(&ctx) releases). Any other key is returned as it is.
func (r *Func) NamedForCallers(key string) string {
	f := r.Graph.Func
	p := cparse.ParsePath(key)
	if p.Base == "" || len(p.Steps) == 0 || p.Steps[0].Op != "->" || f.HasParam(p.Base) {
		return key
	}
	st := storesTo(f)
	if !st.locals[p.Base] || st.count[p.Base] != 1 {
		return key
	}
	var into string
	stores := 0
	r.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if e.Kind != cfg.Assign || e.From != p.Base {
			return
		}
		stores++
		if d := cparse.ParsePath(e.DefKey); len(d.Steps) > 0 && f.HasParam(d.Base) {
			into = e.DefKey
		}
	})
	if stores != 1 || into == "" {
		return key
	}
	if q, ok := p.Replace(p.Base, into); ok {
		return q.String()
	}
	return key
}

// OneOfLocks tells whether a function returns holding one lock or
// another of those it takes, as lock helpers that pick the lock do
// (ipc/sem.c sem_lock(): the semaphore's own lock, returning its
// number, or the whole array's, returning SEM_GLOBAL_LOCK): every exit
// without ls's lock holds one the exits with it do not, or returns a
// value no exit holding a lock returns. The caller learns from the value,
// or from what the helper recorded, which one to release. An exit that
// holds no lock among exits that hold one, returning the same kinds of
// value, is a path that forgot to unlock; so is one that holds a lock
// the exits with ls's lock hold too (taken around the whole function).
func (r *Func) OneOfLocks(ls LockShape) bool {
	entry := map[string]bool{}
	for _, h := range r.Entry.Locks {
		entry[h.Key] = true
	}
	selects := func(x Exit) bool {
		for _, h := range x.State.Locks {
			if h.Must && h.Key != ls.Lock.Key && !entry[h.Key] && h.Kind != kapi.NoLock && !heldAnyAt(ls.Held, h.Key) {
				return true
			}
		}
		return false
	}
	var with, without Class
	others := 0
	for _, x := range ls.Held {
		with |= x.Value
	}
	for _, x := range ls.Unheld {
		switch {
		case selects(x):
			others++
			with |= x.Value
		case x.Value == 0:
			return false
		default:
			without |= x.Value
		}
	}
	return others > 0 && with != 0 && with&without == 0
}

// heldAnyAt reports whether one of exits holds key, on some path.
func heldAnyAt(exits []Exit, key string) bool {
	for _, x := range exits {
		if _, ok := x.State.Lock(key); ok {
			return true
		}
	}
	return false
}

// SeparableByParam tells whether the exits that hold a lock of an object
// a parameter points to are those where the parameter is not NULL, and
// those that never took it those where it is, none of them returning an
// errno with it held: the caller's argument decides whether the lock is
// taken, and the caller knows it (kernel/events/core.c
// perf_ctx_lock(cpuctx, ctx) takes ctx->lock iff ctx is not NULL, and
// perf_ctx_unlock() mirrors it). A lock taken and released on the paths
// without it is a return that forgot to unlock, whatever the parameters.
func SeparableByParam(f *cparse.Func, ls LockShape) bool {
	for _, x := range ls.Held {
		if x.Value != 0 && x.Value&^(Neg|ErrPtr) == 0 {
			return false // an error path that forgot to unlock
		}
	}
	for _, x := range ls.Unheld {
		if x.State.Released.Has(ls.Lock.Key) {
			return false
		}
	}
	classes := func(xs []Exit, name string) (Class, bool) {
		var c Class
		for _, x := range xs {
			v, known := x.State.Values.Of(name)
			if !known {
				return 0, false
			}
			c |= v
		}
		return c, true
	}
	// The parameter is the object whose lock it is: no object, no lock
	// (an early return on another parameter's test before the lock is
	// a leak like any other).
	base := keyBase(ls.Lock.Key)
	for _, p := range f.Params {
		if p.Name != base {
			continue
		}
		held, ok := classes(ls.Held, p.Name)
		if !ok || held&Zero != 0 {
			continue
		}
		if unheld, ok := classes(ls.Unheld, p.Name); ok && unheld == Zero {
			return true
		}
	}
	return false
}

// takenOutright reports whether an exit holding the lock holds it from
// a primitive that always takes it (mutex_lock(), not a trylock): a
// nonzero value returned with it held is then an error, not the result
// of the attempt (drivers/iommu/iommu.c "if (ret) return ret;" under
// group->mutex).
func takenOutright(ls LockShape) bool {
	for _, x := range ls.Held {
		if h, ok := x.State.Lock(ls.Lock.Key); ok {
			if eff, known := kapi.Lookup(h.Name); known && eff.Lock == kapi.Acquire {
				return true
			}
		}
	}
	return false
}

// Leaks are the exits of a lock shape that Separable cannot tell apart
// from those that do not hold the lock: every exit holding it, except
// when the exits without it all return ERR_PTR()s, where only the
// ERR_PTR()s returned holding it are (the other exits return what was
// locked).
func Leaks(f *cparse.Func, ls LockShape) []Exit {
	var uc Class
	for _, x := range ls.Unheld {
		uc |= x.Value
	}
	if !f.ReturnsPointer || asPointer(uc) != ErrPtr {
		return ls.Held
	}
	var out []Exit
	for _, x := range ls.Held {
		if asPointer(x.Value) == ErrPtr {
			out = append(out, x)
		}
	}
	return out
}

// errPtrHeld reports whether an exit holding the lock returns what is
// known to be an ERR_PTR(): an error path that forgot to unlock.
func errPtrHeld(ls LockShape) bool {
	for _, x := range ls.Held {
		if asPointer(x.Value) == ErrPtr {
			return true
		}
	}
	return false
}

// dropped are the locks of its caller a call may release: on every way
// out or on some.
func (sum *Summary) dropped() []string {
	if len(sum.MayReleases) == 0 {
		return sum.Releases
	}
	return append(append([]string(nil), sum.Releases...), sum.MayReleases...)
}

// Empty reports whether the summary changes nothing in its caller. An
// empty summary still says something: the callee's body was seen, so it
// does not release the caller's locks behind the analysis's back.
func (sum *Summary) Empty() bool {
	return len(sum.Acquires) == 0 && len(sum.Releases) == 0 && len(sum.MayReleases) == 0 && sum.Preempt == 0 && sum.FPU == 0 && !sum.Unpins && !sum.Unchecks && !sum.Rechecks && len(sum.Unseen) == 0 &&
		len(sum.CondAcquires) == 0 && len(sum.CondReleases) == 0 && len(sum.ReleasesIf) == 0 && sum.Value == kapi.NoValue && sum.CondPreempt == nil && sum.CondIRQOff == 0 && sum.IRQ == IRQEffect{}
}

// maxUnseenSteps bounds the member steps of an object a summary passes
// to unseen code (Summary.Unseen). No lock a caller holds lies deeper,
// and a recursive function that passes a member of its argument to
// itself (acpi_ex_field_datum_io() with obj_desc->bank_field.bank_obj)
// would otherwise add a step per round of its component: tens of
// thousands of keys, megabytes of facts.
const maxUnseenSteps = 6

// unseenArgs sets sum.Unseen from the calls of fr, using env for the
// callees that have summaries, and reports whether it changed.
func (sum *Summary) unseenArgs(fr *Func, env callees) bool {
	set := map[string]bool{}
	// Only what the caller can name: locations reached from a parameter
	// or a global, not values, nor the function's own locals.
	locals := map[string]bool{}
	if fr.Graph.Func != nil {
		locals = fr.Graph.Func.Locals()
	}
	add := func(k string) {
		if p := cparse.ParsePath(k); p.Base != "" && !locals[p.Base] && len(p.Steps) <= maxUnseenSteps {
			set[k] = true
		}
	}
	fr.Graph.Events(func(_ *cfg.Block, e *cfg.Event) {
		if e.Kind != cfg.Call || e.API == nil || e.API.Macro {
			return
		}
		if _, known := kapi.Lookup(e.API.Name); known {
			return
		}
		if callee, ok := env.lookup(e.API.Name); ok && callee != nil {
			for _, k := range callee.Unseen {
				if key, ok := callee.rewrite(k, e.API.Args); ok {
					add(key)
				}
			}
			return
		}
		for _, a := range e.API.Args {
			add(cparse.LockKey(a))
		}
	})
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	changed := !slices.Equal(keys, sum.Unseen)
	sum.Unseen = keys
	return changed
}

// rewrite expresses a callee's lock key in the caller's terms.
func (sum *Summary) rewrite(key string, args []string) (string, bool) {
	k, ok := RewriteKey(sum.Params, key, args)
	if !ok && slices.Contains(sum.Globals, keyBase(key)) {
		return key, true
	}
	return k, ok
}

// globalBases are the bases of the lock keys of sum reached through a
// pointer that is neither one of f's parameters nor a variable it
// declares (Summary.Globals), sorted. The summary holds no key through
// a local (locals): those are left out as it is made.
func globalBases(sum *Summary, f *cparse.Func, locals map[string]bool) []string {
	var out []string
	add := func(key string) {
		p := cparse.ParsePath(key)
		if p.Base == "" || p.Base == cfg.ReturnValue || locals[p.Base] || f.HasParam(p.Base) || slices.Contains(out, p.Base) {
			return
		}
		if _, ok := RewriteKey(nil, key, nil); !ok {
			out = append(out, p.Base)
		}
	}
	for _, h := range sum.Acquires {
		add(h.Key)
	}
	for _, k := range slices.Concat(sum.Releases, sum.MayReleases) {
		add(k)
	}
	for _, c := range slices.Concat(sum.CondAcquires, sum.CondReleases) {
		add(c.Key)
	}
	slices.Sort(out)
	return out
}

// RewriteKey expresses a lock key of a function with the given
// parameters in the terms of a caller that passes args: a key starting
// with a parameter's name takes the argument's place. ok is false for a
// key built from the callee's locals, which means nothing to the caller.
func RewriteKey(params []string, key string, args []string) (string, bool) {
	// A parenthesized accessor a macro wrote ((unix_sk(sk1))->lock, of
	// unix_state_lock(sk1)): what is inside is rewritten.
	if n := closingParen(key); n > 0 && strings.HasSuffix(key[1:n], ")") {
		if inner, ok := RewriteKey(params, key[1:n], args); ok && inner != key[1:n] {
			return "(" + inner + ")" + key[n+1:], true
		}
	}
	p := cparse.ParsePath(key)
	if p.Base != "" {
		for i, param := range params {
			if i < len(args) && p.Base == param {
				return p.Rebase(args[i]).String(), true
			}
		}
	}
	// An accessor called on a parameter, or on a member of one
	// (EXT4_I(first)->i_data_sem, file_inode(iocb->ki_filp)->i_rwsem):
	// the argument takes the parameter's place in the call.
	if open := strings.IndexByte(key, '('); open > 0 && cparse.IsIdent(key[:open]) {
		if n := strings.IndexByte(key[open:], ')'); n > 0 {
			inner := cparse.ParsePath(key[open+1 : open+n])
			for i, param := range params {
				if i >= len(args) || inner.Base != param {
					continue
				}
				arg := strings.TrimSpace(args[i]) // the pointer itself: EXT4_I(&ei->vfs_inode)
				if len(inner.Steps) > 0 {
					arg = inner.Rebase(arg).String()
				}
				return key[:open+1] + arg + key[open+n:], true
			}
		}
	}
	if strings.ContainsAny(key, "()") {
		return key, true // rcu_read_lock() and other argument-free keys
	}
	// A global lock keeps its name, and so does one reached from the
	// running task (current->sighand->siglock) or a member of a global
	// object (radix_tree_preloads.lock, a per-CPU structure's local
	// lock: a summary's keys come from no local of the callee, which
	// holds no lock in a structure of its stack); a key built from a
	// local pointer of the callee means nothing here.
	return key, !p.Members() || kapi.StableName(p.Base) || p.Base != "" && p.Steps[0].Op == "."
}

// releasesCallers are the keys among keys of the locks the function
// releases, itself or through a callee, where it does not hold them: its
// caller's.
func releasesCallers(fr *Func, keys map[string]bool) map[string]bool {
	out := map[string]bool{}
	fr.Walk(func(_ *cfg.Block, e *cfg.Event, before *State) {
		var released []string
		if eff, ok := Effect(e); ok {
			if eff.Lock == kapi.Release {
				released = append(released, fr.Key(e))
			}
		} else if callee := fr.summaryOf(e); callee != nil {
			c := fr.canon(e)
			for _, k := range slices.Concat(callee.Releases, callee.MayReleases) {
				if key, ok := callee.callerKey(k, c); ok {
					released = append(released, key)
				}
			}
		}
		for _, k := range released {
			if _, held := before.Lock(k); keys[k] && !held {
				out[k] = true
			}
		}
	})
	return out
}

// closingParen is the index of the parenthesis that closes the one key
// starts with; 0 when key starts otherwise, or none closes it.
func closingParen(key string) int {
	if !strings.HasPrefix(key, "(") {
		return 0
	}
	return max(cparse.ClosingParen(key, 0), 0)
}

// apply applies the summary at call e, whose arguments are as the
// caller's aliases name them (Func.canon); the callee's keys, rewritten
// into the caller's terms, are so too (a lock shm_lock_by_ptr(shp) takes
// is the one ipc_unlock(&shp->shm_perm) releases, with shp a container
// alias). It returns the locks the callee may have released in code the
// analysis does not see (releaseUnseen).
func (sum *Summary) apply(s *State, e *cfg.Event, alias map[string]string) (lost []string) {
	was := s.mark()
	var unseen []string
	for _, k := range sum.Unseen {
		// A lock it releases by name is released below, not lost in
		// code the analysis cannot see (console_srcu_read_unlock()
		// passes console_srcu to the primitive it annotates).
		if slices.Contains(sum.Releases, k) || slices.Contains(sum.MayReleases, k) {
			continue
		}
		if key, ok := sum.rewrite(k, e.API.Args); ok {
			unseen = append(unseen, canonKey(key, alias))
		}
	}
	lost = releaseUnseen(s, unseen)
	for i, k := range sum.dropped() {
		if key, ok := sum.rewrite(k, e.API.Args); ok {
			key = canonKey(key, alias)
			if _, held := s.Locks.Lock(key); !held && i < len(sum.Releases) && !slices.Contains(sum.Globals, keyBase(k)) {
				// Named otherwise by the callee, through an alias the
				// caller does not see: drm_gem_handle_create_tail()
				// releases obj->dev->object_name_lock, its callers
				// hold dev->object_name_lock (dev is obj->dev);
				// rcu_report_qs_rsp() releases rcu_get_root()->lock,
				// which its caller holds as rnp->lock. A lock the
				// callee releases on every way out, and the caller does
				// not hold by that name, is the one it holds that ends
				// in the same member. Not one it releases on some ways
				// only: that may be a lock of its own it takes under
				// another name (hrtimer_try_to_cancel()'s
				// lock_hrtimer_base()), whatever its callers hold.
				// Nor one of a file-scope object, which the caller
				// names as the callee does (timer_unlock_remote_bases()
				// releases timer_bases[BASE_LOCAL]->lock, not the
				// caller's tmc->lock).
				if other, found := s.heldLike(key); found {
					key = other
				}
			}
			s.dropLock(key)
		}
	}
	for _, k := range sum.PointsTo {
		// The callee stored the member: what the caller knew of it is
		// gone, and the object it now points to known.
		loc, obj, _ := SplitEqKey(k)
		if key, ok := sum.rewrite(loc, e.API.Args); ok && isLocationText(key) {
			key = canonKey(key, alias)
			s.forget(key)
			s.Values = s.Values.set(EqKey(key, obj), NonZero)
		}
	}
	for _, h := range sum.Acquires {
		if key, ok := sum.callerKey(h.Key, e); ok {
			s.addLock(Held{Key: canonKey(key, alias), Kind: h.Kind, Must: true, Pos: e.Pos, Name: e.API.Name, Summary: true})
		}
	}
	for _, cr := range sum.CondReleases {
		key, ok := sum.rewrite(cr.Key, e.API.Args)
		if !ok {
			continue
		}
		key = canonKey(key, alias)
		// Released on the calls whose value says so: dropped here, and
		// held again (or, the caller's caller's, not dropped) on the
		// branch of the other values, which decides it: on the variable
		// the value is kept in, or on the call's own test
		// (transferCallValue).
		cl := CondLock{Var: e.DefKey, When: Any &^ cr.When, Lock: Held{Key: key, Kind: cr.Kind}, Restores: true}
		if h, held := s.Locks.Lock(key); held {
			cl.Lock, cl.Restores = h, false
		}
		if cl.Var == "" {
			cl.Var = callValueKey(e.Pos)
		}
		s.dropLock(key)
		s.Conds = s.Conds.add(cl)
	}
	if e.DefKey != "" {
		for _, ca := range sum.CondAcquires {
			if key, ok := sum.callerKey(ca.Key, e); ok {
				s.Conds = s.Conds.add(CondLock{Var: e.DefKey, When: ca.When,
					Lock: Held{Key: canonKey(key, alias), Kind: ca.Kind, Must: true, Pos: e.Pos, Name: e.API.Name, Summary: true}})
			}
		}
	}
	s.Preempt = s.Preempt.add(sum.Preempt)
	s.FPU = s.FPU.enterFPU(sum.FPU)
	if sum.Unchecks {
		s.setChecks(true)
	}
	if sum.Rechecks {
		s.setChecks(false)
	}
	if sum.Unpins {
		if s.Migrate.Hi <= 0 {
			s.Unpinned = true
		}
		s.Migrate = Range{max(s.Migrate.Lo-1, 0), max(s.Migrate.Hi-1, 0)}
	}
	if e.DefKey != "" && sum.Returns != 0 {
		// ret = f(): of the kinds every return of f gives.
		if c, known := s.Values.Of(e.DefKey); !known || c == Any {
			s.Values = s.Values.set(e.DefKey, sum.Returns)
		}
	}
	sum.IRQ.apply(s)
	if c := sum.CondIRQOff; c != 0 {
		// Off on the calls whose value says so: the caller's branch on
		// the value decides which.
		s.IRQ, s.IRQEnabled = s.IRQ.Join(MayBeOff), false
		if e.DefKey != "" {
			s.Conds = s.Conds.add(CondLock{Var: e.DefKey, When: c, IRQOff: true, Lock: Held{Pos: e.Pos, Name: e.API.Name}})
		}
	}
	if c := sum.CondPreempt; c != nil {
		// Higher by c.Preempt on the calls whose value says so: the
		// caller's branch on the value it kept decides which.
		s.Preempt.Hi = clamp(s.Preempt.Hi + c.Preempt)
		if e.DefKey != "" {
			s.Conds = s.Conds.add(CondLock{Var: e.DefKey, When: c.When, Preempt: c.Preempt})
		}
	}
	settle(s, was, e.Pos, e.API.Name+"()")
	settleRT(s, was.raw, e.Pos, e.API.Name+"()", e.API.Variant || sum.RTVariant)
	if sum.Value != kapi.NoValue {
		storeValue(s, e, kapi.Effect{Returns: sum.Value}, true)
	}
	return lost
}

// returnedValue is the kind of value every exit returns when it is a CPU
// id or a per-CPU pointer obtained in the call: the value of a call that
// gives one, directly or through a local assigned only from it.
func returnedValue(f *cparse.Func, fr *Func, exits []Exit) kapi.Value {
	st := storesTo(f)
	kind := kapi.NoValue
	for _, x := range exits {
		var v *cparse.Expr
		if stmt := x.Event.Stmt; stmt != nil {
			v = uncast(stmt.X)
		}
		if v != nil && v.Kind == cparse.Ident && st.locals[v.Name] && st.count[v.Name] == 1 {
			v = uncast(st.value[v.Name])
		}
		k := fr.callValue(v)
		if k == kapi.NoValue || kind != kapi.NoValue && k != kind {
			return kapi.NoValue
		}
		kind = k
	}
	return kind
}

// uncast is the expression under casts, or the first cast a kernel
// macro's expansion begins with ((T *)this_cpu_ptr(...)).
func uncast(v *cparse.Expr) *cparse.Expr {
	for v != nil && v.Kind == cparse.Cast && v.API == nil {
		v = v.X
	}
	return v
}

// callValue is the kind of value a call gives that the analysis tracks:
// a primitive's (not per_cpu_ptr(p, cpu), as valid as its argument), or
// a summarised callee's.
func (r *Func) callValue(call *cparse.Expr) kapi.Value {
	if call == nil || call.API == nil {
		return kapi.NoValue
	}
	if eff, ok := kapi.Lookup(call.API.Name); ok {
		if eff.CPUArg > 0 {
			return kapi.NoValue
		}
		return eff.Returns
	}
	if r.env != nil {
		if sum, ok := r.env.lookup(call.API.Name); ok && sum != nil {
			return sum.Value
		}
	}
	return kapi.NoValue
}

// releaseUnseen drops the summarised and annotated locks an unseen call
// may release: one passed the object a lock belongs to
// (task_rq_unlock(rq, p, &rf) after task_rq_lock(p, &rf)). args are the
// call's arguments, or what a summarised callee passes to unseen calls.
// It returns the keys dropped.
func releaseUnseen(s *State, args []string) (dropped []string) {
	if len(args) == 0 || len(s.Locks) == 0 {
		return nil
	}
	kept := s.Locks[:0]
	for _, h := range s.Locks {
		drop := false
		if h.Summary || h.Name == "" {
			for _, a := range args {
				if arg := cparse.LockKey(a); arg != "" && cparse.ParsePath(h.Key).Within(arg) {
					drop = true
				}
			}
		}
		if drop {
			dropped = append(dropped, h.Key)
		} else {
			kept = append(kept, h)
		}
	}
	s.Locks = kept
	return dropped
}

// keyBase is the variable a lock key starts from ("q" of "q->lock"), ""
// for a key that is no location.
func keyBase(key string) string { return cparse.ParsePath(key).Base }

// LockOps are the locks call event e takes and releases, named as this
// function names them: a primitive's, or those a summarised helper's
// summary says it takes and releases (raw_spin_rq_lock(rq)).
func (r *Func) LockOps(e *cfg.Event) (acquires, releases []string) {
	if eff, ok := Effect(e); ok {
		switch eff.Lock {
		case kapi.Acquire, kapi.TryAcquire, kapi.AcquireOnZero:
			acquires = append(acquires, r.Key(e))
		case kapi.Release:
			releases = append(releases, r.Key(e))
		}
		return acquires, releases
	}
	callee := r.summaryOf(e)
	if callee == nil {
		return nil, nil
	}
	c := r.canon(e)
	for _, h := range callee.Acquires {
		if key, ok := callee.callerKey(h.Key, c); ok {
			acquires = append(acquires, key)
		}
	}
	for _, k := range callee.dropped() {
		if key, ok := callee.callerKey(k, c); ok {
			releases = append(releases, key)
		}
	}
	return acquires, releases
}

// reachExits is the set of blocks from which one of the exits can be
// reached.
func reachExits(g *cfg.Graph, exits []Exit) map[*cfg.Block]bool {
	at := map[*cfg.Event]bool{}
	for _, x := range exits {
		at[x.Event] = true
	}
	seen := map[*cfg.Block]bool{}
	var work []*cfg.Block
	for _, b := range g.Blocks {
		for _, e := range b.Events {
			if at[e] && !seen[b] {
				seen[b] = true
				work = append(work, b)
			}
		}
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range b.Preds {
			if !seen[p] {
				seen[p] = true
				work = append(work, p)
			}
		}
	}
	return seen
}

// outBits are the bits a function sets through each pointer parameter
// on its returns of nonzero values (Summary.OutBits). The shape read is
// the kernel's: a local copy of what the parameter points to, bits or'ed
// into it, then one store back through the parameter just before a
// return of success:
//
//	unsigned int gup_flags = *gup_flags_p;
//	...
//	gup_flags |= to_set;
//	...
//	*gup_flags_p = gup_flags;
//	return true;
//
// The local's only other stores are or's (bits stay set), its address is
// not taken, and each or counted is on every path to the store (its
// block dominates the store's).
func outBits(g *cfg.Graph, exits []Exit) []OutBits {
	f := g.Func
	if f == nil || f.Body == nil || f.ReturnsPointer {
		return nil
	}
	param := func(e *cparse.Expr) int {
		for e != nil && e.Kind == cparse.Cast {
			e = e.X
		}
		if e == nil || e.Kind != cparse.Ident || e.Ref == nil {
			return 0
		}
		for i, p := range f.Params {
			if p.Name == e.Name {
				return i + 1
			}
		}
		return 0
	}
	// The stores *p = local, by parameter, and each local's ors.
	type store struct {
		local string
		pos   cparse.Pos // of *p
	}
	stores := map[int][]store{}
	ors := map[string][]*cparse.Expr{}
	spoilt := map[string]bool{}
	cparse.WalkExprs(f.Body, func(e *cparse.Expr) {
		switch {
		case e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Unary && e.X.Op == "*":
			y := e.Y
			for y != nil && y.Kind == cparse.Cast {
				y = y.X
			}
			if q := param(e.X.X); q > 0 && e.Op == "=" && y != nil && y.Kind == cparse.Ident && y.Ref != nil && param(y) == 0 {
				stores[q] = append(stores[q], store{y.Name, e.X.Pos})
			}
		case e.Kind == cparse.Assign && e.X != nil && e.X.Kind == cparse.Ident:
			if e.Op == "|=" {
				ors[e.X.Name] = append(ors[e.X.Name], e)
			} else {
				spoilt[e.X.Name] = true // declarations' initialisers are not assignments
			}
		case e.Kind == cparse.Unary && e.Op == "&" && e.X != nil && e.X.Kind == cparse.Ident:
			spoilt[e.X.Name] = true
		}
	})
	var out []OutBits
	for q := 1; q <= len(f.Params); q++ {
		if len(stores[q]) != 1 || spoilt[stores[q][0].local] {
			continue
		}
		st := stores[q][0]
		// The store's block, and the nonzero returns it must come just
		// before.
		at := -1
		for _, b := range g.Blocks {
			for _, e := range b.Events {
				if e.Kind == cfg.Use && e.How == "deref" && e.DefKey == f.Params[q-1].Name && e.Pos == st.pos {
					at = b.Index
				}
			}
		}
		if at < 0 {
			continue
		}
		successes := 0
		for _, x := range exits {
			if x.Value&^(Pos|Neg) == 0 && x.Value != 0 {
				if !storedBefore(g.Blocks[at], x.Event, st.pos) {
					successes = -1
					break
				}
				successes++
			}
		}
		if successes <= 0 {
			continue
		}
		ob := OutBits{Param: q}
		for _, or := range ors[st.local] {
			if !dominates(g, blockOf(g, or.Pos), at) {
				continue
			}
			if c, ok := cparse.ConstIntIn(or.Y, g.Enums); ok {
				ob.Bits |= c
			} else if p := param(or.Y); p > 0 && ob.FromParam == 0 {
				ob.FromParam = p
			}
		}
		if ob.Bits != 0 || ob.FromParam != 0 {
			out = append(out, ob)
		}
	}
	return out
}

// storedBefore reports whether the return x is an event of b, the block
// of a store at pos, after it.
func storedBefore(b *cfg.Block, x *cfg.Event, pos cparse.Pos) bool {
	seen := false
	for _, e := range b.Events {
		if e.Pos == pos {
			seen = true
		}
		if e == x {
			return seen
		}
	}
	return false
}

// blockOf is the index of the block with an Assign event at pos, -1 if
// none.
func blockOf(g *cfg.Graph, pos cparse.Pos) int {
	for _, b := range g.Blocks {
		for _, e := range b.Events {
			if e.Kind == cfg.Assign && e.Value != nil && e.Value.Pos == pos {
				return b.Index
			}
		}
	}
	return -1
}

// dominates reports whether every path from the entry to block to goes
// through block d (d == to counts).
func dominates(g *cfg.Graph, d, to int) bool {
	if d < 0 {
		return false
	}
	if d == to || d == 0 {
		return true
	}
	seen := make([]bool, len(g.Blocks))
	seen[d] = true
	stack := []int{0}
	seen[0] = true
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == to {
			return false
		}
		for _, e := range g.Blocks[b].Succs {
			if !seen[e.To.Index] {
				seen[e.To.Index] = true
				stack = append(stack, e.To.Index)
			}
		}
	}
	return true
}
