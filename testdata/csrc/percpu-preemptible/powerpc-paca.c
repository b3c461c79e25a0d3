/*
 * powerpc's per-CPU area: get_paca() is this CPU's, checked like
 * smp_processor_id() under CONFIG_DEBUG_PREEMPT
 * (arch/powerpc/include/asm/paca.h).
 */
#include <linux/preempt.h>

struct paca_struct { int irq_happened; unsigned long saved_msr; };
struct paca_struct *__kp_local_paca(void);
#define get_paca() (__kp_local_paca())

int irq_happened_racy(void)
{
	return get_paca()->irq_happened;	/* want "get_paca\\(\\) used in preemptible code" */
}

int irq_happened(void)
{
	int v;

	preempt_disable();
	v = get_paca()->irq_happened;
	preempt_enable();
	return v;
}
