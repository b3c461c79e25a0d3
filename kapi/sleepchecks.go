package kapi

// The kernel checks sleeping in atomic context itself (might_sleep() and
// the sleeping primitives call __might_resched()), except where the
// system is past caring: __might_resched() returns early while
// system_state is SYSTEM_BOOTING or past SYSTEM_RUNNING (halting,
// powering off, restarting, suspending to disk or resuming) and while
// oops_in_progress is set (an oops, a panic). Code that gets there
// first is written for it: hibernation's resume_target_kernel() sets
// SYSTEM_SUSPEND and runs on one CPU with interrupts off; kernel_power_off()
// sets SYSTEM_POWER_OFF before the platform's power-off, which takes the
// firmware's locks with interrupts off; vpanic() raises oops_in_progress
// (bust_spinlocks(1)) before unblanking the console. The rules about
// sleeping leave what runs after such a store alone, as the kernel does.

// sleepCheckVars are the globals that decide the checks, with the
// values that leave them on: any other value stored turns them off (a
// variable's: kernel_shutdown_prepare(state) is given shutdown states
// only).
var sleepCheckVars = map[string][]string{
	// include/linux/kernel.h: enum system_states.
	"system_state": {"SYSTEM_SCHEDULING", "SYSTEM_FREEING_INITMEM", "SYSTEM_RUNNING"},
	// include/linux/printk.h: an oops in progress while nonzero.
	"oops_in_progress": {"0"},
}

// sleepCheckCalls are calls that set such a global: the argument
// (1-based) whose zero turns the checks on again and whose other values
// turn them off. lib/bust_spinlocks.c: bust_spinlocks(1) raises
// oops_in_progress, bust_spinlocks(0) lowers it.
var sleepCheckCalls = map[string]int{"bust_spinlocks": 1}

// DecidesSleepChecks reports whether stores into a global decide the
// kernel's own sleep checks: the analysis follows them.
func DecidesSleepChecks(variable string) bool {
	_, ok := sleepCheckVars[variable]
	return ok
}

// SleepChecksAfterStore says what storing a value (its spelling: a
// constant's name or a number; "" for one not known, an increment)
// into a variable does to the kernel's own sleep checks: off when they
// no longer run; ok is false for a variable that does not decide them,
// or a store whose value is not known.
func SleepChecksAfterStore(variable, value string) (off, ok bool) {
	on, decides := sleepCheckVars[variable]
	if !decides || value == "" {
		return false, false
	}
	for _, v := range on {
		if v == value {
			return false, true
		}
	}
	return true, true
}

// SleepChecksAfterCall is SleepChecksAfterStore for a call that sets
// such a variable (bust_spinlocks()).
func SleepChecksAfterCall(name string, args []string) (off, ok bool) {
	n := sleepCheckCalls[name]
	if n == 0 || n > len(args) {
		return false, false
	}
	return args[n-1] != "0", true
}
