package kapi

import "strings"

// Preemption count, CPU ids and per-CPU data (preempt-locking.rst, RULE #1
// and "Solution").
func init() {
	add(
		Effect{Name: "preempt_disable", Preempt: +1, Pair: "preempt_enable"},
		Effect{Name: "preempt_enable", Preempt: -1, Pair: "preempt_disable", ReschedCheck: true},
		Effect{Name: "preempt_enable_no_resched", Preempt: -1, Pair: "preempt_disable", NoResched: true},
		Effect{Name: "sched_preempt_enable_no_resched", Preempt: -1, Pair: "preempt_disable", NoResched: true},
		Effect{Name: "preempt_disable_notrace", Preempt: +1, Pair: "preempt_enable_notrace"},
		Effect{Name: "preempt_enable_notrace", Preempt: -1, Pair: "preempt_disable_notrace", ReschedCheck: true},
		Effect{Name: "preempt_enable_no_resched_notrace", Preempt: -1, Pair: "preempt_disable_notrace", NoResched: true},
		// rcu_read_lock_sched() is preempt_disable() under another name.
		Effect{Name: "rcu_read_lock_sched", Preempt: +1, Pair: "rcu_read_unlock_sched"},
		Effect{Name: "rcu_read_unlock_sched", Preempt: -1, Pair: "rcu_read_lock_sched"},
		Effect{Name: "rcu_read_lock_sched_notrace", Preempt: +1, Pair: "rcu_read_unlock_sched_notrace"},
		Effect{Name: "rcu_read_unlock_sched_notrace", Preempt: -1, Pair: "rcu_read_lock_sched_notrace"},

		// The _nested forms disable preemption except on PREEMPT_RT, where
		// the lock they nest in already does: the same answer for every
		// configuration.
		Effect{Name: "preempt_disable_nested", Preempt: +1, Pair: "preempt_enable_nested"},
		Effect{Name: "preempt_enable_nested", Preempt: -1, Pair: "preempt_disable_nested"},

		// Seqcount write sections disable preemption only for seqcounts
		// whose writers are preemptible, a choice _Generic makes on the
		// seqcount's type; they always balance. Their expansion is not
		// looked into.
		Effect{Name: "write_seqcount_begin"},
		Effect{Name: "write_seqcount_end"},
		Effect{Name: "write_seqcount_begin_nested"},
		Effect{Name: "raw_write_seqcount_begin"},
		Effect{Name: "raw_write_seqcount_end"},
		Effect{Name: "write_seqcount_invalidate"},

		Effect{Name: "get_cpu", Preempt: +1, Pair: "put_cpu", Returns: CPUID},
		Effect{Name: "put_cpu", Preempt: -1, Pair: "get_cpu", ReschedCheck: true},
		Effect{Name: "get_cpu_var", Preempt: +1, Pair: "put_cpu_var", Returns: PerCPUPtr},
		Effect{Name: "put_cpu_var", Preempt: -1, Pair: "get_cpu_var"},
		Effect{Name: "get_cpu_ptr", Preempt: +1, Pair: "put_cpu_ptr", Returns: PerCPUPtr},
		Effect{Name: "put_cpu_ptr", Preempt: -1, Pair: "get_cpu_ptr"},

		Effect{Name: "smp_processor_id", NeedsStableCPU: true, Returns: CPUID},
		Effect{Name: "this_cpu_ptr", NeedsStableCPU: true, Returns: PerCPUPtr},
		Effect{Name: "__get_cpu_var", NeedsStableCPU: true, Returns: PerCPUPtr},
		// The raw_ forms are deliberately unchecked: the caller accepts that
		// the CPU may change under it.
		Effect{Name: "raw_smp_processor_id", Returns: CPUID},
		Effect{Name: "raw_cpu_ptr", Returns: PerCPUPtr},
		// per_cpu(var, cpu) and per_cpu_ptr(ptr, cpu) name another CPU's
		// instance explicitly: safe in themselves, but a stale cpu makes
		// them wrong (stale-cpu).
		Effect{Name: "per_cpu", CPUArg: 2},
		Effect{Name: "per_cpu_ptr", CPUArg: 2, Returns: PerCPUPtr},
		Effect{Name: "__smp_processor_id", Returns: CPUID},

		// powerpc's per-CPU area (arch/powerpc/include/asm/paca.h): with
		// CONFIG_DEBUG_PREEMPT, get_paca() checks the CPU is stable as
		// smp_processor_id() does; what it points to is this CPU's.
		Effect{Name: "get_paca", NeedsStableCPU: true, Returns: PerCPUPtr},
		Effect{Name: "get_lppaca", NeedsStableCPU: true, Returns: PerCPUPtr},
		Effect{Name: "get_slb_shadow", NeedsStableCPU: true, Returns: PerCPUPtr},

		Effect{Name: "migrate_disable", Migrate: +1, Pair: "migrate_enable"},
		Effect{Name: "migrate_enable", Migrate: -1, Pair: "migrate_disable"},
		// init/main.c: rest_init() pins the init task to the boot CPU
		// ("Task migration is not properly working until
		// sched_init_smp() has been run", the kernel_init root), and
		// sched_init_smp() moves it to the housekeeping CPUs: past it,
		// init may migrate.
		Effect{Name: "sched_init_smp", Migrate: -1},

		// lockdep assertions: past them the context is atomic, or lockdep
		// would have fired; they are the kernel's own annotation of a
		// helper's entry context.
		Effect{Name: "lockdep_assert_irqs_disabled", AssertsAtomic: true, AssertsIRQsOff: true},
		Effect{Name: "lockdep_assert_preemption_disabled", AssertsAtomic: true},
		Effect{Name: "lockdep_assert_in_irq", AssertsAtomic: true},
		Effect{Name: "lockdep_assert_in_softirq", AssertsAtomic: true, AssertsSoftirq: true},
		Effect{Name: "lockdep_assert_held", AssertsHeld: true},
		// kernel/printk/nbcon.c, nbcon_emit_one(): con->device_lock(),
		// then cant_migrate() before the per-CPU work.
		Effect{Name: "cant_migrate", AssertsPinned: true},
		// kernel/reboot.c: migrate_to_reboot_cpu() disables CPU hotplug,
		// sets PF_NO_SETAFFINITY on current and binds it to the reboot
		// CPU (set_cpus_allowed_ptr(current, cpumask_of(cpu))) before
		// the halt, power-off, restart and kexec paths shut devices
		// down (syscore_shutdown()) and stop the other CPUs.
		Effect{Name: "migrate_to_reboot_cpu", Pins: true},
		Effect{Name: "lockdep_assert_held_once", AssertsHeld: true},

		// Tests of the context: the branch where they say "atomic" runs
		// atomic, whatever the entry.
		Effect{Name: "in_atomic", Tests: AtomicIfTrue, TestsInterrupt: true},
		Effect{Name: "in_interrupt", Tests: AtomicIfTrue, TestsInterrupt: true},
		Effect{Name: "in_irq", Tests: AtomicIfTrue},
		Effect{Name: "in_hardirq", Tests: AtomicIfTrue},
		Effect{Name: "in_softirq", Tests: AtomicIfTrue, TestsInterrupt: true},
		Effect{Name: "in_serving_softirq", Tests: AtomicIfTrue, TestsServing: true},
		Effect{Name: "in_nmi", Tests: AtomicIfTrue},
		// The counts behind them (include/linux/preempt.h): nonzero in
		// a hard interrupt, or in a softirq or with bottom halves
		// disabled; netif_rx() disables bottom halves only where
		// !(hardirq_count() | softirq_count()).
		Effect{Name: "hardirq_count", Tests: AtomicIfTrue},
		Effect{Name: "softirq_count", Tests: AtomicIfTrue, TestsInterrupt: true},
		Effect{Name: "irq_count", Tests: AtomicIfTrue, TestsInterrupt: true},
		Effect{Name: "irqs_disabled", Tests: AtomicIfTrue},
		Effect{Name: "preemptible", Tests: AtomicIfFalse, TestsInterrupt: true},
		Effect{Name: "in_task", Tests: AtomicIfFalse, TestsServing: true},
		// kernel/rcu/tree.c: RCU stops watching a CPU only in its idle
		// loop and on the kernel's entry and exit paths, with interrupts
		// disabled, or in an NMI; kernel/extable.c
		// kernel_text_address() calls ct_nmi_enter() only where
		// !rcu_is_watching().
		Effect{Name: "rcu_is_watching", Tests: AtomicIfFalse},

		// Checks that warn or stop when the context is not what the
		// function needs: past WARN_ON(!irqs_disabled()) the function
		// runs as if lockdep_assert_irqs_disabled() had been written.
		Effect{Name: "WARN_ON", AssertsArg: true, Warns: true},
		Effect{Name: "WARN_ON_ONCE", AssertsArg: true, Warns: true},
		Effect{Name: "WARN", Warns: true},
		Effect{Name: "WARN_ONCE", Warns: true},
		Effect{Name: "BUG_ON", AssertsArg: true},
		Effect{Name: "VM_BUG_ON", AssertsArg: true},
		Effect{Name: "lockdep_assert", AssertsArg: true},
	)
}

// AssertsAtomicArg reports whether the argument of a WARN_ON()-like check
// fires exactly when the context is not atomic: the negation of an
// atomic test (!irqs_disabled()), or a preemptible test (preemptible()).
// lockdep_assert(cond) states cond itself.
func AssertsAtomicArg(check, arg string) bool {
	text := strings.Join(strings.Fields(arg), "")
	negated := false
	for strings.HasPrefix(text, "!") {
		negated = !negated
		text = text[1:]
	}
	text = strings.TrimSuffix(strings.TrimPrefix(text, "("), ")")
	name, _, ok := strings.Cut(text, "(")
	if !ok {
		return false
	}
	e, known := rows[name]
	if !known || e.Tests == NoPredicate {
		return false
	}
	if check == "lockdep_assert" {
		negated = !negated // the condition must hold, not fail
	}
	return negated == (e.Tests == AtomicIfTrue)
}

// WritesPerCPU reports whether a per-CPU operation writes this CPU's
// instance with nothing of its own against a task that preempts the
// writer on the same CPU: the __this_cpu_*() forms other than the reads.
// (this_cpu_*() operations are safe against preemption on their own.)
func WritesPerCPU(name string) bool {
	op, ok := strings.CutPrefix(name, "__this_cpu_")
	return ok && op != "" && op != "ptr" && op != "read" && !strings.HasPrefix(op, "read_")
}

// TestsRT reports whether a macro use tests whether the kernel is a
// PREEMPT_RT one (IS_ENABLED(CONFIG_PREEMPT_RT)): under a .config without
// it the test is the constant 0, but the code it guards is what runs on
// PREEMPT_RT kernels, and the code it skips what runs on the others.
func TestsRT(name string, args []string) bool {
	switch name {
	case "IS_ENABLED", "IS_BUILTIN", "IS_REACHABLE":
		return len(args) == 1 && strings.TrimSpace(args[0]) == RTConfig
	}
	return false
}

// RTConfig is the configuration option of PREEMPT_RT kernels. Code in a
// conditional group that tests it is read as the .config chose; the other
// kind of kernel compiles it differently (cparse.APIUse.Variant).
const RTConfig = "CONFIG_PREEMPT_RT"
