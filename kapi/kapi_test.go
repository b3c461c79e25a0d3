package kapi

import (
	"strings"
	"testing"
)

func TestPairsAreMutual(t *testing.T) {
	for _, name := range Names() {
		e, _ := Lookup(name)
		if e.Pair == "" {
			continue
		}
		p, ok := Lookup(e.Pair)
		if !ok {
			t.Errorf("%s: pair %s has no row", name, e.Pair)
			continue
		}
		// Opposite effects on the counters they change.
		if e.Preempt != 0 && p.Preempt != -e.Preempt || e.BH != 0 && p.BH != -e.BH || e.Migrate != 0 && p.Migrate != -e.Migrate || e.FPU != 0 && p.FPU != -e.FPU {
			t.Errorf("%s and %s do not undo each other", name, e.Pair)
		}
		if e.Lock == Acquire && p.Lock != Release || e.Lock == Release && p.Lock != Acquire && p.Lock != TryAcquire && p.Lock != AcquireOnZero {
			t.Errorf("%s (lock op %d) pairs with %s (lock op %d)", name, e.Lock, e.Pair, p.Lock)
		}
	}
}

func TestPerCPUFamilies(t *testing.T) {
	for name, stable := range map[string]bool{
		"smp_processor_id":     true,
		"raw_smp_processor_id": false,
		"this_cpu_ptr":         true,
		"raw_cpu_ptr":          false,
		"__this_cpu_inc":       true,
		"__this_cpu_read":      true,
		"this_cpu_inc":         false,
		"this_cpu_add_return":  false,
		"raw_cpu_inc":          false,
		"__get_cpu_var":        true,
		"get_paca":             true, // powerpc
		"get_lppaca":           true,
		"get_slb_shadow":       true,
	} {
		e, ok := Lookup(name)
		if !ok {
			t.Errorf("%s unknown", name)
			continue
		}
		if e.NeedsStableCPU != stable {
			t.Errorf("%s: NeedsStableCPU = %v, want %v", name, e.NeedsStableCPU, stable)
		}
	}
	for _, name := range []string{"this_cpu_", "__this_cpu_", "printk", "my_function"} {
		if e, ok := Lookup(name); ok && e.Changes() {
			t.Errorf("%s has an effect: %+v", name, e)
		}
	}
}

func TestLockFamilies(t *testing.T) {
	cases := []struct {
		name string
		lock LockOp
		kind LockKind
		irq  IRQOp
		bh   int8
	}{
		{"spin_lock", Acquire, Spin, NoIRQOp, 0},
		{"spin_lock_irqsave", Acquire, Spin, IRQSave, 0},
		{"raw_spin_unlock_irqrestore", Release, RawSpin, IRQRestore, 0},
		{"bit_spin_lock", Acquire, RawSpin, NoIRQOp, 0},
		{"read_lock_bh", Acquire, Spin, NoIRQOp, 1},
		{"write_unlock_irq", Release, Spin, IRQEnable, 0},
		{"do_raw_read_unlock", Release, RawSpin, NoIRQOp, 0},
		{"do_raw_write_lock", Acquire, RawSpin, NoIRQOp, 0},
		{"do_raw_write_trylock", TryAcquire, RawSpin, NoIRQOp, 0},
		{"spin_trylock", TryAcquire, Spin, NoIRQOp, 0},
		{"local_lock_irqsave", Acquire, Local, IRQSave, 0},
		{"mutex_lock", Acquire, Sleeping, NoIRQOp, 0},
		{"rcu_read_lock", Acquire, ReadSideR, NoIRQOp, 0},
		{"local_irq_save", NoLockOp, NoLock, IRQSave, 0},
		{"local_bh_disable", NoLockOp, NoLock, NoIRQOp, 1},
	}
	for _, c := range cases {
		e, ok := Lookup(c.name)
		if !ok || e.Lock != c.lock || e.LockKind != c.kind || e.IRQ != c.irq || e.BH != c.bh {
			t.Errorf("%s = %+v", c.name, e)
		}
	}
}

func TestSleepingFamilies(t *testing.T) {
	for family, names := range map[string][]string{
		"annotation":  {"might_sleep", "might_fault"},
		"scheduler":   {"schedule", "schedule_timeout", "io_schedule", "rt_mutex_schedule", "schedule_rtlock"},
		"delays":      {"msleep", "usleep_range", "ssleep", "fsleep", "msleep_interruptible"},
		"waits":       {"wait_event", "wait_event_interruptible", "wait_for_completion", "wait_for_completion_timeout"},
		"locks":       {"mutex_lock", "mutex_lock_interruptible", "down", "down_interruptible"},
		"rcu":         {"synchronize_rcu"},
		"user copies": {"copy_from_user", "copy_to_user", "get_user", "put_user"},
		"vmalloc":     {"vmalloc", "vzalloc", "vfree", "kvmalloc"},
	} {
		for _, n := range names {
			if e, ok := Lookup(n); !ok || !e.MaySleep || e.GFPArg != 0 {
				t.Errorf("%s: %s = %+v, want an unconditional sleeping call", family, n, e)
			}
		}
	}
	// User accesses sleep only by faulting, which pagefault_disable()
	// turns into -EFAULT.
	for _, n := range []string{"copy_from_user", "copy_to_user", "strncpy_from_user", "strnlen_user", "clear_user", "might_fault"} {
		if e, _ := Lookup(n); !e.FaultSleep {
			t.Errorf("%s sleeps only by faulting", n)
		}
	}
	for _, n := range []string{"msleep", "mutex_lock", "vmalloc", "kmalloc", "might_sleep"} {
		if e, _ := Lookup(n); e.FaultSleep {
			t.Errorf("%s sleeps whether page faults are enabled or not", n)
		}
	}
	// vfree() defers in interrupt context, bottom halves disabled
	// included.
	if e := lookup(t, "vfree"); !e.MaySleep || !e.TaskSleep {
		t.Error("vfree sleeps only outside interrupt context")
	}
	for _, n := range []string{"vmalloc", "msleep", "kfree_rcu_mightsleep", "synchronize_rcu"} {
		if e, _ := Lookup(n); e.TaskSleep {
			t.Errorf("%s sleeps in softirq context too", n)
		}
	}
	if e := lookup(t, "kvfree_call_rcu"); !e.MaySleep || e.ZeroArgSleeps != 1 {
		t.Errorf("kvfree_call_rcu = %+v: sleeps only without an rcu_head", e)
	}
	if e := lookup(t, "netlink_unicast"); !e.MaySleep || e.ZeroArgSleeps != 4 {
		t.Errorf("netlink_unicast = %+v: sleeps only when its nonblock argument is 0", e)
	}
	if e := lookup(t, "sock_alloc_send_pskb"); !e.MaySleep || e.ZeroArgSleeps != 4 {
		t.Errorf("sock_alloc_send_pskb = %+v: sleeps only when its noblock argument is 0", e)
	}
	if d, e := lookup(t, "pagefault_disable"), lookup(t, "pagefault_enable"); d.Pagefault != +1 || e.Pagefault != -1 {
		t.Errorf("pagefault_disable = %+v, pagefault_enable = %+v", d, e)
	}
	for _, n := range []string{"udelay", "mdelay", "ndelay", "mutex_trylock", "spin_lock", "printk", "kfree", "wait_event_lock_irq", "wait_event_interruptible_locked"} {
		if e, _ := Lookup(n); e.MaySleep {
			t.Errorf("%s may not sleep", n)
		}
	}
	for name, arg := range map[string]int{"kmalloc": 2, "kzalloc": 2, "kcalloc": 3, "kmem_cache_alloc": 2, "alloc_pages": 1, "__get_free_pages": 1} {
		if e, ok := Lookup(name); !ok || !e.MaySleep || e.GFPArg != arg {
			t.Errorf("allocator %s = %+v, want GFP argument %d", name, e, arg)
		}
	}
	for _, n := range []string{"cond_resched", "might_resched"} {
		if e, _ := Lookup(n); !e.MayResched {
			t.Errorf("%s does not reschedule", n)
		}
	}
	for _, n := range []string{"preempt_check_resched", "preempt_enable", "schedule"} {
		if e, _ := Lookup(n); !e.ReschedCheck {
			t.Errorf("%s is not a reschedule check", n)
		}
	}
	if e, _ := Lookup("mutex_lock_interruptible"); e.Lock != AcquireOnZero {
		t.Errorf("mutex_lock_interruptible holds the lock when it returns 0")
	}
	if e, _ := Lookup("down_trylock"); e.Lock != AcquireOnZero {
		t.Errorf("down_trylock holds the semaphore when it returns 0")
	}
}

// TestErrnoOnFail: the interruptible and killable locks fail with a
// negative errno; down_trylock() fails with 1.
func TestErrnoOnFail(t *testing.T) {
	for _, n := range []string{"mutex_lock_interruptible", "mutex_lock_killable", "mutex_lock_interruptible_nested",
		"mutex_lock_killable_nested", "down_interruptible", "down_killable", "down_timeout", "down_read_killable",
		"down_write_killable", "down_read_interruptible"} {
		if e, _ := Lookup(n); e.Lock != AcquireOnZero || !e.ErrnoOnFail {
			t.Errorf("%s: want a lock held on 0 that fails with an errno, have %+v", n, e)
		}
	}
	if e, _ := Lookup("down_trylock"); e.ErrnoOnFail {
		t.Errorf("down_trylock fails with 1, not an errno")
	}
}

// TestPositive: a task's pid as the caller sees it is positive; its
// session id may be 0.
func TestPositive(t *testing.T) {
	for _, n := range []string{"task_pid_vnr", "task_tgid_vnr"} {
		if e, _ := Lookup(n); !e.Positive {
			t.Errorf("%s: want a positive value, have %+v", n, e)
		}
	}
	if e, _ := Lookup("task_session_vnr"); e.Positive {
		t.Errorf("task_session_vnr may be 0")
	}
}

func TestGFPReclaims(t *testing.T) {
	for text, want := range map[string][2]bool{
		"GFP_KERNEL":                       {true, true},
		"GFP_KERNEL | __GFP_ZERO":          {true, true},
		"GFP_NOFS":                         {true, true},
		"GFP_ATOMIC":                       {false, true},
		"GFP_ATOMIC | __GFP_NOWARN":        {false, true},
		"GFP_NOWAIT":                       {false, true},
		"gfp":                              {false, false},
		"MY_GFP_KERNELISH":                 {false, false},
		"atomic ? GFP_ATOMIC : GFP_KERNEL": {true, true},
	} {
		r, ok := GFPReclaims(text)
		if r != want[0] || ok != want[1] {
			t.Errorf("GFPReclaims(%q) = %v, %v; want %v, %v", text, r, ok, want[0], want[1])
		}
	}
}

func TestGFPNeverFails(t *testing.T) {
	for text, want := range map[string]bool{
		"GFP_KERNEL | __GFP_NOFAIL": true,
		"GFP_NOFS|__GFP_NOFAIL":     true,
		"GFP_KERNEL":                false,
		"gfp & ~__GFP_NOFAIL":       false,
		"gfp & ~(__GFP_NOFAIL | x)": false,
		"MY__GFP_NOFAIL_NOT_A_FLAG": false,
	} {
		if got := GFPNeverFails(text); got != want {
			t.Errorf("GFPNeverFails(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestConfigIndependentRows(t *testing.T) {
	if e, _ := Lookup("preempt_disable_nested"); e.Preempt != 1 {
		t.Errorf("preempt_disable_nested = %+v", e)
	}
	for _, n := range []string{"write_seqcount_begin", "write_seqcount_end"} {
		if e, ok := Lookup(n); !ok || e.Changes() {
			t.Errorf("%s should be a known primitive without effect: %+v", n, e)
		}
	}
	if e, _ := Lookup("write_seqlock_irqsave"); e.Lock != Acquire || e.IRQ != IRQSave {
		t.Errorf("write_seqlock_irqsave = %+v", e)
	}
}

func TestContextTests(t *testing.T) {
	for name, want := range map[string]Predicate{"in_atomic": AtomicIfTrue, "irqs_disabled": AtomicIfTrue,
		"in_interrupt": AtomicIfTrue, "preemptible": AtomicIfFalse, "in_task": AtomicIfFalse,
		"rcu_is_watching": AtomicIfFalse, "hardirq_count": AtomicIfTrue, "softirq_count": AtomicIfTrue,
		"irq_count": AtomicIfTrue} {
		if e, _ := Lookup(name); e.Tests != want || !e.Changes() {
			t.Errorf("%s: %v", name, e.Tests)
		}
	}
	// The tests whose "not atomic" answer is also "not in an interrupt",
	// and those for which it is "serving none": not those of a hard
	// interrupt alone, which a softirq answers no.
	type says struct{ interrupt, serving bool }
	for name, want := range map[string]says{"in_interrupt": {true, false}, "in_softirq": {true, false},
		"preemptible": {true, false}, "in_atomic": {true, false}, "irq_count": {true, false}, "softirq_count": {true, false},
		"in_serving_softirq": {false, true}, "in_task": {false, true},
		"in_hardirq": {}, "in_irq": {}, "hardirq_count": {}, "in_nmi": {}, "irqs_disabled": {}, "rcu_is_watching": {}} {
		if e, _ := Lookup(name); e.TestsInterrupt != want.interrupt || e.TestsServing != want.serving {
			t.Errorf("%s: TestsInterrupt %v, TestsServing %v, want %v", name, e.TestsInterrupt, e.TestsServing, want)
		}
	}
	for _, c := range []struct {
		check, arg string
		want       bool
	}{
		{"WARN_ON", "!irqs_disabled()", true},
		{"WARN_ON_ONCE", "! in_atomic ( )", true},
		{"WARN_ON", "preemptible()", true},
		{"WARN_ON", "irqs_disabled()", false},
		{"BUG_ON", "!in_task()", false},
		{"WARN_ON", "!x->ready", false},
		{"lockdep_assert", "irqs_disabled()", true},
		{"lockdep_assert", "!preemptible()", true},
		{"lockdep_assert", "preemptible()", false},
	} {
		if got := AssertsAtomicArg(c.check, c.arg); got != c.want {
			t.Errorf("%s(%s): %v, want %v", c.check, c.arg, got, c.want)
		}
	}
}

// Locks named by another argument than the first, and the read-write
// semaphores with their conditional forms.
func TestConditionalLockRows(t *testing.T) {
	for _, c := range []struct {
		name    string
		lock    LockOp
		kind    LockKind
		lockArg int
	}{
		{"atomic_dec_and_lock", TryAcquire, Spin, 2},
		{"atomic_dec_and_lock_irqsave", TryAcquire, Spin, 2},
		{"atomic_dec_and_mutex_lock", TryAcquire, Sleeping, 2},
		{"refcount_dec_and_lock", TryAcquire, Spin, 2},
		{"refcount_dec_and_mutex_lock", TryAcquire, Sleeping, 2},
		{"down_read", Acquire, Sleeping, 0},
		{"up_write", Release, Sleeping, 0},
		{"down_write_trylock", TryAcquire, Sleeping, 0},
		{"down_read_killable", AcquireOnZero, Sleeping, 0},
		{"mutex_lock_killable_nested", AcquireOnZero, Sleeping, 0},
	} {
		e, ok := Lookup(c.name)
		if !ok || e.Lock != c.lock || e.LockKind != c.kind || e.LockArg != c.lockArg {
			t.Errorf("%s: %+v", c.name, e)
		}
	}
	for _, name := range []string{"down_read", "down_write", "atomic_dec_and_mutex_lock", "down_read_killable", "down_read_non_owner"} {
		if e, _ := Lookup(name); !e.MaySleep {
			t.Errorf("%s may sleep", name)
		}
	}
	// Another task releases what down_read_non_owner() takes.
	for name, lock := range map[string]LockOp{"down_read_non_owner": Acquire, "up_read_non_owner": Release, "down_read": Acquire} {
		if e, _ := Lookup(name); e.Lock != lock || e.NonOwner != strings.HasSuffix(name, "_non_owner") {
			t.Errorf("%s: %+v", name, e)
		}
	}
}

func TestScopeGuards(t *testing.T) {
	for name, protects := range map[string]bool{
		"class_preempt_constructor":          true,
		"class_raw_spinlock_irq_constructor": true,
		"class_spinlock_constructor":         true,
		"class_mutex_constructor":            false,
		"class_rcu_constructor":              false,
	} {
		e, ok := Lookup(name)
		if !ok || e.GuardProtects != protects {
			t.Errorf("%s = %+v (known %v), want GuardProtects %v", name, e, ok, protects)
		}
	}
	if c := GuardClass("class_raw_spinlock_irq_constructor"); c != "raw_spinlock_irq" {
		t.Errorf("GuardClass = %q", c)
	}
	for _, n := range []string{"class_preempt", "preempt_constructor", "spin_lock"} {
		if c := GuardClass(n); c != "" {
			t.Errorf("GuardClass(%q) = %q, want none", n, c)
		}
	}
}

func TestAnyContext(t *testing.T) {
	for _, n := range []string{"kfree", "kmem_cache_free", "_printk", "vsnprintf", "_dev_err", "netdev_warn", "seq_printf", "consume_skb", "kfree_skb_reason", "__folio_put", "folios_put_refs", "__put_task_struct", "dma_map_page_attrs", "dma_map_sg_attrs", "dma_unmap_page_attrs", "fixup_exception", "bust_spinlocks"} {
		e, ok := Lookup(n)
		if !ok || !e.AnyContext || e.MaySleep || e.Changes() {
			t.Errorf("%s = %+v, want a call safe in any context with no effect of its own", n, e)
		}
	}
	for _, n := range []string{"kvfree", "vfree", "kmalloc", "synchronize_rcu", "mutex_lock"} {
		if e, _ := Lookup(n); e.AnyContext {
			t.Errorf("%s may sleep, but is marked safe in any context", n)
		}
	}
}

// The kernel log's calls are marked as printing; formatting into a
// buffer, and the seq_file output a reader asks for, are not.
func TestPrints(t *testing.T) {
	for _, n := range []string{"_printk", "_printk_deferred", "vprintk", "_dev_printk", "_dev_err", "_dev_info", "netdev_err", "netdev_warn"} {
		if e, ok := Lookup(n); !ok || !e.Prints || !e.AnyContext || e.Changes() {
			t.Errorf("%s = %+v, want a printing call safe in any context", n, e)
		}
	}
	for _, n := range []string{"vsnprintf", "sprintf", "seq_printf", "kfree", "printk"} {
		if e, _ := Lookup(n); e.Prints {
			t.Errorf("%s is marked as printing to the kernel log", n)
		}
	}
}

// ACPICA's register access through the boot-time mappings takes no lock
// and does not sleep, on PREEMPT_RT included; kfree() is safe in any
// context but for a raw spinlock's on PREEMPT_RT.
func TestRawContext(t *testing.T) {
	for _, n := range []string{"acpi_os_read_memory", "acpi_os_write_memory"} {
		if e, ok := Lookup(n); !ok || !e.AnyContext || !e.RawContext || e.MaySleep || e.Changes() {
			t.Errorf("%s = %+v, want a call safe in any context on PREEMPT_RT too, with no effect of its own", n, e)
		}
	}
	for _, n := range []string{"kfree", "_printk", "acpi_os_map_generic_address", "ioremap"} {
		if e, _ := Lookup(n); e.RawContext {
			t.Errorf("%s is not safe under a raw spinlock on PREEMPT_RT", n)
		}
	}
}

// put_task_struct() defers the free to call_rcu() on PREEMPT_RT where it
// is called atomic; the free itself does not.
func TestDefersOnRT(t *testing.T) {
	if e, ok := Lookup("put_task_struct"); !ok || !e.DefersOnRT || e.Changes() {
		t.Errorf("put_task_struct = %+v, want a call that defers on PREEMPT_RT with no effect of its own", e)
	}
	for _, n := range []string{"__put_task_struct", "put_task_struct_many", "kfree", "spin_lock"} {
		if e, _ := Lookup(n); e.DefersOnRT {
			t.Errorf("%s does not defer on PREEMPT_RT", n)
		}
	}
}

func TestStaticCall(t *testing.T) {
	for sym, want := range map[string]string{"__SCT__x86_pmu_add": "x86_pmu_add", "__SCK__preempt_schedule": "preempt_schedule"} {
		if got, ok := StaticCallName(sym); !ok || got != want {
			t.Errorf("StaticCallName(%q) = %q, %v; want %q", sym, got, ok, want)
		}
	}
	for _, sym := range []string{"x86_pmu_add", "__SCT__", "__static_call_update"} {
		if got, ok := StaticCallName(sym); ok {
			t.Errorf("StaticCallName(%q) = %q, want no static call", sym, got)
		}
	}
	if StaticCall.UpdateKeyArg == StaticCall.UpdateFuncArg || StaticCall.Update == "" {
		t.Errorf("StaticCall = %+v: the update's key and function arguments must be given", StaticCall)
	}
}

func lookup(t *testing.T, name string) Effect {
	t.Helper()
	e, ok := Lookup(name)
	if !ok {
		t.Fatalf("%s is not in the table", name)
	}
	return e
}

// TestGFPTest: gfpflags_allow_blocking() tests its first argument's flags.
func TestGFPTest(t *testing.T) {
	if e, ok := Lookup("gfpflags_allow_blocking"); !ok || e.TestsGFP != 1 || !e.Changes() {
		t.Errorf("gfpflags_allow_blocking: %+v", e)
	}
}

// Each architecture's FPU/SIMD section (RULE #2): x86's
// kernel_fpu_begin()/kernel_fpu_end() and arm64's kernel_neon_*() are
// sections; powerpc's enable_kernel_*()/disable_kernel_*() must run with
// preemption already disabled.
func TestFPUSections(t *testing.T) {
	for _, c := range [][2]string{{"kernel_fpu_begin", "kernel_fpu_end"}, {"kernel_neon_begin", "kernel_neon_end"}} {
		b, okb := Lookup(c[0])
		e, oke := Lookup(c[1])
		if !okb || !oke || b.FPU != 1 || e.FPU != -1 || b.Pair != c[1] || e.Pair != c[0] || b.NeedsStableCPU || e.NeedsStableCPU {
			t.Errorf("%s/%s: rows %+v %+v", c[0], c[1], b, e)
		}
	}
	for _, unit := range []string{"altivec", "vsx", "fp", "spe"} {
		for _, name := range []string{"enable_kernel_" + unit, "disable_kernel_" + unit} {
			if e, ok := Lookup(name); !ok || !e.NeedsStableCPU || e.FPU != 0 {
				t.Errorf("%s: row %+v, want one that needs preemption disabled", name, e)
			}
		}
	}
}

// PREEMPT_RT's lock model (Documentation/locking/locktypes.rst): which
// locks sleep there, and which primitives leave interrupts enabled.
func TestRTLockModel(t *testing.T) {
	for _, c := range []struct {
		name       string
		sleepsOnRT bool
		irqOnRT    IRQOp
	}{
		{"spin_lock", true, NoIRQOp},
		{"spin_lock_irq", true, NoIRQOp},
		{"spin_lock_irqsave", true, NoIRQOp},
		{"read_lock_irqsave", true, NoIRQOp},
		{"write_lock_bh", true, NoIRQOp},
		{"local_lock_irq", true, NoIRQOp},
		{"local_lock_irqsave", true, NoIRQOp},
		{"write_seqlock_irqsave", true, NoIRQOp},
		{"atomic_dec_and_lock_irqsave", true, NoIRQOp},
		{"raw_spin_lock", false, NoIRQOp},
		{"raw_spin_lock_irq", false, IRQDisable},
		{"raw_spin_lock_irqsave", false, IRQSave},
		{"raw_spin_unlock_irqrestore", false, IRQRestore},
		{"atomic_dec_and_raw_lock_irqsave", false, IRQSave},
		{"bit_spin_lock", false, NoIRQOp},
		{"local_irq_disable", false, IRQDisable},
		{"local_irq_save", false, IRQSave},
		{"cond_local_irq_enable", false, IRQEnable},
		{"cond_local_irq_disable", false, IRQDisable},
		{"mutex_lock", false, NoIRQOp},
	} {
		e := lookup(t, c.name)
		if e.LockKind.SleepsOnRT() != c.sleepsOnRT || e.IRQOnRT() != c.irqOnRT {
			t.Errorf("%s: SleepsOnRT %v, IRQOnRT %v; want %v, %v", c.name, e.LockKind.SleepsOnRT(), e.IRQOnRT(), c.sleepsOnRT, c.irqOnRT)
		}
		if e.Lock != NoLockOp && e.LockKind != Sleeping && !e.LockKind.DisablesPreemption() {
			t.Errorf("%s: a spinning or local lock disables preemption without PREEMPT_RT", c.name)
		}
	}
	for cls, want := range map[string]GuardOnRT{
		"spinlock": GuardSleepsOnRT, "spinlock_irqsave": GuardSleepsOnRT, "read_lock": GuardSleepsOnRT,
		"local_lock_irqsave": GuardSleepsOnRT, "raw_spinlock": GuardAtomicOnRT, "raw_spinlock_irqsave": GuardAtomicOnRT,
		"preempt": GuardAtomicOnRT, "irqsave": GuardAtomicOnRT, "rq_lock": GuardAtomicOnRT,
		"migrate": GuardPreemptibleOnRT, "rcu": GuardPreemptibleOnRT, "mutex": GuardPreemptibleOnRT,
	} {
		if e := lookup(t, "class_"+cls+"_constructor"); e.GuardRT != want {
			t.Errorf("guard(%s) on PREEMPT_RT: %d, want %d", cls, e.GuardRT, want)
		}
	}
	for _, n := range []string{"kmalloc", "kzalloc", "kmem_cache_alloc", "alloc_pages", "kstrdup", "__alloc_pages_noprof"} {
		if !lookup(t, n).Allocates {
			t.Errorf("%s allocates", n)
		}
	}
	for _, n := range []string{"might_alloc", "kfree", "mutex_lock", "vfree"} {
		if e, _ := Lookup(n); e.Allocates {
			t.Errorf("%s does not allocate", n)
		}
	}
	if e := lookup(t, "lockdep_assert_irqs_disabled"); !e.AssertsIRQsOff {
		t.Error("lockdep_assert_irqs_disabled asserts that interrupts are off")
	}
	if e := lookup(t, "cant_migrate"); !e.AssertsPinned || e.AssertsAtomic || e.MaySleep {
		t.Errorf("cant_migrate = %+v: asserts the CPU stays, not atomic context", e)
	}
	if e := lookup(t, "migrate_to_reboot_cpu"); !e.Pins || e.AssertsPinned || e.Preempt != 0 || e.Migrate != 0 || e.MaySleep {
		t.Errorf("migrate_to_reboot_cpu = %+v: binds the task to one CPU for good, with no count to undo", e)
	}
	if e := lookup(t, "lockdep_assert_in_softirq"); !e.AssertsSoftirq {
		t.Error("lockdep_assert_in_softirq asserts softirq context")
	}
}

// Interrupt handlers are force-threaded on PREEMPT_RT unless their flags
// say otherwise; hrtimers expire in a softirq thread unless set up hard.
func TestRTRootContexts(t *testing.T) {
	for _, c := range []struct {
		api  string
		arg  int
		args []string
		want Context
	}{
		{"request_irq", 2, []string{"irq", "h", "0", "\"x\"", "dev"}, BHOff},
		{"request_irq", 2, []string{"irq", "h", "IRQF_NO_THREAD | IRQF_SHARED", "\"x\"", "dev"}, HardIRQ},
		{"request_irq", 2, []string{"irq", "h", "IRQF_TIMER", "\"x\"", "dev"}, HardIRQ},
		{"request_irq", 2, []string{"irq", "h", "0x00010000", "\"x\"", "dev"}, HardIRQ}, // a lone IRQF_NO_THREAD
		{"request_irq", 2, []string{"irq", "h", "0x00000080", "\"x\"", "dev"}, BHOff},   // IRQF_SHARED
		{"request_threaded_irq", 2, []string{"irq", "h", "fn", "IRQF_ONESHOT", "\"x\"", "dev"}, HardIRQ},
		{"request_threaded_irq", 3, []string{"irq", "h", "fn", "0", "\"x\"", "dev"}, Process},
		{"devm_request_irq", 3, []string{"d", "irq", "h", "flags", "\"x\"", "dev"}, BHOff},
		{"request_percpu_irq", 2, []string{"irq", "h", "\"x\"", "pcpu"}, HardIRQ},
		{"hrtimer_setup", 2, []string{"&t", "fn", "CLOCK_MONOTONIC", "HRTIMER_MODE_REL"}, Softirq},
		{"hrtimer_setup", 2, []string{"&t", "fn", "CLOCK_MONOTONIC", "HRTIMER_MODE_REL_PINNED_HARD"}, HardIRQ},
		{"init_irq_work", 2, []string{"&w", "fn"}, Process},
		{"timer_setup", 2, []string{"&t", "fn", "0"}, Softirq},
	} {
		if got := RTContext(c.api, c.arg, c.args, nil); got != c.want {
			t.Errorf("RTContext(%s, %d, %v) = %s, want %s", c.api, c.arg, c.args, got, c.want)
		}
	}
	if got := FieldRootAtRT("irq_work", "func", "", false); got != Process {
		t.Errorf("irq_work.func on PREEMPT_RT: %s", got)
	}
	for ctx, want := range map[Context]bool{HardIRQ: true, IRQsOff: true, PreemptIRQsOff: true, PreemptOff: true, NMI: true,
		Softirq: false, BHOff: false, Atomic: false, Process: false, ProcessPinned: false} {
		if ctx.AtomicOnRT() != want {
			t.Errorf("%s atomic on PREEMPT_RT: %v", ctx, !want)
		}
	}
}

func TestWritesPerCPU(t *testing.T) {
	for name, want := range map[string]bool{
		"__this_cpu_write": true, "__this_cpu_inc": true, "__this_cpu_add": true, "__this_cpu_add_return": true,
		"__this_cpu_cmpxchg": true, "__this_cpu_xchg": true,
		"__this_cpu_read": false, "__this_cpu_read_stable": false, "__this_cpu_ptr": false,
		"this_cpu_inc": false, "raw_cpu_inc": false, "this_cpu_ptr": false,
	} {
		if WritesPerCPU(name) != want {
			t.Errorf("WritesPerCPU(%s) = %v", name, !want)
		}
	}
}

func TestTestsRT(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want bool
	}{
		{"IS_ENABLED", []string{"CONFIG_PREEMPT_RT"}, true},
		{"IS_BUILTIN", []string{" CONFIG_PREEMPT_RT "}, true},
		{"IS_ENABLED", []string{"CONFIG_PREEMPT"}, false},
		{"IS_ENABLED", []string{"CONFIG_PREEMPT_RT_NEEDS_BH_LOCK"}, false},
		{"IS_MODULE", []string{"CONFIG_PREEMPT_RT"}, false},
	} {
		if got := TestsRT(c.name, c.args); got != c.want {
			t.Errorf("TestsRT(%s, %v) = %v", c.name, c.args, got)
		}
	}
}

// hrtimer_init(&t, clock, mode) decides how t.function runs on PREEMPT_RT.
func TestHardInit(t *testing.T) {
	for _, c := range []struct {
		api    string
		args   []string
		object string
		hard   bool
	}{
		{"hrtimer_init", []string{"&rq->hrtick_timer", "CLOCK_MONOTONIC", "HRTIMER_MODE_REL_HARD"}, "&rq->hrtick_timer", true},
		{"hrtimer_init", []string{"&t->timer", "CLOCK_MONOTONIC", "HRTIMER_MODE_REL"}, "&t->timer", false},
		{"hrtimer_init_on_stack", []string{"&to", "CLOCK_MONOTONIC", "HRTIMER_MODE_ABS_PINNED_HARD"}, "&to", true},
		{"timer_setup", []string{"&t", "fn", "0"}, "", false},
	} {
		r, object, hard, ok := HardInit(c.api, c.args, nil)
		if object != c.object || hard != c.hard || ok != (c.object != "") || ok && (r.Name != "hrtimer" || r.Field != "function") {
			t.Errorf("HardInit(%s, %v) = %q, %v", c.api, c.args, object, hard)
		}
	}
	if got := FieldRootAtRT("hrtimer", "function", "", false); got != Softirq {
		t.Errorf("an hrtimer callback of unknown mode on PREEMPT_RT: %s", got)
	}
	if got := FieldRootAtRT("hrtimer", "function", "", true); got != HardIRQ {
		t.Errorf("a hard hrtimer's callback on PREEMPT_RT: %s", got)
	}
}

// ACCESS_PRIVATE(p, member) is (p)->member, spelled so that sparse
// accepts the access of a __private field.
func TestMemberAccessors(t *testing.T) {
	if !MemberAccessor("ACCESS_PRIVATE") {
		t.Error("ACCESS_PRIVATE is no member accessor")
	}
	if MemberAccessor("READ_ONCE") {
		t.Error("READ_ONCE is a member accessor")
	}
}

// current is get_current() once preprocessed: the running task.
func TestStableCalls(t *testing.T) {
	if s, ok := StableCall("get_current"); !ok || s != "current" {
		t.Errorf("StableCall(get_current) = %q, %v", s, ok)
	}
	if _, ok := StableCall("smp_processor_id"); ok {
		t.Error("smp_processor_id() is a stable call")
	}
	if !StableName("current") || StableName("get_current") {
		t.Error("StableName: current is the name written, get_current() the call")
	}
}

// A section held through a helper or an annotation keeps the CPU when
// its primitive disables preemption or bottom halves; a plain RCU read
// side, a lock's key, or an annotation token of another kind does not.
func TestSectionKeyDisablesPreemption(t *testing.T) {
	for key, want := range map[string]bool{
		"rcu_read_lock_bh()":    true,
		"rcu_read_lock_sched()": true,
		"rcu_read_lock()":       false,
		"dev->lock":             false,
		"RCU_BH":                false,
		"mutex_lock()":          false,
	} {
		if got := SectionKeyDisablesPreemption(key); got != want {
			t.Errorf("SectionKeyDisablesPreemption(%q) = %v, want %v", key, got, want)
		}
	}
}

// The checks that report a kernel bug when their condition holds: the
// branch they guard is a path the kernel already reports. BUG_ON() does
// not return, and lockdep_assert() reports only with lockdep.
func TestWarns(t *testing.T) {
	for name, want := range map[string]bool{"WARN_ON": true, "WARN_ON_ONCE": true, "WARN": true, "WARN_ONCE": true,
		"BUG_ON": false, "lockdep_assert": false, "in_atomic": false} {
		if e, _ := Lookup(name); e.Warns != want {
			t.Errorf("%s: Warns %v, want %v", name, e.Warns, want)
		}
	}
}

// migrate_disable()/migrate_enable() pin and unpin the task; so does the
// boot's own pinning of init, which sched_init_smp() ends.
func TestMigrateRows(t *testing.T) {
	for name, want := range map[string]int8{"migrate_disable": +1, "migrate_enable": -1, "sched_init_smp": -1} {
		if e, ok := Lookup(name); !ok || e.Migrate != want {
			t.Errorf("%s: Migrate %d (found %v), want %d", name, e.Migrate, ok, want)
		}
	}
}

// Context: sections as the 6.12 tree writes them.
func TestDocumentsAnyContext(t *testing.T) {
	for _, tc := range []struct {
		context string
		want    bool
	}{
		{"atomic. The completion callback is invoked in caller's context.", true}, // usb_hcd_giveback_urb()
		{"Any context.", true},
		{"Any context.  Takes and releases the xa_lock.", true},
		{"Any context. Expects interrupts to be disabled.", true},
		{"any (usually from irq)", true},
		{"any", true},
		{"Any, except for NMI.", true},
		{"Interrupt context.", true},
		{"interrupt time.", true},
		{"irqs blocked, controller lock held", true},
		{"Can be called from any context.", true},
		{"", false},
		{"Process context.", false},
		{"Any context that permits to sleep.", false},
		{"Any context. May sleep if @gfp flags permit.", false},
		{"Any context.  Expects xa_lock to be held on entry.  May release and reacquire xa_lock if @gfp flags permit.", false},
		{"Any context. Expects mbox_mutex to be held.", false},
		{"task context, might sleep", false},
		{"Can be called from any context, providing the appropriate GFP flags", false},
		{"User context.", false},
	} {
		if got := DocumentsAnyContext(tc.context); got != tc.want {
			t.Errorf("DocumentsAnyContext(%q) = %v, want %v", tc.context, got, tc.want)
		}
	}
}

// The decrements that tell a put dropped the last reference, and the
// _and_lock forms that take a lock on that branch; an increment or a
// plain decrement does not.
func TestDropsLastRef(t *testing.T) {
	for name, want := range map[string]bool{
		"refcount_dec_and_test": true, "refcount_sub_and_test": true, "atomic_dec_and_test": true,
		"atomic_sub_and_test": true, "atomic_long_dec_and_test": true, "atomic_long_sub_and_test": true,
		"atomic64_dec_and_test": true, "atomic64_sub_and_test": true,
		"refcount_dec_and_lock": true, "refcount_dec_and_lock_irqsave": true, "refcount_dec_and_mutex_lock": true,
		"refcount_dec_and_raw_lock_irqsave": true, "atomic_dec_and_lock": true, "atomic_dec_and_lock_irqsave": true,
		"refcount_dec": false, "refcount_inc": false, "atomic_inc_and_test": false, "WARN_ON": false,
	} {
		if e, _ := Lookup(name); e.DropsLastRef != want {
			t.Errorf("%s: DropsLastRef %v, want %v", name, e.DropsLastRef, want)
		}
	}
}

// A per-CPU work item is named by its variable and member, however the
// source reaches one CPU's instance.
func TestPerCPUInstance(t *testing.T) {
	for arg, want := range map[string]string{
		"per_cpu_ptr(&vmstat_work, cpu)":   "vmstat_work",
		"this_cpu_ptr(&vmstat_work)":       "vmstat_work",
		"&per_cpu(vmstat_work, cpu)":       "vmstat_work",
		"&per_cpu(slub_flush, cpu).work":   "slub_flush.work",
		"&this_cpu_ptr(&tstate)->pkg.work": "tstate.pkg.work",
		"per_cpu_ptr(&s, cpu)->work":       "s.work",
		"&w->work":                         "",
		"per_cpu(vmstat_work, cpu)":        "", // not an address
		"per_cpu_ptr(s->works, cpu)":       "", // not a variable's
		"foo(&x)":                          "",
	} {
		got, ok := PerCPUInstance(arg)
		if got != want || ok != (want != "") {
			t.Errorf("PerCPUInstance(%q) = %q, %v; want %q", arg, got, ok, want)
		}
	}
	if !BoundWorkqueue("mm_percpu_wq") || !BoundWorkqueue("") || BoundWorkqueue("system_unbound_wq") || BoundWorkqueue("flushwq") {
		t.Error("bound workqueues: mm_percpu_wq and system_wq's calls, not system_unbound_wq nor a queue of unknown flags")
	}
	for _, name := range []string{"INIT_WORK", "INIT_DELAYED_WORK", "INIT_DEFERRABLE_WORK"} {
		if w, ok := WorkInitOf(name); !ok || w.Work != 1 || w.FuncArg != 2 {
			t.Errorf("%s: %+v, %v", name, w, ok)
		}
	}
	for name, want := range map[string]WorkQueue{"queue_delayed_work_on": {"queue_delayed_work_on", 3, 2},
		"schedule_work": {"schedule_work", 1, 0}, "queue_work": {"queue_work", 2, 1}} {
		if q, ok := WorkQueueOf(name); !ok || q != want {
			t.Errorf("%s: %+v, %v", name, q, ok)
		}
	}
}

// Stores past SYSTEM_RUNNING, of an oops in progress, and
// bust_spinlocks(1) turn the kernel's own sleep checks off; stores of
// the running states, of 0, and bust_spinlocks(0) turn them on; other
// variables and unknown values say nothing.
func TestSleepChecks(t *testing.T) {
	for _, c := range []struct {
		variable, value string
		off, ok         bool
	}{
		{"system_state", "SYSTEM_POWER_OFF", true, true},
		{"system_state", "SYSTEM_SUSPEND", true, true},
		{"system_state", "state", true, true},
		{"system_state", "SYSTEM_RUNNING", false, true},
		{"system_state", "SYSTEM_SCHEDULING", false, true},
		{"oops_in_progress", "1", true, true},
		{"oops_in_progress", "0", false, true},
		{"oops_in_progress", "", false, false},
		{"panic_cpu", "1", false, false},
	} {
		if off, ok := SleepChecksAfterStore(c.variable, c.value); off != c.off || ok != c.ok {
			t.Errorf("%s = %q: off %v ok %v, want %v %v", c.variable, c.value, off, ok, c.off, c.ok)
		}
	}
	if off, ok := SleepChecksAfterCall("bust_spinlocks", []string{"1"}); !off || !ok {
		t.Error("bust_spinlocks(1) leaves the checks on")
	}
	if off, ok := SleepChecksAfterCall("bust_spinlocks", []string{"0"}); off || !ok {
		t.Error("bust_spinlocks(0) leaves the checks off")
	}
	if _, ok := SleepChecksAfterCall("console_unblank", nil); ok {
		t.Error("console_unblank() decides the checks")
	}
}

// TestWorkqueueFlagsArg: alloc_workqueue()'s flags are its second
// argument; an ordered workqueue is unbound, whatever its flags say.
func TestWorkqueueFlagsArg(t *testing.T) {
	if n, ok := WorkqueueFlagsArg("alloc_workqueue"); !ok || n != 2 {
		t.Errorf("alloc_workqueue: %d, %v", n, ok)
	}
	if _, ok := WorkqueueFlagsArg("alloc_ordered_workqueue"); ok {
		t.Error("alloc_ordered_workqueue makes unbound workqueues")
	}
}

func TestSnapshot(t *testing.T) {
	if !Snapshot("pt_regs") {
		t.Error("struct pt_regs, the registers an entry saved, is not a snapshot")
	}
	for _, tag := range []string{"sock", "request_queue", ""} {
		if Snapshot(tag) {
			t.Errorf("struct %q is a snapshot: its members change under the code that tests them", tag)
		}
	}
}
