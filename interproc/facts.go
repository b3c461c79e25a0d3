package interproc

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/kpreempt/kpreempt/dataflow"
	"github.com/kpreempt/kpreempt/internal/compact"
	"github.com/kpreempt/kpreempt/kapi"
)

// Version is the version of the facts format. Change it with any change
// to the types below, or to what Summarize puts in them (52: a lock
// returned held with a call's pointer, and released before NULL, is one
// the value tells apart, dataflow.Separable; 53: Call.RawAssumed, and the
// locks that sleep on PREEMPT_RT taken after a lockdep assertion only;
// 54: 52's lookup is a lock's, not the preempt count's; 55: Call.Values
// of bits an argument certainly has; a function that takes a lock
// through a lookup releases its own; a wrapper of a conditional preempt
// helper; lock keys through a local holding a member's address, and
// through aliases inside an accessor's parentheses; a caller's lock
// dropped where a variable says so; FuncFacts.Init; 56: written as
// package compact writes them, not as JSON; 57: dataflow.Summary.FPU;
// 58: Call.Bound; 59: Call.Kinds, Call.Written, what branches knew of
// a parameter before its assignment in Call.When, MemberMask.Pointer,
// dataflow.Summary's Returns of variables, ReturnsMember and
// RTVariant; 60: dataflow.Summary.ReturnsBits, masks named by
// enumerators, Queries.Members; 61: what a parameter decides through a
// local in Call.When (dataflow.Func.DeadWhen), enumerators in
// Call.Values; 62: dataflow.Summary.ReturnsParamBits, bits of a
// snapshot a parameter points to (kapi.Snapshot) followed through
// branches and helpers, constants stored in a local setting the bits
// branches test, and no calls or sleeps of blocks no kind of a parameter
// reaches, dataflow.Variants.Dead); 63: Call.Task and Sleep.Task,
// dataflow.Summary.OutBits, the bits a caller knows set in an argument
// in Call.Values, and UnitFacts.Work through a local that may point to
// one of several per-CPU instances; 64: dataflow.Summary.Globals, the
// file-scope pointers a summary's lock keys go through, and
// Call.ClearBits; 65: a call through a function-pointer parameter of a
// static function is a call of what its callers pass there
// (dataflow.Unit.ParamCallees); dataflow.Summary.ReturnsConst and
// ReturnsOnly, and in Call.Values the only bits an argument that calls
// such a function may have (cparse.MayBitsValue); ParamClass.Path
// without a mask; 66: dataflow.Summary.PointsTo, and ParamClass.Path of
// a member compared with a named object's address (dataflow.EqKey); 67:
// UnitFacts.Work's queueings of work items of no per-CPU variable; 68:
// dataflow.Summary.IfZero and IfNonZero, and a WARN_ON() statement's
// condition taken as false past it; 69: dataflow.Summary.ReturnsPath, and
// a release spelled through an accessor of the lock held by its path;
// 70: a member set under the function's one lock records its hand-off
// (dataflow.CondLock.HandedOff); 71: Call.Returned, and a bool's nonzero
// values read as true where a summary tells its returns apart; 72:
// dataflow.Summary.ReleasesIf; 73: FuncFacts.ReturnsMayHold names a
// lock of a local's object through the parameter's member the local is
// stored into (dataflow.Func.NamedForCallers); 74: an out-parameter's
// pointee (*p) is a location, and PTR_ERR() of an ERR_PTR() an errno;
// 75: Call.Returned dropped (a caller releases or passes on every lock
// a callee returns holding on some ways out: Entry.CallersRelease); 76:
// the roots of power-off handlers, taken out again; 77: a pointee's
// value is read only for *p of a variable (cfg.DerefKey).
const Version = 77

// Symbol names a function program-wide.
type Symbol struct {
	Name string `json:"name"`
	// Unit is the unit a static function belongs to (its identity); ""
	// for a function with external linkage.
	Unit string `json:"unit,omitempty"`
}

func (s Symbol) String() string {
	if s.Unit == "" {
		return s.Name
	}
	return s.Unit + ":" + s.Name
}

// Pos is a position with the file named by identity. Line and column
// take 32 bits: a whole tree's facts hold millions of positions.
type Pos struct {
	File string `json:"file"`
	Line int32  `json:"line"`
	Col  int32  `json:"col,omitempty"`
}

// Local is the context at a call relative to the calling function's
// entry.
type Local uint8

const (
	// Inherit: the caller did nothing on every path there that decides
	// it: the call runs in the caller's entry context.
	Inherit Local = iota
	// Protected: the caller disabled preemption (or interrupts, bottom
	// halves, or took a spinning lock) on every path to the call.
	Protected
	// Open: the caller enabled preemption again on some path (or may
	// sleep before), whatever its entry.
	Open
)

// Call is one call a function makes. Its flags lie together: a whole
// tree's facts hold millions of calls.
type Call struct {
	Callee string `json:"callee,omitempty"` // a direct call's callee
	// Tag and Field name an indirect call through a struct member
	// (ops->add(...): the struct tag of ops and "add").
	Tag   string   `json:"tag,omitempty"`
	Field string   `json:"field,omitempty"`
	Pos   Pos      `json:"pos"`
	Args  []string `json:"args,omitempty"`
	// Values are, per argument, the value of one that is an integer
	// constant expression with operators (cparse.APIUse.Values; since
	// version 18): the bits a callee's condition on a parameter tests;
	// or bits the argument has whatever its variables hold ("|80000000",
	// cparse.SetBitsValue; since version 55).
	Values []string `json:"values,omitempty"`
	// Kinds are, per argument, what the caller's assignments and branches
	// knew of a variable passed as it is (int cpu = 0; ... f(cpu)): its
	// dataflow.Class there, 0 when nothing is known (since version 59).
	Kinds []dataflow.Class `json:"kinds,omitempty"`
	// Via is the header helper (a static inline function of a header)
	// whose body makes the call: the function calls Via at Pos, and the
	// call is one of Via's, in the context both make together.
	Via string `json:"via,omitempty"`
	// NullMembers are struct members a branch of the caller found NULL
	// on every path to the call (if (ops->request) return
	// ops->request(...); followed by the fallback): the call happens
	// only for objects that leave them unset (since version 36).
	NullMembers []Member `json:"null_members,omitempty"`
	// SetBits are bits of struct members a branch of the caller found
	// set on every path to the call (if (!(up->capabilities &
	// UART_CAP_RPM)) return;): the call happens only for objects that
	// have them (since version 37).
	SetBits []MemberMask `json:"set_bits,omitempty"`
	// ClearBits are bits of struct members a branch of the caller found
	// clear on every path to the call (dataflow.Func.ClearBits): a way
	// down that needs them set, in the member or in one copied from it,
	// is not taken (sleepPath.bits; since version 64).
	ClearBits []MemberMask `json:"clear_bits,omitempty"`
	// OneOf marks one of the calls a call through a local function
	// pointer may make (cb = up ? s->startup : s->teardown; cb(cpu)):
	// it gives its callee the caller's context, but the caller sleeps
	// only through a call it certainly makes.
	OneOf bool `json:"one_of,omitempty"`
	// Warned marks a call made only where a WARN_ON()'s condition held
	// (dataflow.State.Warned): the kernel reports that path as a bug
	// already, and the caller does not sleep, nor take a lock that
	// sleeps on PREEMPT_RT, through it (since version 33).
	Warned bool `json:"warned,omitempty"`
	// LastRef marks a call made only where a put dropped the last
	// reference to an object (dataflow.State.LastRef): the caller frees
	// the object there, which its own callers, holding references of
	// their own, do not reach; it does not sleep through the call for
	// them (since version 36).
	LastRef bool `json:"last_ref,omitempty"`
	// Task marks a call made only in task context: past a test of the
	// context that found in_interrupt() false, or no interrupt served
	// once the caller had enabled its own caller's bottom halves
	// (dataflow.State.SleepsInTaskOnly): a sleep through it is not one
	// for a caller with bottom halves disabled (since version 63).
	Task bool `json:"task,omitempty"`
	// Unchecked marks a call made where the caller turned the kernel's
	// own sleep checks off on every path (dataflow.State.Unchecked:
	// system_state past SYSTEM_RUNNING, an oops in progress): the caller
	// does not sleep through it for its own callers, and a function
	// entered only so is left alone as early boot is
	// (dataflow.Entry.Booting; since version 49). A callee that turns
	// them on again before it sleeps (dataflow.Drops.Checks; since
	// version 50) sleeps for the caller.
	Unchecked bool `json:"unchecked,omitempty"`
	// Always says the caller makes the call on every path to its
	// returns (dataflow.Func.Always; for a call a header helper makes,
	// both the helper's call and the call of the helper): a lock the
	// callee releases on every way out, the caller releases too.
	Always bool `json:"always,omitempty"`
	// Preempt is the preemption context at the call; IRQOff, BHOff and
	// Stable say whether the caller itself had interrupts or bottom
	// halves disabled, or the CPU pinned, on every path there; NoSleep
	// whether the caller itself made the context atomic (sleeping there
	// is the caller's bug, whatever its entry).
	Preempt Local `json:"preempt"`
	IRQOff  bool  `json:"irq_off,omitempty"`
	BHOff   bool  `json:"bh_off,omitempty"`
	Stable  bool  `json:"stable,omitempty"`
	NoSleep bool  `json:"no_sleep,omitempty"`
	// Unpinned says the caller let its task migrate before the call on
	// some path, where its own caller may have pinned it
	// (dataflow.State.Unpinned; since version 35).
	Unpinned bool `json:"unpinned,omitempty"`
	// Bound says the caller had bound its task to its CPU on every path
	// there other than by disabling preemption: migrate_disable(), a
	// cant_migrate() assertion, migrate_to_reboot_cpu()
	// (dataflow.State.Migrate, Pinned; since version 58). Enabling
	// preemption, or sleeping, after it leaves the task where it is.
	Bound bool `json:"bound,omitempty"`
	// RawAtomic says the context at the call is atomic on PREEMPT_RT
	// too (dataflow.State.AtomicOnRT): a raw spinlock, the preempt
	// count, interrupts truly disabled (since version 20); not when
	// variant code made it so in a unit read without PREEMPT_RT
	// (cparse.APIUse.Variant; since version 21).
	RawAtomic bool `json:"raw_atomic,omitempty"`
	// RawAssumed, with RawAtomic, says nothing of the caller's own makes
	// the call atomic on PREEMPT_RT: only its entry, or a lockdep
	// assertion of it (lockdep_assert_irqs_disabled()). A lock the
	// callee takes that sleeps there is the caller's callers' to answer
	// for (arch/x86/kernel/kvm.c kvm_async_pf_task_wait_schedule(),
	// entered from the page fault with interrupts disabled; since
	// version 53).
	RawAssumed bool `json:"raw_assumed,omitempty"`
	// RawIRQOff says interrupts are disabled on PREEMPT_RT too (not by
	// a sleeping lock's _irq form; since version 20).
	RawIRQOff bool `json:"raw_irq_off,omitempty"`
	// NoFault says the caller disabled page faults on every path there
	// (pagefault_disable()): a callee that sleeps only by faulting on
	// user memory does not sleep for it.
	NoFault bool `json:"no_fault,omitempty"`
	// RawWhy explains RawAtomic: what made the context atomic there.
	RawWhy string `json:"raw_why,omitempty"`
	// When are what the caller's parameters hold on every path to the
	// call, as far as its branches tell (if (!head) ...): a sleep through
	// the call happens only when the caller's callers pass such values.
	When []ParamClass `json:"when,omitempty"`
	// Written are the caller's parameters (bit i for the i+1-th) a path
	// to the call may have assigned: an argument naming one is not what
	// the caller's callers passed (since version 59).
	Written uint64 `json:"written,omitempty"`
	// ProtectedWhen, for a call not Protected, are values of the
	// caller's parameters for which it is: the caller pinned its task, or
	// disabled interrupts, on the paths where the parameter holds them
	// (nbcon_emit_one(): if (!use_atomic) { con->device_lock(con,
	// &flags); cant_migrate(); }); callers that pass such values enter
	// the callee protected, and on its other paths the parameter holds
	// the other values (since version 38).
	ProtectedWhen []ParamClass `json:"protected_when,omitempty"`
	// GFPParam, when not zero, is the caller's parameter (1-based) whose
	// GFP flags a branch found to allow blocking on every path to the
	// call (pcpu_alloc() calls pcpu_create_chunk() only past "if
	// (is_atomic) goto fail"): a sleep through the call happens only for
	// callers whose flags allow it (since version 19).
	GFPParam int `json:"gfp_param,omitempty"`
	// Drops are what the caller gave up of its own caller's context
	// before the call (see dataflow.Drops).
	Drops dataflow.Drops `json:"drops,omitzero"`
	// Why explains Preempt: what protected the call or opened it.
	Why string `json:"why,omitempty"`
	// WhyPos is where that happened.
	WhyPos Pos `json:"why_pos,omitzero"`
}

// FuncStore is a function's address written into a struct field (an
// initialiser .add = foo_add, or ops->add = foo_add), or elsewhere; not
// into an object of a section the linker discards (since version 51:
// every EXPORT_SYMBOL()'s __ADDRESSABLE() was one, and made each exported
// function one called through a pointer nothing follows).
type FuncStore struct {
	Func string `json:"func"`
	// Tag and Field name the struct field written; both empty when the
	// address goes where it cannot be followed (an argument of an
	// unknown function, a variable, an array): the function escapes.
	Tag   string `json:"tag,omitempty"`
	Field string `json:"field,omitempty"`
	// Var is the variable whose field is written, when it is one
	// (registration roots such as notifier chains follow it).
	Var string `json:"var,omitempty"`
	// Index is the name designating the array element written, when
	// one does ([CPUHP_TEARDOWN_CPU] = { ... }).
	Index string `json:"index,omitempty"`
	// Global is set when the address goes into a file-scope function
	// pointer variable, named by Field (Tag empty).
	Global bool `json:"global,omitempty"`
	// Hard says the unit initialised the object so that the function
	// runs in the root's own context on PREEMPT_RT too
	// (hrtimer_init(&t, clock, HRTIMER_MODE_REL_HARD); kapi.HardInit;
	// since version 20).
	Hard bool `json:"hard,omitempty"`
	// Assigned marks a store by assignment (ops->add = foo_add), not by
	// an initializer (since version 36): the program fills objects of
	// the struct in at run time.
	Assigned bool `json:"assigned,omitempty"`
	Pos      Pos  `json:"pos"`
}

// WorkUse is a work item initialised with a function (INIT_WORK()), or
// a work item queued (queue_delayed_work_on(); since version 67 of no
// per-CPU variable too).
type WorkUse struct {
	// Item is the per-CPU work item, as kapi.PerCPUInstance names it
	// (vmstat_work, slub_flush.work); "" for any other work item.
	Item string `json:"item,omitempty"`
	// Func is the function an initialisation gives the item; "" for a
	// queueing.
	Func string `json:"func,omitempty"`
	// Bound says a queueing is on one of the kernel's bound workqueues
	// (kapi.BoundWorkqueue), whose kworkers stay on their CPU.
	Bound bool `json:"bound,omitempty"`
	Pos   Pos  `json:"pos"`
}

// FieldCopy is what one struct field holds written into another: a
// static call retargeted to an ops structure's member
// (static_call_update(x86_pmu_add, x86_pmu.add) copies struct x86_pmu's
// add into the key x86_pmu_add). A call through To reaches what is stored
// in From.
type FieldCopy struct {
	FromTag   string `json:"from_tag"`
	FromField string `json:"from_field"`
	Tag       string `json:"tag"`
	Field     string `json:"field"`
	Pos       Pos    `json:"pos"`
}

// RootUse is a function given a context by a registration API or a
// defining macro (kapi roots).
type RootUse struct {
	Func    string       `json:"func"`
	Context kapi.Context `json:"context"`
	// RTContext is the context on PREEMPT_RT when it differs, decided
	// by the registration's arguments (kapi.RTContext; since version 20).
	RTContext kapi.Context `json:"rt_context,omitempty"`
	Via       string       `json:"via"` // the API, field or macro
	Pos       Pos          `json:"pos"`
}

// ParamRoot is a parameter (1-based) handed to a registration API.
type ParamRoot struct {
	Param     int          `json:"param"`
	Context   kapi.Context `json:"context"`
	RTContext kapi.Context `json:"rt_context,omitempty"` // as RootUse's
	Via       string       `json:"via"`
}

// Sleep is where a function may sleep, relative to its entry.
type Sleep struct {
	Prim string `json:"prim"` // the primitive
	Pos  Pos    `json:"pos"`
	// Via is the header helper whose body makes the sleeping call: the
	// function calls Via at Pos (since version 38).
	Via string `json:"via,omitempty"`
	// GFPParam, when not zero, is the parameter (1-based) whose GFP flags
	// decide: the function sleeps when its caller's flags allow reclaim.
	GFPParam int `json:"gfp_param,omitempty"`
	// Drops are what the function gave up of its caller's context before
	// the sleep: a caller protected only by that does not sleep in atomic
	// context.
	Drops dataflow.Drops `json:"drops,omitzero"`
	// When are what the function's parameters hold on every path to the
	// sleep (kvfree_call_rcu(): might_sleep() only when head is NULL).
	When []ParamClass `json:"when,omitempty"`
	// NullMembers are as Call's (since version 36).
	NullMembers []Member `json:"null_members,omitempty"`
	// SetBits are as Call's (since version 37).
	SetBits []MemberMask `json:"set_bits,omitempty"`
	// Task marks a sleep in task context only, as Call's (since version
	// 63): rcu_do_batch()'s cond_resched() for the rcuc kthread.
	Task bool `json:"task,omitempty"`
}

// Member is a field of a struct type: the struct tag and the field.
type Member struct {
	Tag   string `json:"tag"`
	Field string `json:"field"`
}

// MemberMask is bits of a struct member.
type MemberMask struct {
	Tag   string `json:"tag"`
	Field string `json:"field"`
	Mask  uint64 `json:"mask"`
	// Pointer marks a pointer to a struct found not NULL: where no store
	// of the program sets the member, no path (since version 59).
	Pointer bool `json:"pointer,omitempty"`
}

// MemberBits are the bits a unit writes into a struct member over all
// its stores: constants, other members' bits copied (From), or bits it
// cannot bound (Any).
type MemberBits struct {
	Tag   string   `json:"tag"`
	Field string   `json:"field"`
	Bits  uint64   `json:"bits,omitempty"`
	From  []Member `json:"from,omitempty"`
	Any   bool     `json:"any,omitempty"`
	// Via are the function pointer variables the member's address is
	// passed to a call through.
	Via []string `json:"via,omitempty"`
}

// ParamClass says that a parameter (1-based) holds a value of the kinds
// in Class, or, when Mask is not zero, that the parameter's bits in Mask
// do (if (!(rpmflags & RPM_ASYNC)) might_sleep(): rpmflags & 0x1 is 0;
// since version 18).
type ParamClass struct {
	Param int            `json:"param"`
	Class dataflow.Class `json:"class"`
	Mask  uint64         `json:"mask,omitempty"`
	// Path is a member of the parameter's object the condition is on
	// ("->f_mode": file->f_mode & FMODE_BACKING), "" for the parameter
	// itself (since version 26); without a mask, on what the member
	// holds ("->file": if (store->file); since version 65), or on
	// whether it points to a named object, as a dataflow.EqKey
	// ("->temp==static_temp_buf": if (iter->temp != static_temp_buf);
	// since version 66).
	Path string `json:"path,omitempty"`
}

// FuncFacts are one function's facts.
type FuncFacts struct {
	Sym    Symbol   `json:"sym"`
	Pos    Pos      `json:"pos"`
	Params []string `json:"params,omitempty"`
	Calls  []Call   `json:"calls,omitempty"`
	Sleeps []Sleep  `json:"sleeps,omitempty"`
	// RTLocks are the spinlock_t, rwlock_t and local_lock acquisitions
	// the function makes where it has not made the context atomic on
	// PREEMPT_RT itself: sleeping locks there (since version 20); in a
	// unit read without PREEMPT_RT, not those of variant code (since
	// version 21); with what the parameters hold on every path there
	// (Sleep.When; since version 41).
	RTLocks []Sleep `json:"rt_locks,omitempty"`
	// Preemptible is where the function shows it runs preemptible
	// whatever its callers say: a sleep before anything disabled
	// preemption.
	Preemptible *Pos `json:"preemptible,omitempty"`
	// ParamRoots are the function's parameters that it hands to a
	// registration API (a wrapper of kthread_run()): a function its
	// callers pass there gets the API's context.
	ParamRoots []ParamRoot `json:"param_roots,omitempty"`
	// DefinedBy is the macro whose expansion wrote the definition.
	DefinedBy string `json:"defined_by,omitempty"`
	// Weak marks a weak definition: another of the same name in the
	// program replaces it (since version 15).
	Weak bool `json:"weak,omitempty"`
	// ReleasesLocks says the function releases a lock somewhere: a
	// primitive's release, a scope guard's end, or a callee's that its
	// summary shows (since version 34). A lock helper's callers that
	// release nothing leave its lock held (see Entry.LocksKept).
	ReleasesLocks bool `json:"releases_locks,omitempty"`
	// PassesLocks says the function returns holding a lock a callee
	// returned held (a lock helper's, dataflow.Summary.Acquires and
	// CondAcquires), or returns the value that tells whether it holds
	// it, for its own callers to release (since version 34).
	PassesLocks bool `json:"passes_locks,omitempty"`
	// ReturnsMayHold are the locks the function returns holding on some
	// ways out and not on others, which no summary hands to its callers,
	// in its own terms (since version 39): a lock helper's by design when
	// every caller releases them (Entry.CallersRelease).
	ReturnsMayHold []string `json:"returns_may_hold,omitempty"`
	// ReleasesUnheld are the locks the function releases, itself or
	// through a callee's summary, at a point where it does not hold them,
	// in its own terms (since version 39).
	ReleasesUnheld []string `json:"releases_unheld,omitempty"`
	// AnyContext says the function's kernel-doc comment documents it as
	// safe in any context (kapi.DocumentsAnyContext: "Context: atomic"),
	// as kapi's AnyContext rows are (since version 36).
	AnyContext bool `json:"any_context,omitempty"`
	// GFPFlags is the parameter (1-based) declared with the kernel's GFP
	// flags type (kapi.GFPFlagsType), 0 when there is none. The function
	// sleeps for a caller only as the flags the caller passes allow
	// (since version 37).
	GFPFlags int `json:"gfp_flags,omitempty"`
	// Init says the function is __init code (cparse.Func.Init): a
	// caller that is not reaches it only while the kernel boots, and
	// does not sleep, nor take a lock that sleeps on PREEMPT_RT, through
	// it (since version 55).
	Init    bool              `json:"init,omitempty"`
	Summary *dataflow.Summary `json:"summary,omitempty"`
}

// UnitFacts are what one unit contributes to the program.
type UnitFacts struct {
	Version int         `json:"version"`
	Unit    string      `json:"unit"` // the identity of the unit's file
	Funcs   []FuncFacts `json:"funcs,omitempty"`
	Stores  []FuncStore `json:"stores,omitempty"`
	Copies  []FieldCopy `json:"copies,omitempty"`
	// Bits are the bits the unit writes into struct members (since
	// version 37).
	Bits  []MemberBits `json:"bits,omitempty"`
	Roots []RootUse    `json:"roots,omitempty"`
	// Refs are functions of other units whose address the unit takes
	// without a store that can be followed.
	Refs []string `json:"refs,omitempty"`
	// Work are the work items the unit initialises with a function, and
	// the per-CPU ones it queues (since version 36).
	Work []WorkUse `json:"work,omitempty"`
	// Callees identifies the summaries of other units' functions the
	// facts were made with (Program.CalleeDigest); "" for facts made
	// from the unit alone.
	Callees string `json:"callees,omitempty"`
	// Accepted is the callee digest of the program in which the run
	// that made the facts stopped settling (its bound on rounds
	// reached) and kept them as they are: a program with that digest
	// takes them without summarising the unit again (since version 31).
	// nil when they were not accepted; the digest may be "".
	Accepted *string `json:"accepted,omitempty"`
	// Draft marks code being written rather than a unit of the tree's
	// build: a file outside a tree, a patched copy, a version from git.
	// A function of it nothing calls is new code, entered preemptible;
	// one of the tree's own units is called from assembly or from code
	// the configuration leaves out, and entered unknown. Set by the run
	// for its program, never stored.
	Draft bool `json:"-"`
}

// trim gives every list of the facts its exact length. A whole-tree
// run holds the facts of every unit until its link, and the spare
// capacity that appending leaves was most of their memory (the calls'
// lists alone 0.9 GB of the 2.3 GB live at the defconfig tree's peak),
// which the collector scans again in every cycle.
func (u *UnitFacts) trim() {
	u.Funcs = exact(u.Funcs)
	for i := range u.Funcs {
		f := &u.Funcs[i]
		f.Params, f.Calls, f.Sleeps, f.RTLocks = exact(f.Params), exact(f.Calls), exact(f.Sleeps), exact(f.RTLocks)
		f.ParamRoots, f.ReturnsMayHold, f.ReleasesUnheld = exact(f.ParamRoots), exact(f.ReturnsMayHold), exact(f.ReleasesUnheld)
	}
	u.Stores, u.Copies, u.Bits = exact(u.Stores), exact(u.Copies), exact(u.Bits)
	u.Roots, u.Refs, u.Work = exact(u.Roots), exact(u.Refs), exact(u.Work)
}

// exact is s in an array of its length; nil stays nil.
func exact[S ~[]E, E any](s S) S {
	if cap(s) == len(s) {
		return s
	}
	if len(s) == 0 {
		return s[:0:0]
	}
	return append(make(S, 0, len(s)), s...)
}

// factsMagic starts encoded facts; their Version follows it.
const factsMagic = "kpfacts\x00"

// Encode writes the facts in the store's format: factsMagic, Version as
// a varint, then the UnitFacts as package compact writes them (the
// fields in declaration order, those tagged json:"-" left out). A whole
// tree's facts, read by every run that checks a few of its files, are a
// sixth of their size in JSON, and read three times as fast.
func (u *UnitFacts) Encode() ([]byte, error) {
	b := binary.AppendUvarint([]byte(factsMagic), uint64(Version))
	return compact.Append(b, u), nil
}

// Decode reads facts written by Encode, refusing another version.
func Decode(data []byte) (*UnitFacts, error) {
	if !bytes.HasPrefix(data, []byte(factsMagic)) {
		return nil, fmt.Errorf("malformed facts: not kpreempt facts")
	}
	v, n := binary.Uvarint(data[len(factsMagic):])
	if n <= 0 {
		return nil, fmt.Errorf("malformed facts: no version")
	}
	if v != Version {
		return nil, fmt.Errorf("facts of version %d, want %d", v, Version)
	}
	u := &UnitFacts{}
	if err := compact.Unmarshal(data[len(factsMagic)+n:], u); err != nil {
		return nil, fmt.Errorf("malformed facts: %v", err)
	}
	if u.Version != Version {
		return nil, fmt.Errorf("facts of version %d, want %d", u.Version, Version)
	}
	return u, nil
}
