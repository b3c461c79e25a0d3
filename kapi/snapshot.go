package kapi

// snapshots are the structs that record a moment: the members a function
// reads of one it was handed do not change under it, so two tests of the
// same bits agree wherever they are made.
var snapshots = map[string]string{
	// arch/x86/include/asm/ptrace.h: the registers an exception or
	// interrupt entry saved. A handler tests user_mode(regs) (regs->cs
	// & 3) and regs->flags & X86_EFLAGS_IF as often as it needs; only a
	// return to another context (sigreturn, a fixup of ip) rewrites them.
	"pt_regs": "the registers an exception or interrupt entry saved",
}

// Snapshot reports whether struct tag records a moment: its members do
// not change under a function that tests them.
func Snapshot(tag string) bool {
	_, ok := snapshots[tag]
	return ok
}
