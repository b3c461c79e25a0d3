/*
 * A function that disables preemption and never returns, in the shape
 * of kernel/exit.c's do_exit() and the idle loops: it has no exit to
 * compare, so there is no imbalance to report (and no exit to read).
 */
#include <linux/preempt.h>
#include <linux/compiler.h>

extern void __noreturn make_dead_demo(void);

void __noreturn exit_demo(void)
{
	preempt_disable();
	make_dead_demo();
}

void __noreturn idle_demo(void)
{
	preempt_disable();
	for (;;)
		barrier();
}
