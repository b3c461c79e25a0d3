package kapi

import (
	"fmt"
	"strings"
	"testing"
)

// Every root, as a reviewer would state it: what the kernel documents of
// the context a framework runs the function in. A root without a line
// here, or a line without its root, fails.
var rootCases = map[string]Context{
	"arg request_irq 2": HardIRQ, "arg request_threaded_irq 2": HardIRQ, "arg request_threaded_irq 3": Process,
	"arg request_any_context_irq 2": HardIRQ, "arg request_percpu_irq 2": HardIRQ, "arg request_nmi 2": NMI,
	"arg devm_request_irq 3": HardIRQ, "arg devm_request_threaded_irq 3": HardIRQ, "arg devm_request_threaded_irq 4": Process,
	"arg devm_request_any_context_irq 3":  HardIRQ,
	"arg irq_set_chip_and_handler_name 3": HardIRQ, "arg irq_set_chip_and_handler 3": HardIRQ,
	"arg __irq_set_handler 2": HardIRQ, "arg irq_set_handler 2": HardIRQ, "arg irq_set_chained_handler 2": HardIRQ,
	"arg irq_set_chained_handler_and_data 2": HardIRQ, "arg irq_set_handler_locked 2": HardIRQ,
	"arg irq_set_chip_handler_name_locked 3": HardIRQ, "arg irq_domain_set_info 6": HardIRQ,
	"field irq_chip.irq_startup": PreemptIRQsOff, "field irq_chip.irq_shutdown": PreemptIRQsOff, "field irq_chip.irq_enable": PreemptIRQsOff,
	"field irq_chip.irq_disable": PreemptIRQsOff, "field irq_chip.irq_ack": PreemptIRQsOff, "field irq_chip.irq_mask": PreemptIRQsOff,
	"field irq_chip.irq_mask_ack": PreemptIRQsOff, "field irq_chip.irq_unmask": PreemptIRQsOff, "field irq_chip.irq_eoi": PreemptIRQsOff,
	"field irq_chip.irq_set_affinity": PreemptIRQsOff, "field irq_chip.irq_retrigger": PreemptIRQsOff,
	"field irq_chip.irq_set_type": PreemptIRQsOff,
	"arg timer_setup 2":           Softirq, "arg timer_setup_on_stack 2": Softirq, "field timer_list.function": Softirq,
	"field hrtimer.function": Atomic, "arg hrtimer_setup 2": Atomic,
	"arg tasklet_setup 2": Softirq, "arg tasklet_init 2": Softirq, "field tasklet_struct.func": Softirq,
	"field tasklet_struct.callback": Softirq, "arg open_softirq 2": Softirq, "arg call_rcu 2": Softirq,
	"arg call_rcu_hurry 2": Softirq, "arg netif_napi_add 3": Softirq, "arg netif_napi_add_weight 3": Softirq,
	"arg netif_napi_add_tx 3": Softirq, "arg netif_napi_add_tx_weight 3": Softirq, "field napi_struct.poll": Softirq,
	"field net_device_ops.ndo_start_xmit": BHOff,
	"field packet_type.func":              BHOff, "field packet_type.list_func": BHOff,
	"field net_protocol.handler": BHOff, "field net_protocol.err_handler": BHOff,
	"field inet6_protocol.handler": BHOff, "field inet6_protocol.err_handler": BHOff,
	"arg init_irq_work 2": HardIRQ, "field irq_work.func": HardIRQ,
	"field work_struct.func": Process, "arg kthread_run 1": Process, "arg kthread_create 1": Process,
	"arg kthread_create_on_node 1": Process, "arg kthread_create_on_cpu 1": ProcessPinned,
	"arg kthread_run_on_cpu 1": ProcessPinned, "field kthread_work.func": Process, "arg schedule_on_each_cpu 1": ProcessPinned,
	"arg smp_call_function 1": IRQsOff, "arg smp_call_function_single 2": IRQsOff, "arg smp_call_function_many 2": IRQsOff,
	"arg smp_call_function_any 2": IRQsOff, "arg on_each_cpu 1": IRQsOff, "arg on_each_cpu_mask 2": IRQsOff,
	"arg on_each_cpu_cond 2": IRQsOff, "arg on_each_cpu_cond_mask 2": IRQsOff, "field __call_single_data.func": IRQsOff,
	"arg stop_machine 1": IRQsOff, "arg stop_machine_cpuslocked 1": IRQsOff,
	"arg stop_one_cpu 2": PreemptOff, "arg stop_one_cpu_nowait 2": PreemptOff,
	"arg cpuhp_setup_state 3 at CPUHP_AP_X_STARTING": IRQsOff, "arg cpuhp_setup_state 4 at CPUHP_AP_X_STARTING": IRQsOff,
	"arg cpuhp_setup_state_nocalls 3 at CPUHP_AP_X_STARTING": IRQsOff, "arg cpuhp_setup_state_nocalls 4 at CPUHP_AP_X_STARTING": IRQsOff,
	"arg cpuhp_setup_state_multi 3 at CPUHP_AP_X_STARTING": IRQsOff, "arg cpuhp_setup_state_multi 4 at CPUHP_AP_X_STARTING": IRQsOff,
	"arg cpuhp_setup_state 3 at CPUHP_AP_X": ProcessPinned, "arg cpuhp_setup_state 4 at CPUHP_AP_X": ProcessPinned,
	"arg cpuhp_setup_state_nocalls 3 at CPUHP_AP_X": ProcessPinned, "arg cpuhp_setup_state_nocalls 4 at CPUHP_AP_X": ProcessPinned,
	"arg cpuhp_setup_state_multi 3 at CPUHP_AP_X": ProcessPinned, "arg cpuhp_setup_state_multi 4 at CPUHP_AP_X": ProcessPinned,
	"arg cpuhp_setup_state 3 at CPUHP_X": Process, "arg cpuhp_setup_state 4 at CPUHP_X": Process,
	"arg cpuhp_setup_state_nocalls 3 at CPUHP_X": Process, "arg cpuhp_setup_state_nocalls 4 at CPUHP_X": Process,
	"arg cpuhp_setup_state_multi 3 at CPUHP_X": Process, "arg cpuhp_setup_state_multi 4 at CPUHP_X": Process,
	"arg cpuhp_setup_state 3": ProcessPinned, "arg cpuhp_setup_state 4": ProcessPinned,
	"arg cpuhp_setup_state_nocalls 3": ProcessPinned, "arg cpuhp_setup_state_nocalls 4": ProcessPinned,
	"arg cpuhp_setup_state_multi 3": ProcessPinned, "arg cpuhp_setup_state_multi 4": ProcessPinned,
	"argfield atomic_notifier_chain_register 2.notifier_call":   Atomic,
	"argfield raw_notifier_chain_register 2.notifier_call":      Atomic,
	"argfield blocking_notifier_chain_register 2.notifier_call": Process,
	"field syscore_ops.suspend":                                 IRQsOff, "field syscore_ops.resume": IRQsOff, "field syscore_ops.shutdown": IRQsOff,
	"field trace_event_class.probe": PreemptOff, "field trace_event_class.perf_probe": PreemptOff,
	"field pmu.add": IRQsOff, "field pmu.del": IRQsOff, "field pmu.start": IRQsOff, "field pmu.stop": IRQsOff,
	"field pmu.read": IRQsOff, "field x86_pmu.enable_all": IRQsOff, "field x86_pmu.disable_all": IRQsOff,
	"field seq_operations.start": Process, "field seq_operations.next": Process, "field seq_operations.stop": Process,
	"field seq_operations.show":        Process,
	"field platform_suspend_ops.begin": Process, "field platform_suspend_ops.end": Process,
	"field genl_family.pre_doit": Process, "field genl_family.post_doit": Process,
	"field genl_split_ops.pre_doit": Process, "field genl_split_ops.post_doit": Process,
	"macro SYSCALL_DEFINE3": Process, "macro COMPAT_SYSCALL_DEFINE2": Process,
	"arg module_init 1": Process, "arg module_exit 1": Process, "arg late_initcall 1": Process,
	"arg device_initcall 1": Process, "arg subsys_initcall 1": Process, "arg fs_initcall 1": Process,
	"arg arch_initcall 1": Process, "arg core_initcall 1": Process, "arg postcore_initcall 1": Process,
	"macro DEFINE_IDTENTRY": IRQsOff, "macro DEFINE_IDTENTRY_RAW_ERRORCODE": IRQsOff, "macro DEFINE_IDTENTRY_IRQ": HardIRQ,
	"macro DEFINE_IDTENTRY_SYSVEC_SIMPLE": HardIRQ, "macro DEFINE_IDTENTRY_NMI": NMI, "macro DEFINE_IDTENTRY_MCE_USER": NMI,
	"macro DEFINE_IDTENTRY_DEBUG": NMI, "macro DEFINE_IDTENTRY_DEBUG_USER": IRQsOff,
	"function start_kernel": Boot, "function start_secondary": PreemptIRQsOff,
	"function x86_64_start_kernel": Boot, "function kernel_init": ProcessPinned,
	"arg EXPORT_SYMBOL 1": Exported, "arg EXPORT_SYMBOL_GPL 1": Exported, "arg EXPORT_SYMBOL_NS 1": Exported,
	"arg EXPORT_SYMBOL_NS_GPL 1": Exported, "arg EXPORT_SYMBOL_FOR_MODULES 1": Exported,
	"arg EXPORT_SYMBOL_GPL_FOR_MODULES 1": Exported,
	"field file_operations.read":          Process, "field file_operations.write": Process, "field file_operations.read_iter": Process,
	"field file_operations.write_iter": Process, "field file_operations.unlocked_ioctl": Process,
	"field file_operations.compat_ioctl": Process, "field file_operations.open": Process,
	"field file_operations.release": Process, "field file_operations.llseek": Process, "field file_operations.mmap": Process,
	"field proc_ops.proc_read": Process, "field proc_ops.proc_write": Process, "field proc_ops.proc_open": Process,
	"field proc_ops.proc_release": Process, "field proc_ops.proc_ioctl": Process,
	"field device_attribute.show": Process, "field device_attribute.store": Process,
	"field kobj_attribute.show": Process, "field kobj_attribute.store": Process,
	"field proto.setsockopt": Process, "field proto.getsockopt": Process,
	"field proto_ops.setsockopt": Process, "field proto_ops.getsockopt": Process, "field proto_ops.ioctl": Process,
	"field net_device_ops.ndo_open": Process, "field net_device_ops.ndo_stop": Process,
	"field net_device_ops.ndo_eth_ioctl": Process, "field sysrq_key_op.handler": Atomic,
	"field cpuhp_step.startup.single at CPUHP_AP_X_STARTING":  IRQsOff,
	"field cpuhp_step.startup.single at CPUHP_AP_X_DYING":     IRQsOff,
	"field cpuhp_step.startup.single at CPUHP_AP_X":           ProcessPinned,
	"field cpuhp_step.startup.single at CPUHP_X":              Process,
	"field cpuhp_step.teardown.single at CPUHP_AP_X_STARTING": IRQsOff,
	"field cpuhp_step.teardown.single at CPUHP_AP_X_DYING":    IRQsOff,
	"field cpuhp_step.teardown.single at CPUHP_AP_X":          ProcessPinned,
	"field cpuhp_step.teardown.single at CPUHP_X":             Process,
}

// lookupRoot asks the table the question a case states, through the
// query the analysis uses for that kind of root.
func lookupRoot(t *testing.T, r Root) (string, Context) {
	switch r.Kind {
	case Arg:
		if r.At != "" {
			args := make([]string, max(r.AtArg, r.Arg))
			args[r.AtArg-1] = strings.ReplaceAll(r.At, "*", "X")
			return fmt.Sprintf("arg %s %d at %s", r.Name, r.Arg, args[r.AtArg-1]), ArgRoots(r.Name, args)[r.Arg]
		}
		return fmt.Sprintf("arg %s %d", r.Name, r.Arg), ArgRoots(r.Name, nil)[r.Arg]
	case Field:
		if r.At != "" {
			// An index the pattern names: the first row it matches
			// must be this one.
			index := strings.ReplaceAll(r.At, "*", "X")
			c, _ := FieldRootAt(r.Name, r.Field, index)
			return fmt.Sprintf("field %s.%s at %s", r.Name, r.Field, index), c
		}
		c, _ := FieldRoot(r.Name, r.Field)
		return fmt.Sprintf("field %s.%s", r.Name, r.Field), c
	case ArgField:
		for _, af := range ArgFieldRoots(r.Name) {
			if af.Arg == r.Arg && af.Field == r.Field {
				return fmt.Sprintf("argfield %s %d.%s", r.Name, r.Arg, r.Field), af.Context
			}
		}
	case Function:
		c, _ := FunctionRoot(r.Name)
		return "function " + r.Name, c
	}
	t.Fatalf("root %+v has no query", r)
	return "", NoContext
}

func TestRoots(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Roots() {
		if r.Kind == DefinedBy {
			continue // by macro name, below
		}
		key, got := lookupRoot(t, r)
		want, ok := rootCases[key]
		if !ok {
			t.Errorf("root %q has no case", key)
			continue
		}
		seen[key] = true
		if got != want {
			t.Errorf("%s: %v, want %v", key, got, want)
		}
	}
	macros := 0
	for key, want := range rootCases {
		var macro string
		if _, err := fmt.Sscanf(key, "macro %s", &macro); err != nil {
			if !seen[key] {
				t.Errorf("case %q has no root", key)
			}
			continue
		}
		macros++
		if got, ok := DefinedByRoot(macro); !ok || got != want {
			t.Errorf("%s: %v (%v), want %v", key, got, ok, want)
		}
	}
	if macros == 0 {
		t.Error("no defining-macro case")
	}
	// Longest prefix wins: DEFINE_IDTENTRY_MCE_USER is an NMI handler,
	// not DEFINE_IDTENTRY's interrupts-off; an unrelated macro is no root.
	if _, ok := DefinedByRoot("DEFINE_SPINLOCK"); ok {
		t.Error("DEFINE_SPINLOCK defines no root")
	}
	if c, _ := DefinedByRoot("DEFINE_IDTENTRY_MCE_USER"); c != NMI {
		t.Errorf("DEFINE_IDTENTRY_MCE_USER: %v", c)
	}
	if !Process.MaySleep() || Softirq.MaySleep() || Process.StableCPU() || !ProcessPinned.StableCPU() || !Softirq.StableCPU() {
		t.Error("context properties")
	}
}

func TestRootsByIndex(t *testing.T) {
	for index, want := range map[string]Context{
		"CPUHP_AP_SCHED_STARTING": IRQsOff, "CPUHP_AP_TICK_DYING": IRQsOff,
		"CPUHP_AP_WORKQUEUE_ONLINE": ProcessPinned, "CPUHP_TEARDOWN_CPU": Process, "CPUHP_RCUTREE_PREP": Process,
	} {
		if got, ok := FieldRootAt("cpuhp_step", "teardown.single", index); !ok || got != want {
			t.Errorf("cpuhp_step.teardown.single at %s: %v (%v), want %v", index, got, ok, want)
		}
	}
	if _, ok := FieldRootAt("cpuhp_step", "teardown.single", ""); ok {
		t.Error("a store outside a designated element is no root of an indexed table")
	}
	if !DispatchedByIndex("cpuhp_step", "startup.single") || DispatchedByIndex("pmu", "add") {
		t.Error("DispatchedByIndex")
	}
}

// A wrapper the table names decides for what it is given, whatever its
// body passes it on to.
func TestIsArgRoot(t *testing.T) {
	if !IsArgRoot("kthread_create_on_cpu", 1) || IsArgRoot("kthread_create_on_cpu", 2) {
		t.Error("kthread_create_on_cpu's thread function is a root, its data is not")
	}
	if IsArgRoot("kthread_bind", 1) {
		t.Error("kthread_bind is no registration")
	}
}

// seq_file's .start and .next return holding what .stop releases, and
// a suspend platform's .begin what its .end releases, whatever they
// returned; a generic netlink .pre_doit what its .post_doit releases
// where it returned 0; no other field of those structs, nor a field of
// another struct, hands its locks over.
func TestLocksReleasedBy(t *testing.T) {
	for _, f := range []string{"start", "next"} {
		if got := LocksReleasedBy("seq_operations", f); got != "stop" {
			t.Errorf("seq_operations.%s: released by %q, want stop", f, got)
		}
	}
	if got := LocksReleasedBy("platform_suspend_ops", "begin"); got != "end" || LocksReleasedOnZero("platform_suspend_ops", "begin") {
		t.Errorf("platform_suspend_ops.begin: released by %q (on zero %v), want end whatever it returned", got, LocksReleasedOnZero("platform_suspend_ops", "begin"))
	}
	for _, tag := range []string{"genl_family", "genl_split_ops"} {
		if got := LocksReleasedBy(tag, "pre_doit"); got != "post_doit" || !LocksReleasedOnZero(tag, "pre_doit") {
			t.Errorf("%s.pre_doit: released by %q (on zero %v), want post_doit where it returned 0", tag, got, LocksReleasedOnZero(tag, "pre_doit"))
		}
	}
	if LocksReleasedOnZero("seq_operations", "start") {
		t.Error("seq_operations.start: released only on zero, want whatever it returned")
	}
	for _, k := range [][2]string{{"seq_operations", "show"}, {"seq_operations", "stop"}, {"platform_suspend_ops", "end"}, {"platform_hibernation_ops", "begin"}, {"genl_family", "doit"}, {"file_operations", "open"}, {"pmu", "start"}} {
		if got := LocksReleasedBy(k[0], k[1]); got != "" {
			t.Errorf("%s.%s: released by %q, want none", k[0], k[1], got)
		}
	}
}
