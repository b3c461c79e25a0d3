/* Callers with preemption disabled: only the calls that drain take the lock. */
#include <linux/preempt.h>

void demo_quiet(void);
void demo_quiet_as(void);
void demo_update(void);
void demo_update_as(void);

void demo_idle(void)
{
	preempt_disable();
	demo_quiet();
	demo_quiet_as();
	demo_update();		/* want "demo_update\\(\\) takes a lock that sleeps on PREEMPT_RT" */
	demo_update_as();	/* want "demo_update_as\\(\\) takes a lock that sleeps on PREEMPT_RT" */
	preempt_enable();
}
