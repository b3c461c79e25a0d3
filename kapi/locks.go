package kapi

// Locks, interrupts and bottom halves. Holding a spinning lock, disabling
// interrupts or bottom halves all disable preemption ("Solution").
func init() {
	for _, fam := range []struct {
		lock, unlock, try string
		kind              LockKind
	}{
		{"spin_lock", "spin_unlock", "spin_trylock", Spin},
		{"raw_spin_lock", "raw_spin_unlock", "raw_spin_trylock", RawSpin},
		{"read_lock", "read_unlock", "read_trylock", Spin},
		{"write_lock", "write_unlock", "write_trylock", Spin},
		{"_raw_spin_lock", "_raw_spin_unlock", "_raw_spin_trylock", RawSpin},
		{"local_lock", "local_unlock", "local_trylock", Local},
	} {
		add(
			Effect{Name: fam.lock, Lock: Acquire, LockKind: fam.kind, Pair: fam.unlock},
			Effect{Name: fam.unlock, Lock: Release, LockKind: fam.kind, Pair: fam.lock},
			Effect{Name: fam.lock + "_irq", Lock: Acquire, LockKind: fam.kind, IRQ: IRQDisable, Pair: fam.unlock + "_irq"},
			Effect{Name: fam.unlock + "_irq", Lock: Release, LockKind: fam.kind, IRQ: IRQEnable, Pair: fam.lock + "_irq"},
			Effect{Name: fam.lock + "_irqsave", Lock: Acquire, LockKind: fam.kind, IRQ: IRQSave, Pair: fam.unlock + "_irqrestore"},
			Effect{Name: fam.unlock + "_irqrestore", Lock: Release, LockKind: fam.kind, IRQ: IRQRestore, Pair: fam.lock + "_irqsave"},
			Effect{Name: fam.try, Lock: TryAcquire, LockKind: fam.kind, Pair: fam.unlock},
			Effect{Name: fam.try + "_irqsave", Lock: TryAcquire, LockKind: fam.kind, IRQ: IRQSave, Pair: fam.unlock + "_irqrestore"},
		)
		if fam.kind == Spin || fam.kind == RawSpin {
			add(
				Effect{Name: fam.lock + "_bh", Lock: Acquire, LockKind: fam.kind, BH: +1, Pair: fam.unlock + "_bh"},
				Effect{Name: fam.unlock + "_bh", Lock: Release, LockKind: fam.kind, BH: -1, Pair: fam.lock + "_bh"},
				Effect{Name: fam.try + "_irq", Lock: TryAcquire, LockKind: fam.kind, IRQ: IRQDisable, Pair: fam.unlock + "_irq"},
				Effect{Name: fam.try + "_bh", Lock: TryAcquire, LockKind: fam.kind, BH: +1, Pair: fam.unlock + "_bh"},
			)
		}
	}
	add(
		Effect{Name: "spin_lock_nested", Lock: Acquire, LockKind: Spin, Pair: "spin_unlock"},
		Effect{Name: "raw_spin_lock_nested", Lock: Acquire, LockKind: RawSpin, Pair: "raw_spin_unlock"},
		Effect{Name: "spin_lock_irqsave_nested", Lock: Acquire, LockKind: Spin, IRQ: IRQSave, Pair: "spin_unlock_irqrestore"},
		Effect{Name: "raw_spin_lock_irqsave_nested", Lock: Acquire, LockKind: RawSpin, IRQ: IRQSave, Pair: "raw_spin_unlock_irqrestore"},
		// The rwlock_t's arch lock, as include/linux/rwlock.h's macros
		// take it inside __raw_read_lock() and the rest
		// (kernel/locking/spinlock.c's _raw_read_unlock() releases its
		// argument through do_raw_read_unlock()): a spinning lock
		// (PREEMPT_RT's rwlock_t does not use it).
		Effect{Name: "do_raw_read_lock", Lock: Acquire, LockKind: RawSpin, Pair: "do_raw_read_unlock"},
		Effect{Name: "do_raw_read_trylock", Lock: TryAcquire, LockKind: RawSpin, Pair: "do_raw_read_unlock"},
		Effect{Name: "do_raw_read_unlock", Lock: Release, LockKind: RawSpin, Pair: "do_raw_read_lock"},
		Effect{Name: "do_raw_write_lock", Lock: Acquire, LockKind: RawSpin, Pair: "do_raw_write_unlock"},
		Effect{Name: "do_raw_write_trylock", Lock: TryAcquire, LockKind: RawSpin, Pair: "do_raw_write_unlock"},
		Effect{Name: "do_raw_write_unlock", Lock: Release, LockKind: RawSpin, Pair: "do_raw_write_lock"},
		// Bit spinlocks stay spinning locks on PREEMPT_RT (locktypes.rst,
		// "bit spinlocks"): the lock is the bit (argument 1) of the word
		// argument 2 points to.
		Effect{Name: "bit_spin_lock", Lock: Acquire, LockKind: RawSpin, LockArg: 2, Pair: "bit_spin_unlock"},
		Effect{Name: "bit_spin_unlock", Lock: Release, LockKind: RawSpin, LockArg: 2, Pair: "bit_spin_lock"},
		Effect{Name: "__bit_spin_unlock", Lock: Release, LockKind: RawSpin, LockArg: 2, Pair: "bit_spin_lock"},
		Effect{Name: "bit_spin_trylock", Lock: TryAcquire, LockKind: RawSpin, LockArg: 2, Pair: "bit_spin_unlock"},

		// seqlock_t writers hold the seqlock's spinlock.
		Effect{Name: "write_seqlock", Lock: Acquire, LockKind: Spin, Pair: "write_sequnlock"},
		Effect{Name: "write_sequnlock", Lock: Release, LockKind: Spin, Pair: "write_seqlock"},
		Effect{Name: "write_seqlock_irq", Lock: Acquire, LockKind: Spin, IRQ: IRQDisable, Pair: "write_sequnlock_irq"},
		Effect{Name: "write_sequnlock_irq", Lock: Release, LockKind: Spin, IRQ: IRQEnable, Pair: "write_seqlock_irq"},
		Effect{Name: "write_seqlock_irqsave", Lock: Acquire, LockKind: Spin, IRQ: IRQSave, Pair: "write_sequnlock_irqrestore"},
		Effect{Name: "write_sequnlock_irqrestore", Lock: Release, LockKind: Spin, IRQ: IRQRestore, Pair: "write_seqlock_irqsave"},
		Effect{Name: "write_seqlock_bh", Lock: Acquire, LockKind: Spin, BH: +1, Pair: "write_sequnlock_bh"},
		Effect{Name: "write_sequnlock_bh", Lock: Release, LockKind: Spin, BH: -1, Pair: "write_seqlock_bh"},

		Effect{Name: "mutex_lock", Lock: Acquire, LockKind: Sleeping, Pair: "mutex_unlock"},
		Effect{Name: "mutex_lock_nested", Lock: Acquire, LockKind: Sleeping, Pair: "mutex_unlock"},
		Effect{Name: "mutex_lock_io", Lock: Acquire, LockKind: Sleeping, Pair: "mutex_unlock"},
		Effect{Name: "mutex_unlock", Lock: Release, LockKind: Sleeping, Pair: "mutex_lock"},
		Effect{Name: "mutex_trylock", Lock: TryAcquire, LockKind: Sleeping, Pair: "mutex_unlock"},
		Effect{Name: "down", Lock: Acquire, LockKind: Sleeping, Pair: "up"},
		Effect{Name: "up", Lock: Release, LockKind: Sleeping, Pair: "down"},
		// Read-write semaphores; their _killable and _interruptible forms
		// hold the lock when they return 0, the trylocks when nonzero.
		Effect{Name: "down_read", Lock: Acquire, LockKind: Sleeping, Pair: "up_read"},
		Effect{Name: "down_write", Lock: Acquire, LockKind: Sleeping, Pair: "up_write"},
		Effect{Name: "down_read_nested", Lock: Acquire, LockKind: Sleeping, Pair: "up_read"},
		Effect{Name: "down_write_nested", Lock: Acquire, LockKind: Sleeping, Pair: "up_write"},
		Effect{Name: "up_read", Lock: Release, LockKind: Sleeping, Pair: "down_read"},
		Effect{Name: "up_write", Lock: Release, LockKind: Sleeping, Pair: "down_write"},
		// Taken for another task to release (fs/nfs/unlink.c: the RPC's
		// release callback drops the directory's rmdir_sem); macros for
		// down_read() and up_read() without CONFIG_DEBUG_LOCK_ALLOC.
		Effect{Name: "down_read_non_owner", Lock: Acquire, LockKind: Sleeping, Pair: "up_read_non_owner", NonOwner: true},
		Effect{Name: "up_read_non_owner", Lock: Release, LockKind: Sleeping, Pair: "down_read_non_owner", NonOwner: true},
		Effect{Name: "down_read_trylock", Lock: TryAcquire, LockKind: Sleeping, Pair: "up_read"},
		Effect{Name: "down_write_trylock", Lock: TryAcquire, LockKind: Sleeping, Pair: "up_write"},
		Effect{Name: "down_read_killable", Lock: AcquireOnZero, LockKind: Sleeping, Pair: "up_read", MaySleep: true, ErrnoOnFail: true},
		Effect{Name: "down_write_killable", Lock: AcquireOnZero, LockKind: Sleeping, Pair: "up_write", MaySleep: true, ErrnoOnFail: true},
		Effect{Name: "down_read_interruptible", Lock: AcquireOnZero, LockKind: Sleeping, Pair: "up_read", MaySleep: true, ErrnoOnFail: true},
		Effect{Name: "mutex_lock_interruptible_nested", Lock: AcquireOnZero, LockKind: Sleeping, Pair: "mutex_unlock", MaySleep: true, ErrnoOnFail: true},
		Effect{Name: "mutex_lock_killable_nested", Lock: AcquireOnZero, LockKind: Sleeping, Pair: "mutex_unlock", MaySleep: true, ErrnoOnFail: true},

		// Decrement and lock when the count reaches zero: they return
		// true holding the lock, their second argument.
		Effect{Name: "atomic_dec_and_lock", DropsLastRef: true, Lock: TryAcquire, LockKind: Spin, LockArg: 2, Pair: "spin_unlock"},
		Effect{Name: "atomic_dec_and_lock_irqsave", DropsLastRef: true, Lock: TryAcquire, LockKind: Spin, LockArg: 2, IRQ: IRQSave, Pair: "spin_unlock_irqrestore"},
		Effect{Name: "atomic_dec_and_raw_lock", Lock: TryAcquire, LockKind: RawSpin, LockArg: 2, Pair: "raw_spin_unlock"},
		Effect{Name: "atomic_dec_and_raw_lock_irqsave", Lock: TryAcquire, LockKind: RawSpin, LockArg: 2, IRQ: IRQSave, Pair: "raw_spin_unlock_irqrestore"},
		Effect{Name: "atomic_dec_and_mutex_lock", Lock: TryAcquire, LockKind: Sleeping, LockArg: 2, Pair: "mutex_unlock", MaySleep: true},
		Effect{Name: "refcount_dec_and_lock", DropsLastRef: true, Lock: TryAcquire, LockKind: Spin, LockArg: 2, Pair: "spin_unlock"},
		Effect{Name: "refcount_dec_and_lock_irqsave", DropsLastRef: true, Lock: TryAcquire, LockKind: Spin, LockArg: 2, IRQ: IRQSave, Pair: "spin_unlock_irqrestore"},
		Effect{Name: "refcount_dec_and_mutex_lock", DropsLastRef: true, Lock: TryAcquire, LockKind: Sleeping, LockArg: 2, Pair: "mutex_unlock", MaySleep: true},
		Effect{Name: "refcount_dec_and_raw_lock_irqsave", DropsLastRef: true, Lock: TryAcquire, LockKind: RawSpin, LockArg: 2, IRQ: IRQSave, Pair: "raw_spin_unlock_irqrestore"},

		Effect{Name: "lock_sock", Lock: Acquire, LockKind: Sleeping, Pair: "release_sock"},
		Effect{Name: "release_sock", Lock: Release, LockKind: Sleeping, Pair: "lock_sock"},
		Effect{Name: "rcu_read_lock", Lock: Acquire, LockKind: ReadSideR, Pair: "rcu_read_unlock"},
		Effect{Name: "rcu_read_unlock", Lock: Release, LockKind: ReadSideR, Pair: "rcu_read_lock"},
		// rcu_read_lock_bh() also disables bottom halves.
		Effect{Name: "rcu_read_lock_bh", Lock: Acquire, LockKind: ReadSideR, BH: +1, Pair: "rcu_read_unlock_bh"},
		Effect{Name: "rcu_read_unlock_bh", Lock: Release, LockKind: ReadSideR, BH: -1, Pair: "rcu_read_lock_bh"},

		Effect{Name: "local_irq_disable", IRQ: IRQDisable, Pair: "local_irq_enable"},
		Effect{Name: "local_irq_enable", IRQ: IRQEnable, Pair: "local_irq_disable"},
		Effect{Name: "local_irq_save", IRQ: IRQSave, Pair: "local_irq_restore"},
		Effect{Name: "local_irq_restore", IRQ: IRQRestore, Pair: "local_irq_save"},
		Effect{Name: "raw_local_irq_disable", IRQ: IRQDisable, Pair: "raw_local_irq_enable"},
		Effect{Name: "raw_local_irq_enable", IRQ: IRQEnable, Pair: "raw_local_irq_disable"},
		Effect{Name: "raw_local_irq_save", IRQ: IRQSave, Pair: "raw_local_irq_restore"},
		Effect{Name: "raw_local_irq_restore", IRQ: IRQRestore, Pair: "raw_local_irq_save"},
		// x86 exception handlers (arch/x86/include/asm/traps.h) give
		// themselves the interrupted context's interrupt flag: enabled
		// after an exception from user mode, whose flags always have IF
		// set, and from kernel code that had them on. A kernel context
		// with them off ends in die() or an exception fixup before the
		// handler's work that may sleep (do_trap()'s force_sig()).
		Effect{Name: "cond_local_irq_enable", IRQ: IRQEnable, Pair: "cond_local_irq_disable"},
		Effect{Name: "cond_local_irq_disable", IRQ: IRQDisable, Pair: "cond_local_irq_enable"},
		Effect{Name: "local_bh_disable", BH: +1, Pair: "local_bh_enable"},
		Effect{Name: "local_bh_enable", BH: -1, Pair: "local_bh_disable"},

		Effect{Name: "BUG", NoReturn: true},
		Effect{Name: "panic", NoReturn: true},
		Effect{Name: "do_exit", NoReturn: true},
		Effect{Name: "kthread_exit", NoReturn: true},
		Effect{Name: "make_task_dead", NoReturn: true},
		Effect{Name: "__builtin_unreachable", NoReturn: true},
		Effect{Name: "unreachable", NoReturn: true},
		Effect{Name: "__builtin_trap", NoReturn: true},
	)
}

// memberAccessors are macros whose value is a member of the object their
// first argument points to, the member their second names: a lock written
// through one is that member (kernel/rcu's raw_spin_lock_rcu_node(rnp)
// takes &ACCESS_PRIVATE(rnp, lock), the lock __releases(rnp->lock)
// names).
var memberAccessors = map[string]bool{
	"ACCESS_PRIVATE": true, // compiler_types.h: a field marked __private
}

// MemberAccessor reports whether the macro named is a member accessor.
func MemberAccessor(name string) bool { return memberAccessors[name] }

// stableCalls are calls whose value is the same object wherever a
// function makes them, by the name the source writes for them: the
// running task is get_current(), which everyone writes current. A lock
// reached through a local copy of current->sighand is the one
// current->sighand->siglock names (kernel/signal.c's get_signal() and
// do_signal_stop()).
var stableCalls = map[string]string{
	"get_current": "current", // arch/x86/include/asm/current.h: #define current get_current()
}

// StableName reports whether name is what the source writes for a
// stable call (current): a path from it names the same object in every
// function.
func StableName(name string) bool {
	for _, s := range stableCalls {
		if s == name {
			return true
		}
	}
	return false
}

// StableCall is the name written for a call of the function named,
// without arguments, whose value is one object throughout a function.
func StableCall(name string) (string, bool) {
	s, ok := stableCalls[name]
	return s, ok
}
