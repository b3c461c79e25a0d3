/* A driver's transmit path that leaves preemption disabled on its error path. */
#include <linux/preempt.h>

int toy_nic_xmit(int len)
{
	preempt_disable();
	if (len > 1500)
		return -1;	/* want "preempt depth at return is 1, but 0" */
	preempt_enable();
	return 0;
}
