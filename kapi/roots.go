package kapi

import (
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Context is the execution context a kernel framework runs a function in:
// what is known at its entry without looking at any caller.
type Context uint8

const (
	NoContext Context = iota
	// Process is task context: preemptible, may sleep (work items,
	// kthreads, threaded interrupt handlers, system calls, module init).
	Process
	// ProcessPinned is task context bound to one CPU (CPU hotplug
	// callbacks run in the per-CPU hotplug thread): it may sleep, and
	// the CPU id is stable.
	ProcessPinned
	// Softirq is a bottom half (timer, tasklet, RCU callback, NAPI poll):
	// atomic, interrupts enabled.
	Softirq
	// BHOff is task context with bottom halves disabled (a network
	// driver's ndo_start_xmit).
	BHOff
	// HardIRQ is a hard interrupt handler: interrupts off.
	HardIRQ
	// IRQsOff is code its framework calls with interrupts disabled
	// and nothing else (cross-CPU calls, stop_machine, syscore
	// callbacks, exception entry): only rescheduling is wrong there.
	IRQsOff
	// PreemptIRQsOff is code run with both preemption and interrupts
	// disabled, not as an interrupt handler (a secondary CPU's bring-up,
	// in its idle task; an interrupt chip's operations, under the
	// descriptor's raw spinlock).
	PreemptIRQsOff
	// PreemptOff is code run with preemption disabled but interrupts
	// enabled (early boot until the scheduler runs, CPU stopper work).
	PreemptOff
	// Atomic is atomic context whose interrupt state the framework leaves
	// open (an hrtimer callback runs in hard or soft interrupt context).
	Atomic
	// NMI is a non-maskable interrupt or machine check handler.
	NMI
	// Exported is a symbol exported to modules (EXPORT_SYMBOL()): they
	// may call it in any context, which the program does not show. It
	// says nothing of a function the program itself calls.
	Exported
	// Boot is the boot CPU's early boot, before the scheduler runs: one
	// task, preemption disabled (init_task's preempt count), interrupts
	// off for most of it. Nothing there sleeps for real and the kernel
	// does not check that nothing does: __might_resched() returns early
	// while system_state is SYSTEM_BOOTING, gfp_allowed_mask keeps
	// allocations from reclaiming, and a lock has no other task to wait
	// for. The CPU cannot change.
	Boot
)

var contextNames = [...]string{"", "process context", "process context on one CPU", "softirq context",
	"process context with bottom halves disabled", "hard interrupt context", "a context with interrupts disabled",
	"a context with preemption and interrupts disabled", "a context with preemption disabled", "atomic context", "NMI context", "any context a module calls it in",
	"early boot, before the scheduler runs"}

func (c Context) String() string { return contextNames[c] }

// MaySleep reports whether code in the context may sleep.
func (c Context) MaySleep() bool { return c == Process || c == ProcessPinned }

// StableCPU reports whether the CPU cannot change under code in the
// context (RULE #1 is met).
func (c Context) StableCPU() bool { return c != Process && c != NoContext && c != Exported }

// IRQsDisabled reports whether the framework runs code in the context
// with interrupts disabled.
func (c Context) IRQsDisabled() bool {
	return c == HardIRQ || c == IRQsOff || c == PreemptIRQsOff || c == NMI
}

// AtomicOnRT reports whether code in the context is atomic on
// PREEMPT_RT too: interrupts or preemption truly disabled. Softirqs run
// in preemptible tasks there, and so do hrtimer callbacks not marked
// hard and atomic notifier chains' callers, as far as a root can tell.
func (c Context) AtomicOnRT() bool {
	return c == HardIRQ || c == IRQsOff || c == PreemptIRQsOff || c == PreemptOff || c == NMI || c == Boot
}

// RootKind says how a root names the functions it gives a context.
type RootKind uint8

const (
	// Arg: the function passed as argument Arg of a call of Name
	// (timer_setup(&t, cb, 0): cb runs in softirq context).
	Arg RootKind = iota + 1
	// Field: the function stored in field Field of struct Name, by an
	// initialiser or an assignment (.ndo_start_xmit = xmit).
	Field
	// ArgField: the function stored in field Field of the struct whose
	// address is argument Arg of a call of Name
	// (atomic_notifier_chain_register(&chain, &nb): nb.notifier_call).
	ArgField
	// DefinedBy: a function whose definition a macro called Name (or a
	// macro whose name starts with Name when Prefix is set) writes.
	DefinedBy
	// Function: the function called Name itself (start_kernel).
	Function
)

// Root is a way a function comes to run in a known context: a
// registration API, an ops structure's field, a defining macro or an
// entry point of the kernel. Roots give entry contexts to functions no
// caller in the program may show.
type Root struct {
	Kind   RootKind
	Name   string // the API, struct tag, macro or function
	Arg    int    // Arg, ArgField: 1-based argument index
	Field  string // Field, ArgField: the struct field
	Prefix bool   // DefinedBy: Name is a prefix of the macro's name
	// At restricts a Field root to the elements of an array initialised
	// with designators whose name matches At (a path.Match pattern:
	// [CPUHP_AP_SCHED_STARTING] = { ... } matches "CPUHP_AP_*_STARTING").
	// The first matching row decides. A field with such rows is a table
	// the framework dispatches by index: its rows, not the calls through
	// the field, say how each element runs. For an Arg root, At matches
	// argument AtArg of the call as written (cpuhp_setup_state(
	// CPUHP_AP_CACHECTRL_STARTING, ...): a starting state's callbacks run
	// on the CPU coming up, interrupts disabled).
	At      string
	AtArg   int
	Context Context
	// OnRT is the context on PREEMPT_RT when it differs (zero: the
	// same): interrupt handlers are force-threaded there and run with
	// bottom halves disabled in a preemptible thread, unless argument
	// HardArg (their flags) names one of HardFlags.
	OnRT      Context
	HardArg   int
	HardFlags []string
	// HardBits are the same flags' values, for an argument written as
	// a number (a lone macro argument is read as its value) or whose
	// constant value is known.
	HardBits uint64
	// Hard is the context on PREEMPT_RT when the flags say hard; zero
	// is Context (an hrtimer's Context is Atomic, hard or soft
	// interrupt, but a hard one's is HardIRQ).
	Hard Context
	// Inits, for a Field root, are the calls that initialise the object
	// whose field it is (its address their first argument) with the
	// flags HardArg names: hrtimer_init(&t, clock, mode) then
	// t.function = f.
	Inits []string
	// HardBy, for a Field root, are the macros that initialise the
	// struct with the function (their argument) in the field, hard:
	// IRQ_WORK_INIT_HARD(fn).
	HardBy []string
	// ReleasedBy, for a Field root, is the field of the same struct
	// whose function the framework calls after this one, whatever this
	// one returned, to release what it returns holding: seq_file calls
	// .stop after .start and after the .next that ends the walk
	// (Documentation/filesystems/seq_file.rst: "a lock taken in start()
	// ... released in stop()").
	ReleasedBy string
	// ReleasedOnZero says the framework calls ReleasedBy only where
	// this one returned 0: genetlink calls .doit and .post_doit only
	// after a .pre_doit that succeeded.
	ReleasedOnZero bool
}

// LocksReleasedBy is the field of struct tag whose function releases
// what a function stored in field returns holding (Root.ReleasedBy), ""
// when the framework releases nothing for it.
func LocksReleasedBy(tag, field string) string {
	for _, r := range rootsNamed(tag) {
		if r.Kind == Field && r.Name == tag && r.Field == field && r.ReleasedBy != "" {
			return r.ReleasedBy
		}
	}
	return ""
}

// LocksReleasedOnZero reports whether the framework releases what a
// function stored in field of struct tag returns holding only where it
// returned 0 (Root.ReleasedOnZero).
func LocksReleasedOnZero(tag, field string) bool {
	for _, r := range rootsNamed(tag) {
		if r.Kind == Field && r.Name == tag && r.Field == field && r.ReleasedBy != "" {
			return r.ReleasedOnZero
		}
	}
	return false
}

// HardByMacro reports whether a macro initialises a Field root's struct
// hard with its argument (IRQ_WORK_INIT_HARD(fn)), and which root.
func HardByMacro(name string) (Root, bool) {
	rootsIndex.Do(indexRoots)
	if rs := rootsHardByMac[name]; len(rs) > 0 {
		return rs[0], true
	}
	return Root{}, false
}

// HardInit reports whether api initialises the object of a Field root
// (its address the first argument: hrtimer_init(&t, clock, mode)), and
// whether with args the function stored in the root's field (t.function)
// runs in the root's own context on PREEMPT_RT too.
func HardInit(api string, args, values []string) (r Root, object string, hard, ok bool) {
	rootsIndex.Do(indexRoots)
	for _, r := range rootsInitedBy[api] {
		if r.Kind == Field && len(args) > 0 {
			return r, args[0], r.contextOnRT(args, values) != r.OnRT, true
		}
	}
	return Root{}, "", false, false
}

// RTContext is the context a call of api gives its function argument
// arg on PREEMPT_RT, given the call's arguments as written and the
// values of those that are constant expressions ("" for the others).
func RTContext(api string, arg int, args, values []string) Context {
	for _, r := range rootsNamed(api) {
		if r.Kind == Arg && r.Name == api && r.Arg == arg && r.matchesArgs(args) {
			return r.contextOnRT(args, values)
		}
	}
	return NoContext
}

// matchesArgs reports whether an Arg root's row applies to a call with
// args: always, unless it has an At pattern for an argument.
func (r Root) matchesArgs(args []string) bool {
	if r.At == "" {
		return true
	}
	if r.AtArg < 1 || r.AtArg > len(args) {
		return false
	}
	ok, _ := path.Match(r.At, strings.TrimSpace(args[r.AtArg-1]))
	return ok
}

// contextOnRT is the root's context on PREEMPT_RT for a registration (or
// initialisation) with the given arguments.
func (r Root) contextOnRT(args, values []string) Context {
	if r.OnRT == NoContext {
		return r.Context
	}
	if r.HardArg > 0 && r.HardArg <= len(args) {
		for _, f := range r.HardFlags {
			if strings.Contains(args[r.HardArg-1], f) {
				return r.hard()
			}
		}
		text := args[r.HardArg-1]
		if r.HardArg <= len(values) && values[r.HardArg-1] != "" {
			text = values[r.HardArg-1]
		}
		if v, err := strconv.ParseUint(text, 0, 64); err == nil && v&r.HardBits != 0 {
			return r.hard()
		}
	}
	return r.OnRT
}

func (r Root) hard() Context {
	if r.Hard != NoContext {
		return r.Hard
	}
	return r.Context
}

// irqNotThreaded are the flags with which forced threading leaves a
// handler in hard interrupt context (kernel/irq/manage.c,
// irq_setup_forced_threading(); IRQF_TIMER includes IRQF_NO_THREAD).
var irqNotThreaded = []string{"IRQF_NO_THREAD", "IRQF_TIMER", "IRQF_PERCPU", "IRQF_ONESHOT"}

// irqNotThreadedBits are their values (include/linux/interrupt.h:
// IRQF_PERCPU 0x400, IRQF_ONESHOT 0x2000, IRQF_NO_THREAD 0x10000).
const irqNotThreadedBits = 0x400 | 0x2000 | 0x10000

var roots []Root

func root(rs ...Root) { roots = append(roots, rs...) }

// rootsNamed indexes the rows by Name, in table order: the link asks of
// every call of the program which rows name its callee.
var (
	rootsIndex     sync.Once
	rootsNamedBy   map[string][]Root
	rootsInitedBy  map[string][]Root
	rootsHardByMac map[string][]Root
)

func indexRoots() {
	rootsNamedBy = map[string][]Root{}
	rootsInitedBy = map[string][]Root{}
	rootsHardByMac = map[string][]Root{}
	for _, r := range roots {
		rootsNamedBy[r.Name] = append(rootsNamedBy[r.Name], r)
		for _, in := range r.Inits {
			rootsInitedBy[in] = append(rootsInitedBy[in], r)
		}
		for _, m := range r.HardBy {
			rootsHardByMac[m] = append(rootsHardByMac[m], r)
		}
	}
}

// rootsNamed are the rows whose Name is name (registered by the
// package's init functions, all run before the first question).
func rootsNamed(name string) []Root {
	rootsIndex.Do(indexRoots)
	return rootsNamedBy[name]
}

// Roots returns every root, for documentation and tests.
func Roots() []Root {
	out := append([]Root(nil), roots...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ArgRoots returns the contexts a call of api gives its function
// arguments, by 1-based argument index.
func ArgRoots(api string, args []string) map[int]Context {
	var out map[int]Context
	for _, r := range rootsNamed(api) {
		if r.Kind == Arg && r.matchesArgs(args) {
			if out == nil {
				out = map[int]Context{}
			}
			if _, decided := out[r.Arg]; !decided {
				out[r.Arg] = r.Context // the first matching row decides
			}
		}
	}
	return out
}

// IsArgRoot reports whether a row of the table gives the functions
// passed as argument arg of api their context: what the API's own body
// hands them on to says no more (kthread_create_on_cpu() creates its
// thread with kthread_create_on_node(), then binds it to the CPU).
func IsArgRoot(api string, arg int) bool {
	for _, r := range rootsNamed(api) {
		if r.Kind == Arg && r.Name == api && r.Arg == arg {
			return true
		}
	}
	return false
}

// FieldRoot returns the context of a function stored in field of struct
// tag, if the field is a root.
func FieldRoot(tag, field string) (Context, bool) {
	return FieldRootAt(tag, field, "")
}

// FieldRootAt returns the context of a function stored in field of
// struct tag in the array element designated by index ("" when none
// does), if that is a root.
func FieldRootAt(tag, field, index string) (Context, bool) {
	for _, r := range rootsNamed(tag) {
		if r.Kind != Field || r.Name != tag || r.Field != field {
			continue
		}
		if r.At == "" {
			return r.Context, true
		}
		if ok, _ := path.Match(r.At, index); ok && index != "" {
			return r.Context, true
		}
	}
	return NoContext, false
}

// FieldRootAtRT is FieldRootAt on PREEMPT_RT; hard says the object was
// initialised hard (HardInit).
func FieldRootAtRT(tag, field, index string, hard bool) Context {
	for _, r := range rootsNamed(tag) {
		if r.Kind != Field || r.Name != tag || r.Field != field {
			continue
		}
		if ok, _ := path.Match(r.At, index); r.At == "" || ok && index != "" {
			switch {
			case hard:
				return r.hard()
			case r.OnRT != NoContext:
				return r.OnRT
			}
			return r.Context
		}
	}
	return NoContext
}

// DispatchedByIndex reports whether field of struct tag is a table the
// framework dispatches by index (roots with At): calls through the field
// do not say which element they reach.
func DispatchedByIndex(tag, field string) bool {
	for _, r := range rootsNamed(tag) {
		if r.Kind == Field && r.Name == tag && r.Field == field && r.At != "" {
			return true
		}
	}
	return false
}

// ArgFieldRoots returns the (argument, field) roots of a call of api.
func ArgFieldRoots(api string) []Root {
	var out []Root
	for _, r := range rootsNamed(api) {
		if r.Kind == ArgField {
			out = append(out, r)
		}
	}
	return out
}

// DefinedByRoot returns the context of a function a macro defines.
func DefinedByRoot(macro string) (Context, bool) {
	best, ctx := -1, NoContext
	for _, r := range roots {
		if r.Kind != DefinedBy {
			continue
		}
		if r.Name == macro || r.Prefix && strings.HasPrefix(macro, r.Name) && len(r.Name) > best {
			best, ctx = len(r.Name), r.Context
			if r.Name == macro {
				return ctx, true
			}
		}
	}
	return ctx, best >= 0
}

// FunctionRoot returns the context an entry point of the kernel runs in.
func FunctionRoot(name string) (Context, bool) {
	for _, r := range rootsNamed(name) {
		if r.Kind == Function && r.Name == name {
			return r.Context, true
		}
	}
	return NoContext, false
}

func init() {
	// The macros of HardBy have no effect of their own: a row makes
	// their uses visible (cparse attaches known names).
	add(Effect{Name: "IRQ_WORK_INIT_HARD"})
	root(
		// Interrupt handlers: the handler runs in hard interrupt
		// context, a threaded handler's thread_fn in a kthread.
		Root{Kind: Arg, Name: "request_irq", Arg: 2, Context: HardIRQ, OnRT: BHOff, HardArg: 3, HardFlags: irqNotThreaded, HardBits: irqNotThreadedBits},
		Root{Kind: Arg, Name: "request_threaded_irq", Arg: 2, Context: HardIRQ, OnRT: BHOff, HardArg: 4, HardFlags: irqNotThreaded, HardBits: irqNotThreadedBits},
		Root{Kind: Arg, Name: "request_threaded_irq", Arg: 3, Context: Process},
		Root{Kind: Arg, Name: "request_any_context_irq", Arg: 2, Context: HardIRQ, OnRT: BHOff, HardArg: 3, HardFlags: irqNotThreaded, HardBits: irqNotThreadedBits},
		Root{Kind: Arg, Name: "request_percpu_irq", Arg: 2, Context: HardIRQ},
		Root{Kind: Arg, Name: "request_nmi", Arg: 2, Context: NMI},
		Root{Kind: Arg, Name: "devm_request_irq", Arg: 3, Context: HardIRQ, OnRT: BHOff, HardArg: 4, HardFlags: irqNotThreaded, HardBits: irqNotThreadedBits},
		Root{Kind: Arg, Name: "devm_request_threaded_irq", Arg: 3, Context: HardIRQ, OnRT: BHOff, HardArg: 5, HardFlags: irqNotThreaded, HardBits: irqNotThreadedBits},
		Root{Kind: Arg, Name: "devm_request_threaded_irq", Arg: 4, Context: Process},
		Root{Kind: Arg, Name: "devm_request_any_context_irq", Arg: 3, Context: HardIRQ, OnRT: BHOff, HardArg: 4, HardFlags: irqNotThreaded, HardBits: irqNotThreadedBits},
		// Flow handlers (handle_edge_irq(), handle_percpu_irq()) run
		// from the interrupt entry through desc->handle_irq, in hard
		// interrupt context (kernel/irq/chip.c, Documentation/core-api/
		// genericirq.rst "High-level IRQ flow handlers").
		Root{Kind: Arg, Name: "irq_set_chip_and_handler_name", Arg: 3, Context: HardIRQ},
		Root{Kind: Arg, Name: "irq_set_chip_and_handler", Arg: 3, Context: HardIRQ},
		Root{Kind: Arg, Name: "__irq_set_handler", Arg: 2, Context: HardIRQ},
		Root{Kind: Arg, Name: "irq_set_handler", Arg: 2, Context: HardIRQ},
		Root{Kind: Arg, Name: "irq_set_chained_handler", Arg: 2, Context: HardIRQ},
		Root{Kind: Arg, Name: "irq_set_chained_handler_and_data", Arg: 2, Context: HardIRQ},
		Root{Kind: Arg, Name: "irq_set_handler_locked", Arg: 2, Context: HardIRQ},
		Root{Kind: Arg, Name: "irq_set_chip_handler_name_locked", Arg: 3, Context: HardIRQ},
		Root{Kind: Arg, Name: "irq_domain_set_info", Arg: 6, Context: HardIRQ},
		// An interrupt chip's operations are called with the
		// descriptor's raw spinlock held, interrupts off, from the flow
		// handler or from process context (kernel/irq:
		// mask_irq(), irq_startup(), __irq_set_trigger(),
		// irq_do_set_affinity()). Its bus lock operations are not:
		// they exist for chips on slow, sleeping buses.
		Root{Kind: Field, Name: "irq_chip", Field: "irq_startup", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_shutdown", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_enable", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_disable", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_ack", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_mask", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_mask_ack", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_unmask", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_eoi", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_set_affinity", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_retrigger", Context: PreemptIRQsOff},
		Root{Kind: Field, Name: "irq_chip", Field: "irq_set_type", Context: PreemptIRQsOff},

		// Timers: a timer_list callback runs in softirq context; an
		// hrtimer's in hard or soft interrupt context (its mode).
		Root{Kind: Arg, Name: "timer_setup", Arg: 2, Context: Softirq},
		Root{Kind: Arg, Name: "timer_setup_on_stack", Arg: 2, Context: Softirq},
		Root{Kind: Field, Name: "timer_list", Field: "function", Context: Softirq},
		// hrtimer_init(&t, clock, HRTIMER_MODE_REL_HARD) then
		// t.function = f: hard on PREEMPT_RT too (6.12 has no
		// hrtimer_setup()).
		Root{Kind: Field, Name: "hrtimer", Field: "function", Context: Atomic, OnRT: Softirq, Hard: HardIRQ,
			Inits: []string{"hrtimer_init", "hrtimer_init_on_stack", "hrtimer_init_sleeper"}, HardArg: 3, HardFlags: []string{"_HARD"}},
		// An hrtimer set up in a _HARD mode expires in hard interrupt
		// context on PREEMPT_RT too (HRTIMER_MODE_REL_HARD); the others
		// in a softirq thread.
		Root{Kind: Arg, Name: "hrtimer_setup", Arg: 2, Context: Atomic, OnRT: Softirq, Hard: HardIRQ, HardArg: 4, HardFlags: []string{"_HARD"}},

		// Tasklets, softirqs, RCU callbacks, NAPI.
		Root{Kind: Arg, Name: "tasklet_setup", Arg: 2, Context: Softirq},
		Root{Kind: Arg, Name: "tasklet_init", Arg: 2, Context: Softirq},
		Root{Kind: Field, Name: "tasklet_struct", Field: "func", Context: Softirq},
		Root{Kind: Field, Name: "tasklet_struct", Field: "callback", Context: Softirq},
		Root{Kind: Arg, Name: "open_softirq", Arg: 2, Context: Softirq},
		Root{Kind: Arg, Name: "call_rcu", Arg: 2, Context: Softirq},
		Root{Kind: Arg, Name: "call_rcu_hurry", Arg: 2, Context: Softirq},
		Root{Kind: Arg, Name: "netif_napi_add", Arg: 3, Context: Softirq},
		Root{Kind: Arg, Name: "netif_napi_add_weight", Arg: 3, Context: Softirq},
		Root{Kind: Arg, Name: "netif_napi_add_tx", Arg: 3, Context: Softirq},
		Root{Kind: Arg, Name: "netif_napi_add_tx_weight", Arg: 3, Context: Softirq},
		Root{Kind: Field, Name: "napi_struct", Field: "poll", Context: Softirq},
		// The stack calls a driver's transmit routine with bottom
		// halves disabled (__dev_queue_xmit: rcu_read_lock_bh()).
		Root{Kind: Field, Name: "net_device_ops", Field: "ndo_start_xmit", Context: BHOff},
		// The receive path runs with bottom halves disabled:
		// netif_receive_skb() "may only be called from softirq
		// context" (net/core/dev.c), and __netif_receive_skb_core()
		// hands the packet to each packet type's handler, as
		// dev_queue_xmit_nit() does on transmit (rcu_read_lock_bh());
		// ip_protocol_deliver_rcu() and ip6_protocol_deliver_rcu() to
		// the transport protocol's, and ICMP errors to its error
		// handler (net/ipv4/icmp.c icmp_socket_deliver()).
		Root{Kind: Field, Name: "packet_type", Field: "func", Context: BHOff},
		Root{Kind: Field, Name: "packet_type", Field: "list_func", Context: BHOff},
		Root{Kind: Field, Name: "net_protocol", Field: "handler", Context: BHOff},
		Root{Kind: Field, Name: "net_protocol", Field: "err_handler", Context: BHOff},
		Root{Kind: Field, Name: "inet6_protocol", Field: "handler", Context: BHOff},
		Root{Kind: Field, Name: "inet6_protocol", Field: "err_handler", Context: BHOff},

		// irq_work runs in hard interrupt context.
		// On PREEMPT_RT, irq_work items not initialised hard run in a
		// per-CPU thread (kernel/irq_work.c, irq_work_queue()).
		Root{Kind: Arg, Name: "init_irq_work", Arg: 2, Context: HardIRQ, OnRT: Process},
		// IRQ_WORK_INIT_HARD(fn) marks the item hard: hard interrupt
		// context on PREEMPT_RT too.
		Root{Kind: Field, Name: "irq_work", Field: "func", Context: HardIRQ, OnRT: Process, HardBy: []string{"IRQ_WORK_INIT_HARD"}},

		// Work items and kthreads run in process context.
		Root{Kind: Field, Name: "work_struct", Field: "func", Context: Process},
		Root{Kind: Arg, Name: "kthread_run", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "kthread_create", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "kthread_create_on_node", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "kthread_create_on_cpu", Arg: 1, Context: ProcessPinned},
		Root{Kind: Arg, Name: "kthread_run_on_cpu", Arg: 1, Context: ProcessPinned},
		Root{Kind: Field, Name: "kthread_work", Field: "func", Context: Process},
		// kernel/workqueue.c: schedule_on_each_cpu() runs the function on
		// each online CPU's bound worker of system_wq (schedule_work_on()),
		// a per-CPU kthread: pinned, as lib/smp_processor_id.c's
		// is_percpu_thread() accepts.
		Root{Kind: Arg, Name: "schedule_on_each_cpu", Arg: 1, Context: ProcessPinned},

		// Cross-CPU calls run with interrupts disabled, on the local CPU
		// too.
		Root{Kind: Arg, Name: "smp_call_function", Arg: 1, Context: IRQsOff},
		Root{Kind: Arg, Name: "smp_call_function_single", Arg: 2, Context: IRQsOff},
		Root{Kind: Arg, Name: "smp_call_function_many", Arg: 2, Context: IRQsOff},
		Root{Kind: Arg, Name: "smp_call_function_any", Arg: 2, Context: IRQsOff},
		Root{Kind: Arg, Name: "on_each_cpu", Arg: 1, Context: IRQsOff},
		Root{Kind: Arg, Name: "on_each_cpu_mask", Arg: 2, Context: IRQsOff},
		Root{Kind: Arg, Name: "on_each_cpu_cond", Arg: 2, Context: IRQsOff},
		Root{Kind: Arg, Name: "on_each_cpu_cond_mask", Arg: 2, Context: IRQsOff},
		Root{Kind: Field, Name: "__call_single_data", Field: "func", Context: IRQsOff},
		Root{Kind: Arg, Name: "stop_machine", Arg: 1, Context: IRQsOff},
		Root{Kind: Arg, Name: "stop_machine_cpuslocked", Arg: 1, Context: IRQsOff},
		Root{Kind: Arg, Name: "stop_one_cpu", Arg: 2, Context: PreemptOff},
		Root{Kind: Arg, Name: "stop_one_cpu_nowait", Arg: 2, Context: PreemptOff},

		// CPU hotplug callbacks of an AP state run in the hotplug thread
		// of the CPU; those of a starting state (and its teardown, in
		// the dying phase) on the CPU itself, interrupts disabled. Those
		// of a BP state (CPUHP_NET_DEV_DEAD, CPUHP_BP_PREPARE_DYN) run on
		// the control CPU, in the task that brings the CPU up or down,
		// preemptible (kernel/cpu.c cpuhp_invoke_callback() from
		// _cpu_up() and takedown_cpu()'s caller), as the static table's
		// BP states below.
		Root{Kind: Arg, Name: "cpuhp_setup_state", Arg: 3, AtArg: 1, At: "CPUHP_AP_*_STARTING", Context: IRQsOff},
		Root{Kind: Arg, Name: "cpuhp_setup_state", Arg: 4, AtArg: 1, At: "CPUHP_AP_*_STARTING", Context: IRQsOff},
		Root{Kind: Arg, Name: "cpuhp_setup_state_nocalls", Arg: 3, AtArg: 1, At: "CPUHP_AP_*_STARTING", Context: IRQsOff},
		Root{Kind: Arg, Name: "cpuhp_setup_state_nocalls", Arg: 4, AtArg: 1, At: "CPUHP_AP_*_STARTING", Context: IRQsOff},
		Root{Kind: Arg, Name: "cpuhp_setup_state_multi", Arg: 3, AtArg: 1, At: "CPUHP_AP_*_STARTING", Context: IRQsOff},
		Root{Kind: Arg, Name: "cpuhp_setup_state_multi", Arg: 4, AtArg: 1, At: "CPUHP_AP_*_STARTING", Context: IRQsOff},
		Root{Kind: Arg, Name: "cpuhp_setup_state", Arg: 3, AtArg: 1, At: "CPUHP_AP_*", Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state", Arg: 4, AtArg: 1, At: "CPUHP_AP_*", Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state_nocalls", Arg: 3, AtArg: 1, At: "CPUHP_AP_*", Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state_nocalls", Arg: 4, AtArg: 1, At: "CPUHP_AP_*", Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state_multi", Arg: 3, AtArg: 1, At: "CPUHP_AP_*", Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state_multi", Arg: 4, AtArg: 1, At: "CPUHP_AP_*", Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state", Arg: 3, AtArg: 1, At: "CPUHP_*", Context: Process},
		Root{Kind: Arg, Name: "cpuhp_setup_state", Arg: 4, AtArg: 1, At: "CPUHP_*", Context: Process},
		Root{Kind: Arg, Name: "cpuhp_setup_state_nocalls", Arg: 3, AtArg: 1, At: "CPUHP_*", Context: Process},
		Root{Kind: Arg, Name: "cpuhp_setup_state_nocalls", Arg: 4, AtArg: 1, At: "CPUHP_*", Context: Process},
		Root{Kind: Arg, Name: "cpuhp_setup_state_multi", Arg: 3, AtArg: 1, At: "CPUHP_*", Context: Process},
		Root{Kind: Arg, Name: "cpuhp_setup_state_multi", Arg: 4, AtArg: 1, At: "CPUHP_*", Context: Process},
		// A state passed in a variable (a wrapper's parameter): most
		// are the dynamic AP states.
		Root{Kind: Arg, Name: "cpuhp_setup_state", Arg: 3, Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state", Arg: 4, Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state_nocalls", Arg: 3, Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state_nocalls", Arg: 4, Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state_multi", Arg: 3, Context: ProcessPinned},
		Root{Kind: Arg, Name: "cpuhp_setup_state_multi", Arg: 4, Context: ProcessPinned},

		// Notifier chains: an atomic chain's callbacks run atomic, a
		// blocking chain's may sleep.
		Root{Kind: ArgField, Name: "atomic_notifier_chain_register", Arg: 2, Field: "notifier_call", Context: Atomic},
		Root{Kind: ArgField, Name: "raw_notifier_chain_register", Arg: 2, Field: "notifier_call", Context: Atomic},
		Root{Kind: ArgField, Name: "blocking_notifier_chain_register", Arg: 2, Field: "notifier_call", Context: Process},

		// Suspend and resume of the core run on one CPU with interrupts
		// disabled.
		Root{Kind: Field, Name: "syscore_ops", Field: "suspend", Context: IRQsOff},
		Root{Kind: Field, Name: "syscore_ops", Field: "resume", Context: IRQsOff},
		Root{Kind: Field, Name: "syscore_ops", Field: "shutdown", Context: IRQsOff},

		// Trace events: a tracepoint calls the probes TRACE_EVENT()
		// defines with preemption disabled (__DO_TRACE()).
		Root{Kind: Field, Name: "trace_event_class", Field: "probe", Context: PreemptOff},
		Root{Kind: Field, Name: "trace_event_class", Field: "perf_probe", Context: PreemptOff},

		// perf: the core calls a PMU's callbacks with its context's raw
		// lock held and interrupts disabled; x86's enable_all and
		// disable_all likewise.
		Root{Kind: Field, Name: "pmu", Field: "add", Context: IRQsOff},
		Root{Kind: Field, Name: "pmu", Field: "del", Context: IRQsOff},
		Root{Kind: Field, Name: "pmu", Field: "start", Context: IRQsOff},
		Root{Kind: Field, Name: "pmu", Field: "stop", Context: IRQsOff},
		Root{Kind: Field, Name: "pmu", Field: "read", Context: IRQsOff},
		Root{Kind: Field, Name: "x86_pmu", Field: "enable_all", Context: IRQsOff},
		Root{Kind: Field, Name: "x86_pmu", Field: "disable_all", Context: IRQsOff},

		// CPU hotplug's static states (kernel/cpu.c cpuhp_hp_states[]),
		// by index: the STARTING and DYING states run on the CPU coming
		// up or going down with interrupts disabled; the other AP states
		// in that CPU's hotplug thread; the BP states on the control CPU,
		// preemptible (takedown_cpu()).
		Root{Kind: Field, Name: "cpuhp_step", Field: "startup.single", At: "CPUHP_AP_*_STARTING", Context: IRQsOff},
		Root{Kind: Field, Name: "cpuhp_step", Field: "startup.single", At: "CPUHP_AP_*_DYING", Context: IRQsOff},
		Root{Kind: Field, Name: "cpuhp_step", Field: "startup.single", At: "CPUHP_AP_*", Context: ProcessPinned},
		Root{Kind: Field, Name: "cpuhp_step", Field: "startup.single", At: "CPUHP_*", Context: Process},
		Root{Kind: Field, Name: "cpuhp_step", Field: "teardown.single", At: "CPUHP_AP_*_STARTING", Context: IRQsOff},
		Root{Kind: Field, Name: "cpuhp_step", Field: "teardown.single", At: "CPUHP_AP_*_DYING", Context: IRQsOff},
		Root{Kind: Field, Name: "cpuhp_step", Field: "teardown.single", At: "CPUHP_AP_*", Context: ProcessPinned},
		Root{Kind: Field, Name: "cpuhp_step", Field: "teardown.single", At: "CPUHP_*", Context: Process},

		// seq_file: .start and .stop are called in process context, as a
		// pair by the same task (a lock .start takes, .stop releases).
		Root{Kind: Field, Name: "seq_operations", Field: "start", Context: Process, ReleasedBy: "stop"},
		Root{Kind: Field, Name: "seq_operations", Field: "next", Context: Process, ReleasedBy: "stop"},
		Root{Kind: Field, Name: "seq_operations", Field: "stop", Context: Process},
		Root{Kind: Field, Name: "seq_operations", Field: "show", Context: Process},

		// System suspend: suspend_devices_and_enter() calls the
		// platform's .begin in process context and its .end after it,
		// whatever .begin returned (kernel/power/suspend.c: "if (error)
		// goto Close;" then platform_resume_end()): a lock .begin takes
		// is .end's to release (drivers/acpi/sleep.c
		// acpi_suspend_begin_old() keeps acpi_scan_lock, acpi_pm_end()
		// releases it).
		Root{Kind: Field, Name: "platform_suspend_ops", Field: "begin", Context: Process, ReleasedBy: "end"},
		Root{Kind: Field, Name: "platform_suspend_ops", Field: "end", Context: Process},

		// Generic netlink: genl_family_rcv_msg_doit() calls the
		// family's (or the split op's) .pre_doit in process context,
		// and .doit and .post_doit only where it returned 0: a lock
		// .pre_doit returns 0 holding is .post_doit's to release
		// (net/wireless/nl80211.c nl80211_pre_doit() and
		// nl80211_post_doit(), rtnl_mutex).
		Root{Kind: Field, Name: "genl_family", Field: "pre_doit", Context: Process, ReleasedBy: "post_doit", ReleasedOnZero: true},
		Root{Kind: Field, Name: "genl_family", Field: "post_doit", Context: Process},
		Root{Kind: Field, Name: "genl_split_ops", Field: "pre_doit", Context: Process, ReleasedBy: "post_doit", ReleasedOnZero: true},
		Root{Kind: Field, Name: "genl_split_ops", Field: "post_doit", Context: Process},

		// File, proc, sysfs and socket-option operations: the VFS and the
		// socket layer call them from a system call, in process context.
		Root{Kind: Field, Name: "file_operations", Field: "read", Context: Process},
		Root{Kind: Field, Name: "file_operations", Field: "write", Context: Process},
		Root{Kind: Field, Name: "file_operations", Field: "read_iter", Context: Process},
		Root{Kind: Field, Name: "file_operations", Field: "write_iter", Context: Process},
		Root{Kind: Field, Name: "file_operations", Field: "unlocked_ioctl", Context: Process},
		Root{Kind: Field, Name: "file_operations", Field: "compat_ioctl", Context: Process},
		Root{Kind: Field, Name: "file_operations", Field: "open", Context: Process},
		Root{Kind: Field, Name: "file_operations", Field: "release", Context: Process},
		Root{Kind: Field, Name: "file_operations", Field: "llseek", Context: Process},
		Root{Kind: Field, Name: "file_operations", Field: "mmap", Context: Process},
		Root{Kind: Field, Name: "proc_ops", Field: "proc_read", Context: Process},
		Root{Kind: Field, Name: "proc_ops", Field: "proc_write", Context: Process},
		Root{Kind: Field, Name: "proc_ops", Field: "proc_open", Context: Process},
		Root{Kind: Field, Name: "proc_ops", Field: "proc_release", Context: Process},
		Root{Kind: Field, Name: "proc_ops", Field: "proc_ioctl", Context: Process},
		Root{Kind: Field, Name: "device_attribute", Field: "show", Context: Process},
		Root{Kind: Field, Name: "device_attribute", Field: "store", Context: Process},
		Root{Kind: Field, Name: "kobj_attribute", Field: "show", Context: Process},
		Root{Kind: Field, Name: "kobj_attribute", Field: "store", Context: Process},
		Root{Kind: Field, Name: "proto", Field: "setsockopt", Context: Process},
		Root{Kind: Field, Name: "proto", Field: "getsockopt", Context: Process},
		Root{Kind: Field, Name: "proto_ops", Field: "setsockopt", Context: Process},
		Root{Kind: Field, Name: "proto_ops", Field: "getsockopt", Context: Process},
		Root{Kind: Field, Name: "proto_ops", Field: "ioctl", Context: Process},
		Root{Kind: Field, Name: "net_device_ops", Field: "ndo_open", Context: Process},
		Root{Kind: Field, Name: "net_device_ops", Field: "ndo_stop", Context: Process},
		Root{Kind: Field, Name: "net_device_ops", Field: "ndo_eth_ioctl", Context: Process},
		Root{Kind: Field, Name: "sysrq_key_op", Field: "handler", Context: Atomic},

		// Functions defined by macros: system calls and initcalls run in
		// process context; exception and interrupt entry with interrupts
		// off (machine check and NMI handlers in NMI context).
		Root{Kind: DefinedBy, Name: "SYSCALL_DEFINE", Prefix: true, Context: Process},
		Root{Kind: DefinedBy, Name: "COMPAT_SYSCALL_DEFINE", Prefix: true, Context: Process},
		Root{Kind: Arg, Name: "module_init", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "module_exit", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "late_initcall", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "device_initcall", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "subsys_initcall", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "fs_initcall", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "arch_initcall", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "core_initcall", Arg: 1, Context: Process},
		Root{Kind: Arg, Name: "postcore_initcall", Arg: 1, Context: Process},
		Root{Kind: DefinedBy, Name: "DEFINE_IDTENTRY", Prefix: true, Context: IRQsOff},
		Root{Kind: DefinedBy, Name: "DEFINE_IDTENTRY_IRQ", Context: HardIRQ},
		Root{Kind: DefinedBy, Name: "DEFINE_IDTENTRY_SYSVEC", Prefix: true, Context: HardIRQ},
		Root{Kind: DefinedBy, Name: "DEFINE_IDTENTRY_NMI", Context: NMI},
		Root{Kind: DefinedBy, Name: "DEFINE_IDTENTRY_MCE", Prefix: true, Context: NMI},
		Root{Kind: DefinedBy, Name: "DEFINE_IDTENTRY_DEBUG", Prefix: true, Context: NMI},
		// The #DB entry from user mode runs on the task's stack with
		// interrupts disabled, not as an NMI (arch/x86/kernel/traps.c,
		// exc_debug_user(): irqentry_enter_from_user_mode(), then
		// local_irq_enable()).
		Root{Kind: DefinedBy, Name: "DEFINE_IDTENTRY_DEBUG_USER", Context: IRQsOff},

		// Entry points: start_kernel() and the boot CPU's way into it
		// from its head code are early boot (preemption disabled, as
		// init_task's preempt count is INIT_PREEMPT_COUNT, until the
		// scheduler starts; interrupts off; sleeps not checked); a
		// secondary CPU comes up with preemption and interrupts off, in
		// its idle task.
		Root{Kind: Function, Name: "start_kernel", Context: Boot},
		Root{Kind: Function, Name: "x86_64_start_kernel", Context: Boot},
		Root{Kind: Function, Name: "start_secondary", Context: PreemptIRQsOff},
		// The init task: rest_init() pins it to the boot CPU before it
		// runs (set_cpus_allowed_ptr(tsk, cpumask_of(smp_processor_id()))),
		// until sched_init_smp() (an Effect that ends the pinning): the
		// pre-SMP setup it runs (smp_prepare_cpus(), early initcalls)
		// stays on the boot CPU.
		Root{Kind: Function, Name: "kernel_init", Context: ProcessPinned},

		// Symbols exported to modules: called from code outside the
		// program, in a context it cannot see.
		Root{Kind: Arg, Name: "EXPORT_SYMBOL", Arg: 1, Context: Exported},
		Root{Kind: Arg, Name: "EXPORT_SYMBOL_GPL", Arg: 1, Context: Exported},
		Root{Kind: Arg, Name: "EXPORT_SYMBOL_NS", Arg: 1, Context: Exported},
		Root{Kind: Arg, Name: "EXPORT_SYMBOL_NS_GPL", Arg: 1, Context: Exported},
		Root{Kind: Arg, Name: "EXPORT_SYMBOL_FOR_MODULES", Arg: 1, Context: Exported},
		Root{Kind: Arg, Name: "EXPORT_SYMBOL_GPL_FOR_MODULES", Arg: 1, Context: Exported},
	)
}
