/*
 * interproc: a weak definition stands only where the program has no
 * other of the same name, as the linker decides. init/main.c's empty
 * __weak trap_init() is replaced by the architecture's: start_kernel()
 * calls that one, with preemption disabled, so its per-CPU accesses are
 * not flagged (before, the call went to the weak stub and the
 * architecture's trap_init() looked uncalled, so entered preemptible).
 */
#include <linux/compiler.h>
#include <linux/init.h>

void __weak arch_trap_init_demo(void)
{
}

void __attribute__((weak)) arch_mm_init_demo(void)
{
}

void start_kernel(void)
{
	arch_trap_init_demo();
	arch_mm_init_demo();
}
