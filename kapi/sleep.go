package kapi

import "strings"

// Calls that may sleep or reschedule, and the FPU section primitives
// (preempt-locking.rst RULE #2 and "Preventing preemption using interrupt
// disabling").
func init() {
	add(
		Effect{Name: "kernel_fpu_begin", FPU: +1, Pair: "kernel_fpu_end"},
		Effect{Name: "kernel_fpu_begin_mask", FPU: +1, Pair: "kernel_fpu_end"},
		Effect{Name: "kernel_fpu_end", FPU: -1, Pair: "kernel_fpu_begin"},
		Effect{Name: "fpregs_lock", FPU: +1, Pair: "fpregs_unlock"},
		Effect{Name: "fpregs_unlock", FPU: -1, Pair: "fpregs_lock"},
		// arm64's section (arch/arm64/kernel/fpsimd.c: preemption off
		// between them, nothing in it may sleep).
		Effect{Name: "kernel_neon_begin", FPU: +1, Pair: "kernel_neon_end"},
		Effect{Name: "kernel_neon_end", FPU: -1, Pair: "kernel_neon_begin"},
		// powerpc's enable_kernel_altivec() (arch/powerpc/kernel/process.c)
		// and relatives do not disable preemption but must run with it
		// disabled, as the callers' preempt_disable();
		// enable_kernel_altivec(); ... disable_kernel_altivec();
		// preempt_enable(); does. Not sections to pair: an exception
		// handler enables the unit and leaves it to the return path
		// (p9_hmi_special_emu()), and enable_kernel_fp() is mostly
		// left unpaired.
		Effect{Name: "enable_kernel_altivec", NeedsStableCPU: true},
		Effect{Name: "disable_kernel_altivec", NeedsStableCPU: true},
		Effect{Name: "enable_kernel_vsx", NeedsStableCPU: true},
		Effect{Name: "disable_kernel_vsx", NeedsStableCPU: true},
		Effect{Name: "enable_kernel_fp", NeedsStableCPU: true},
		Effect{Name: "disable_kernel_fp", NeedsStableCPU: true},
		Effect{Name: "enable_kernel_spe", NeedsStableCPU: true},
		Effect{Name: "disable_kernel_spe", NeedsStableCPU: true},

		Effect{Name: "cond_resched", MayResched: true, ReschedCheck: true},
		// cond_resched_lock(l) and cond_resched_rcu() are called inside
		// their lock or read-side section, which they drop to reschedule:
		// not a reschedule in the caller's atomic context.
		Effect{Name: "cond_resched_lock"},
		Effect{Name: "cond_resched_rcu"},
		// schedule_preempt_disabled() is schedule() for a caller that has
		// disabled preemption: it enables, schedules and disables again.
		Effect{Name: "schedule_preempt_disabled", ReschedCheck: true},
		Effect{Name: "might_resched", MayResched: true},
		Effect{Name: "preempt_check_resched", ReschedCheck: true},
		Effect{Name: "schedule", MaySleep: true, ReschedCheck: true},
		Effect{Name: "io_schedule", MaySleep: true, ReschedCheck: true},
		// schedule() for rtmutex waiters (kernel/sched/core.c), and for
		// PREEMPT_RT's sleeping spinlocks.
		Effect{Name: "rt_mutex_schedule", MaySleep: true, ReschedCheck: true},
		Effect{Name: "schedule_rtlock", MaySleep: true, ReschedCheck: true},
		Effect{Name: "yield", MaySleep: true, ReschedCheck: true},
	)
	// might_sleep_if(cond) has no row: read as the "if (cond)
	// might_sleep();" it expands to, its sleep is on the branch where
	// cond holds, and a caller's constant argument can rule it out
	// (blk_mq_run_hw_queue(hctx, true)).
	for _, name := range []string{
		"might_sleep",
		"schedule_timeout", "schedule_timeout_interruptible", "schedule_timeout_killable",
		"schedule_timeout_uninterruptible", "schedule_hrtimeout",
		"msleep", "msleep_interruptible", "usleep_range", "usleep_range_state", "ssleep", "fsleep",
		"wait_event", "wait_event_interruptible", "wait_event_timeout", "wait_event_interruptible_timeout",
		"wait_event_killable", "wait_event_freezable", "wait_event_idle", "wait_event_idle_timeout",
		"wait_event_interruptible_exclusive", "wait_on_bit", "wait_var_event",
		"wait_for_completion", "wait_for_completion_timeout", "wait_for_completion_interruptible",
		"wait_for_completion_interruptible_timeout", "wait_for_completion_killable", "wait_for_completion_io",
		"synchronize_rcu", "synchronize_rcu_expedited", "synchronize_srcu", "synchronize_net", "rcu_barrier",
		"vmalloc", "vzalloc", "vmap", "vunmap", "kvmalloc", "kvzalloc",
		"flush_work", "flush_workqueue", "cancel_work_sync", "cancel_delayed_work_sync", "flush_delayed_work",
		"kthread_stop", "free_irq", "request_irq", "request_threaded_irq",
		"cpus_read_lock", "get_online_cpus", "lock_sock",
	} {
		if e, ok := rows[name]; ok {
			e.MaySleep = true
			rows[name] = e
			continue
		}
		add(Effect{Name: name, MaySleep: true})
	}
	// Accesses to user memory sleep when they fault (might_fault() is
	// __might_sleep() in debug builds), unless page faults are disabled
	// (pagefault_disable(), as strncpy_from_user_nofault() does): then the
	// fault fails the access instead (uaccess.h, might_fault() in
	// mm/memory.c).
	add(Effect{Name: "pagefault_disable", Pagefault: +1, Pair: "pagefault_enable"},
		Effect{Name: "pagefault_enable", Pagefault: -1, Pair: "pagefault_disable"})
	for _, name := range []string{
		"might_fault", "__might_fault",
		"copy_from_user", "copy_to_user", "get_user", "put_user", "clear_user", "strncpy_from_user",
		"strnlen_user", "copy_struct_from_user",
	} {
		add(Effect{Name: name, MaySleep: true, FaultSleep: true})
	}
	// gfpflags_allow_blocking(gfp) is the test behind
	// might_sleep_if(gfpflags_allow_blocking(gfp)) (iommu_map(),
	// mempool_alloc(), dma_pool_alloc()): what it guards sleeps only
	// for flags that allow direct reclaim (include/linux/gfp.h).
	add(Effect{Name: "gfpflags_allow_blocking", TestsGFP: 1})
	// vfree() hands the area to vfree_atomic() when in_interrupt(): it
	// sleeps only in task context with bottom halves enabled
	// (mm/vmalloc.c).
	add(Effect{Name: "vfree", MaySleep: true, TaskSleep: true})
	// kvfree_call_rcu() queues the object when given an rcu_head, and
	// waits for a grace period (synchronize_rcu()) only without one
	// (kernel/rcu/tree.c, include/linux/rcupdate.h: kfree_rcu(ptr, rhf)
	// passes &ptr->rhf, kfree_rcu_mightsleep(ptr) NULL).
	add(Effect{Name: "kvfree_call_rcu", MaySleep: true, ZeroArgSleeps: 1})
	// netlink_unicast(ssk, skb, portid, nonblock) waits for room in the
	// receiver's queue only when nonblock is 0: otherwise its timeout is
	// 0 and netlink_attachskb() fails with -EAGAIN
	// (net/netlink/af_netlink.c). nlmsg_unicast() passes MSG_DONTWAIT.
	add(Effect{Name: "netlink_unicast", MaySleep: true, ZeroArgSleeps: 4})
	// sock_alloc_send_pskb(sk, header_len, data_len, noblock, ...) waits
	// for room in the send buffer only when noblock is 0: otherwise its
	// timeout is 0 and it fails with -EAGAIN (net/core/sock.c). Callers
	// pass their flags & MSG_DONTWAIT through sock_alloc_send_skb(); the
	// kernel's own replies (icmp_push_reply(), ip_send_unicast_reply())
	// pass MSG_DONTWAIT under local_bh_disable().
	add(Effect{Name: "sock_alloc_send_pskb", MaySleep: true, ZeroArgSleeps: 4})
	// The waits that take the spinlock their caller holds drop it around
	// the sleep (spin_unlock_irq; schedule(); spin_lock_irq): called with
	// exactly that lock held, they do not sleep in atomic context. They are
	// known primitives, so the unlock and schedule() inside them are not
	// seen as the caller's.
	for _, name := range []string{
		"wait_event_lock_irq", "wait_event_lock_irq_cmd",
		"wait_event_interruptible_lock_irq", "wait_event_interruptible_lock_irq_cmd",
		"wait_event_interruptible_lock_irq_timeout", "wait_event_lock_irq_timeout",
		"wait_event_interruptible_locked", "wait_event_interruptible_locked_irq",
		"wait_event_interruptible_exclusive_locked", "wait_event_interruptible_exclusive_locked_irq",
		"wait_event_killable_exclusive_locked",
	} {
		add(Effect{Name: name})
	}
	// Interruptible sleeping locks: held when they return 0.
	for lock, unlock := range map[string]string{
		"mutex_lock_interruptible": "mutex_unlock", "mutex_lock_killable": "mutex_unlock",
		"down_interruptible": "up", "down_killable": "up", "down_timeout": "up",
	} {
		add(Effect{Name: lock, Lock: AcquireOnZero, LockKind: Sleeping, Pair: unlock, MaySleep: true, ErrnoOnFail: true})
	}
	// down_trylock returns 0 on success, unlike every other trylock.
	add(Effect{Name: "down_trylock", Lock: AcquireOnZero, LockKind: Sleeping, Pair: "up"})
	// Sleeping locks sleep when contended; the rows exist in locks.go.
	for _, name := range []string{"mutex_lock", "mutex_lock_nested", "mutex_lock_io", "down", "down_read", "down_read_non_owner", "down_write",
		"down_read_nested", "down_write_nested"} {
		e := rows[name]
		e.MaySleep = true
		rows[name] = e
	}
	// Allocators sleep when their GFP flags allow direct reclaim.
	for name, arg := range map[string]int{
		"kmalloc": 2, "kzalloc": 2, "kcalloc": 3, "kmalloc_array": 3, "krealloc": 3, "kmalloc_node": 2,
		"kzalloc_node": 2, "kmem_cache_alloc": 2, "kmem_cache_zalloc": 2, "alloc_pages": 1, "alloc_page": 1,
		"__get_free_pages": 1, "__get_free_page": 1, "get_zeroed_page": 1, "kstrdup": 2, "kmemdup": 3,
		"kvmalloc_array": 3, "kvcalloc": 3, "mempool_alloc": 2, "alloc_percpu_gfp": 2, "dma_alloc_coherent": 4,
		"idr_alloc": 5, "radix_tree_preload": 1, "skb_copy": 2, "alloc_skb": 2, "kmalloc_track_caller": 2,
		// The page allocator's entry, under every slab and page
		// allocation (mm/page_alloc.c: its slow path reclaims, and
		// reschedules, only when gfp has __GFP_DIRECT_RECLAIM), and the
		// check every allocation path makes (include/linux/sched/mm.h).
		"__alloc_pages_noprof": 1, "__folio_alloc_noprof": 1, "might_alloc": 1,
	} {
		allocates := name != "might_alloc" // a check, not an allocation
		if e, ok := rows[name]; ok {
			e.MaySleep, e.GFPArg, e.Allocates = true, arg, allocates
			rows[name] = e
			continue
		}
		add(Effect{Name: name, MaySleep: true, GFPArg: arg, Allocates: allocates})
	}
}

// reclaiming lists GFP flags that allow direct reclaim, and so sleeping.
var reclaiming = []string{
	"GFP_KERNEL", "GFP_KERNEL_ACCOUNT", "GFP_NOFS", "GFP_NOIO", "GFP_USER", "GFP_HIGHUSER",
	"GFP_HIGHUSER_MOVABLE", "GFP_TRANSHUGE", "GFP_TRANSHUGE_LIGHT", "__GFP_DIRECT_RECLAIM", "__GFP_RECLAIM",
}

// nonReclaiming lists flags that never sleep on their own.
var nonReclaiming = []string{"GFP_ATOMIC", "GFP_NOWAIT", "GFP_DMA", "GFP_DMA32", "__GFP_HIGH", "__GFP_NOWARN", "__GFP_ZERO", "__GFP_NORETRY", "__GFP_NOMEMALLOC", "__GFP_ACCOUNT"}

// GFPFlagsType is the type of the kernel's GFP flags. A function that
// takes them is called, by the convention of
// Documentation/core-api/memory-allocation.rst and of every such API
// (usb_submit_urb(): "GFP_ATOMIC is used when you are inside a
// completion handler, an interrupt, ... or you are holding a spinlock"),
// with flags that forbid sleeping where its caller cannot sleep: it
// sleeps only as the flags it is given allow.
const GFPFlagsType = "gfp_t"

// GFPReclaims classifies GFP flags written in source: true when they
// allow direct reclaim, false when they do not; ok is false when the text
// names no known flag (a variable, a parameter). Flags masked out
// (gfp & ~__GFP_DIRECT_RECLAIM) forbid reclaim.
func GFPReclaims(text string) (reclaims, ok bool) {
	compact := strings.Join(strings.Fields(text), "")
	for _, f := range []string{"~__GFP_DIRECT_RECLAIM", "~__GFP_RECLAIM", "~(__GFP_DIRECT_RECLAIM", "~(__GFP_RECLAIM"} {
		if strings.Contains(compact, f) {
			return false, true
		}
	}
	known := false
	for _, f := range reclaiming {
		if containsWord(text, f) {
			return true, true
		}
	}
	for _, f := range nonReclaiming {
		if containsWord(text, f) {
			known = true
		}
	}
	return false, known
}

// GFPNeverFails reports whether GFP flags written in source ask the
// allocator never to fail (__GFP_NOFAIL: "The allocation could block
// indefinitely but will never return with failure", gfp_types.h): the
// allocation's result is never NULL, so a test of it for NULL decides
// nothing (drm_modeset_lock_all()'s "if (WARN_ON(!ctx)) return;").
func GFPNeverFails(text string) bool {
	compact := strings.Join(strings.Fields(text), "")
	return containsWord(text, "__GFP_NOFAIL") && !strings.Contains(compact, "~__GFP_NOFAIL") && !strings.Contains(compact, "~(__GFP_NOFAIL")
}

func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isWordByte(s[j-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		i = end
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
