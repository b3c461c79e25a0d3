package kapi

import "strings"

// LockOp says what a primitive does to a lock.
type LockOp uint8

const (
	NoLockOp      LockOp = iota
	Acquire              // takes the lock named by its first argument
	Release              // drops it
	TryAcquire           // takes it only when the call returns non-zero
	AcquireOnZero        // takes it only when the call returns zero (mutex_lock_interruptible)
)

// LockKind is the family of a lock; it decides whether holding it disables
// preemption.
type LockKind uint8

const (
	NoLock    LockKind = iota
	Spin               // spinlock_t, rwlock_t: preemption off (on PREEMPT_RT, a sleeping lock)
	Local              // local_lock_t: preemption (or migration) off (on PREEMPT_RT, a per-CPU spinlock_t)
	Sleeping           // mutex, semaphore: preemption stays on
	ReadSideR          // rcu_read_lock: a read-side section, preemption stays on
	// RawSpin is raw_spinlock_t (and the bit spinlocks): preemption off
	// on every kernel, PREEMPT_RT included (since facts version 20;
	// before, raw locks were Spin).
	RawSpin
)

// DisablesPreemption reports whether holding a lock of the kind disables
// preemption on a kernel without PREEMPT_RT.
func (k LockKind) DisablesPreemption() bool { return k == Spin || k == RawSpin || k == Local }

// SectionKeyDisablesPreemption reports whether a held lock key names an
// argumentless section whose primitive disables preemption or bottom
// halves as it begins (rcu_read_lock_bh(), rcu_read_lock_sched()): held
// through a helper that returns inside it (tcp_sigpool_start()'s
// __cond_acquires(RCU_BH)), the section is what keeps the CPU.
func SectionKeyDisablesPreemption(key string) bool {
	name, ok := strings.CutSuffix(key, "()")
	if !ok {
		return false
	}
	e, ok := Lookup(name)
	return ok && (e.BH > 0 || e.Preempt > 0)
}

// SleepsOnRT reports whether PREEMPT_RT turns the lock into an
// rt_mutex-based sleeping lock that leaves preemption and interrupts
// enabled and only pins the task to its CPU (locktypes.rst, "spinlock_t
// and PREEMPT_RT", "local_lock and PREEMPT_RT").
func (k LockKind) SleepsOnRT() bool { return k == Spin || k == Local }

// IRQOp says what a primitive does to the local interrupt state.
type IRQOp uint8

const (
	NoIRQOp    IRQOp = iota
	IRQDisable       // local_irq_disable, spin_lock_irq
	IRQEnable        // local_irq_enable, spin_unlock_irq
	IRQSave          // local_irq_save(flags): disable, state saved in flags
	IRQRestore       // local_irq_restore(flags): back to the saved state
)

// Value is what a primitive returns that the analysis tracks.
type Value uint8

const (
	NoValue   Value = iota
	CPUID           // a CPU number valid while the CPU is stable
	PerCPUPtr       // a pointer into this CPU's per-CPU area
)

// Predicate says what a context test's value means.
type Predicate uint8

const (
	NoPredicate   Predicate = iota
	AtomicIfTrue            // in_atomic(), in_interrupt(), irqs_disabled(), ...
	AtomicIfFalse           // preemptible(), in_task()
)

// Effect is what one primitive does to the context. Zero fields do nothing.
type Effect struct {
	Name string // the canonical name (the table key, or the family prefix)

	Preempt int8 // +1 disables preemption, -1 enables it
	// Pair names the primitive that undoes this one (preempt_enable for
	// preempt_disable and the reverse); messages use it.
	Pair      string
	NoResched bool // preempt_enable_no_resched: enables without a reschedule check

	Lock     LockOp
	LockKind LockKind
	// LockArg is the argument (1-based) that names the lock, when it is
	// not the first (atomic_dec_and_lock(&cnt, &lock): 2).
	LockArg int
	// NonOwner marks a lock another task releases
	// (down_read_non_owner(): "unlock is done by up_read_non_owner()",
	// kernel/locking/rwsem.c): the path that takes it need not.
	NonOwner bool
	IRQ      IRQOp
	BH       int8 // +1 local_bh_disable, -1 local_bh_enable
	Migrate  int8 // +1 migrate_disable, -1 migrate_enable
	// Pagefault is +1 for pagefault_disable(), -1 for pagefault_enable():
	// while page faults are disabled, an access to user memory that
	// faults fails with -EFAULT instead of sleeping.
	Pagefault int8

	// NeedsStableCPU marks a primitive that is only meaningful while the task
	// cannot move to another CPU (RULE #1): smp_processor_id, __this_cpu_*,
	// this_cpu_ptr.
	NeedsStableCPU bool
	Returns        Value
	// TestsGFP is set (1-based) on a test of the GFP flags in that
	// argument (gfpflags_allow_blocking(gfp)): on the branch where it
	// holds, the flags allow sleeping, so a sleep there happens only for
	// callers whose flags do.
	TestsGFP int
	// ErrnoOnFail marks a call that returns 0 or a negative errno
	// (mutex_lock_interruptible(): 0 or -EINTR), so that "if (ret < 0)"
	// decides it as "if (ret)" does.
	ErrnoOnFail bool
	// Positive marks a call whose value is a positive number where the
	// kernel acts on it: the pid of a task the caller waits for or
	// signals, as its namespace sees it (task_pid_vnr()), which the
	// callers return as "done" past releasing a lock.
	Positive bool

	// AssertsAtomic marks lockdep assertions (lockdep_assert_irqs_disabled,
	// lockdep_assert_preemption_disabled): the code after them runs with
	// preemption off, or lockdep would have complained.
	AssertsAtomic bool
	// AssertsHeld marks lockdep_assert_held(lock).
	AssertsHeld bool
	// AssertsIRQsOff marks lockdep_assert_irqs_disabled(): interrupts,
	// not only preemption, must be off.
	AssertsIRQsOff bool
	// AssertsSoftirq marks an assertion of softirq context, which
	// PREEMPT_RT runs in a preemptible task: atomic only without it.
	AssertsSoftirq bool
	// AssertsPinned marks cant_migrate(): past it the task cannot
	// migrate (preemption or migration disabled, by the caller or a lock
	// taken through an ops pointer), or the kernel would have warned; it
	// may still sleep.
	AssertsPinned bool
	// Pins marks a call that binds the running task to one CPU for the
	// rest of its run (migrate_to_reboot_cpu()): past it the task cannot
	// migrate, as past cant_migrate(); it may still sleep.
	Pins bool
	// Allocates marks a memory allocator: on PREEMPT_RT it takes
	// sleeping locks whatever its GFP flags, so it must not be called
	// where the context is atomic on every kernel (locktypes.rst,
	// "raw_spinlock_t on RT").
	Allocates bool

	NoReturn bool // BUG(), panic(): the path ends here

	FPU int8 // +1 kernel_fpu_begin, -1 kernel_fpu_end

	// MaySleep marks a call that may sleep (and so reschedule). For an
	// allocator it is qualified by GFPArg: the call sleeps only when its
	// GFP argument (1-based index) allows direct reclaim.
	MaySleep bool
	GFPArg   int
	// ZeroArgSleeps is the argument (1-based) that must be zero (NULL,
	// false, 0) for the call to sleep: kvfree_call_rcu(head, ptr) waits
	// for a grace period only without a head; netlink_unicast(...,
	// nonblock) waits for room only when nonblock is 0. The contract
	// stands for the function's body when the program defines it.
	ZeroArgSleeps int
	// FaultSleep marks a call that sleeps only by faulting on user memory
	// (copy_from_user(), might_fault()): not with page faults disabled.
	FaultSleep bool
	// TaskSleep marks a call that sleeps only outside interrupt context:
	// where in_interrupt() holds (bottom halves disabled, or an
	// interrupt), it defers the work instead (vfree(): "May sleep if
	// called *not* from interrupt context").
	TaskSleep bool
	// AnyContext marks a call the kernel documents as safe in any context
	// (kfree(), printk()): whatever its body may reach on paths the
	// analysis cannot rule out (kfree() of a huge page reaching
	// synchronize_rcu(), a %pfw format reaching kernfs_remove()), it does
	// not sleep for its caller.
	AnyContext bool
	// Prints marks a call that writes a message to the kernel log
	// (printk(), dev_err(), netdev_warn()): what its arguments read, they
	// read for the message only, which tolerates values of another CPU's
	// data read without protection.
	Prints bool
	// RawContext marks a call safe in any context on PREEMPT_RT too,
	// under a raw spinlock and in a hard interrupt: whatever lock below
	// it would sleep there is on a path its contract rules out
	// (acpi_os_read_memory() on a register mapped at boot).
	RawContext bool
	// DefersOnRT marks a call that, on PREEMPT_RT where the context is
	// atomic, hands to process context the work that takes sleeping
	// locks there: put_task_struct() frees the task through call_rcu()
	// unless preemptible(). No lock below it sleeps for its caller on
	// PREEMPT_RT. The kernel configured without PREEMPT_RT compiles the
	// other branch only, so the analysis cannot see this from the code.
	DefersOnRT bool
	// MayResched marks a call that may reschedule without sleeping:
	// cond_resched(), might_resched().
	MayResched bool
	// ReschedCheck marks a call that performs a pending reschedule:
	// preempt_check_resched(), preempt_enable(), schedule().
	ReschedCheck bool
	// CPUArg is the 1-based index of an argument that names a CPU
	// (per_cpu(var, cpu): 2).
	CPUArg int

	// Tests marks a predicate of the context (in_atomic(), irqs_disabled(),
	// preemptible()): a branch on it teaches which side runs atomic.
	Tests Predicate
	// TestsInterrupt marks a context test whose "not atomic" answer also
	// says in_interrupt() is false (in_interrupt(), in_atomic(),
	// preemptible()): a sleep on that branch is task context's only, as
	// vfree()'s is (TaskSleep).
	TestsInterrupt bool
	// TestsServing marks one whose "not atomic" answer says the code
	// serves no interrupt (in_serving_softirq(), in_task()): bottom
	// halves may still be disabled by a task. A sleep on that branch
	// after the function enabled its caller's bottom halves is a task's
	// only: kernel/rcu/tree.c rcu_do_batch() does local_bh_enable() and
	// reschedules only where !in_serving_softirq(), for the rcuc
	// kthread, never in RCU_SOFTIRQ's handler.
	TestsServing bool
	// AssertsArg marks WARN_ON()-like checks: when their argument states
	// that the context is not atomic (!irqs_disabled(), preemptible()),
	// the code after them runs atomic, as after lockdep_assert_*().
	AssertsArg bool
	// Warns marks a check that reports a kernel bug when its argument
	// holds (WARN_ON(), WARN_ONCE()): the branch where it holds is a
	// path the kernel already reports, which a caller does not sleep
	// through.
	Warns bool
	// DropsLastRef marks a reference count's decrement that returns true
	// when it dropped the last reference (refcount_dec_and_test()): the
	// branch where it does frees the object, which a caller that holds
	// a reference of its own never takes.
	DropsLastRef bool

	// GuardProtects marks the constructor of a scope guard
	// (guard(spinlock)(&l), scoped_guard(preempt)) whose class disables
	// preemption until the scope ends.
	GuardProtects bool
	// GuardRT says what the guard's class does on PREEMPT_RT: it stays
	// atomic (raw spinlocks, preempt, irq), or takes a lock that sleeps
	// there (spinlock, read_lock, local_lock...).
	GuardRT GuardOnRT
}

// GuardOnRT is what a scope guard's class does on PREEMPT_RT.
type GuardOnRT uint8

const (
	GuardPreemptibleOnRT GuardOnRT = iota // neither (migrate, rcu)
	GuardAtomicOnRT                       // disables preemption or interrupts there too
	GuardSleepsOnRT                       // takes a sleeping lock there
)

// IRQOnRT is what the primitive does to the interrupt state on
// PREEMPT_RT: a spinlock_t, rwlock_t or local_lock _irq/_irqsave form
// leaves interrupts enabled there (locktypes.rst, "spinlock_t and
// PREEMPT_RT"); everything else does what it does elsewhere.
func (e Effect) IRQOnRT() IRQOp {
	if e.Lock != NoLockOp && e.LockKind.SleepsOnRT() {
		return NoIRQOp
	}
	return e.IRQ
}

// Changes reports whether the effect changes the context at all; a row that
// only classifies a name (a safe this_cpu_* operation) does not.
func (e Effect) Changes() bool {
	return e.Preempt != 0 || e.Lock != NoLockOp || e.IRQ != NoIRQOp || e.BH != 0 ||
		e.Migrate != 0 || e.Pagefault != 0 || e.NeedsStableCPU || e.Returns != NoValue || e.AssertsAtomic ||
		e.AssertsHeld || e.NoReturn || e.FPU != 0 || e.MaySleep || e.MayResched || e.ReschedCheck || e.CPUArg != 0 ||
		e.GuardProtects || e.Tests != NoPredicate || e.AssertsArg || e.TestsGFP > 0 || e.AssertsPinned || e.Pins
}
