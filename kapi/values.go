package kapi

// Values the analysis knows the kind of. A task's pid, as the caller's
// pid namespace sees it, is positive for every task the caller found as
// its child or tracee: kernel/exit.c's wait_task_zombie(),
// wait_task_stopped() and wait_task_continued() return it to say they
// released tasklist_lock ("Returns nonzero for a final return, when we
// have unlocked tasklist_lock"), and 0 to say they still hold it.
// A process group or session id may be 0 (kernel threads'), and so may
// the global pid of an idle task: those have no row.
func init() {
	for _, name := range []string{
		// include/linux/pid.h
		"task_pid_vnr", "task_tgid_vnr",
	} {
		add(Effect{Name: name, Positive: true})
	}
}
