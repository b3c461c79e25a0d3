/* preempt.h: preemption control and context queries; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

#include <linux/types.h>
#include <linux/compiler.h>

#define PREEMPT_BITS		8
#define SOFTIRQ_BITS		8
#define HARDIRQ_BITS		4
#define NMI_BITS		4
#define PREEMPT_SHIFT		0
#define SOFTIRQ_SHIFT		8
#define HARDIRQ_SHIFT		16
#define NMI_SHIFT		20
#define PREEMPT_MASK		0x000000ffUL
#define SOFTIRQ_MASK		0x0000ff00UL
#define HARDIRQ_MASK		0x000f0000UL
#define NMI_MASK		0x00f00000UL
#define PREEMPT_OFFSET		(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET		(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET		(1UL << HARDIRQ_SHIFT)
#define NMI_OFFSET		(1UL << NMI_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)
#define PREEMPT_DISABLE_OFFSET	PREEMPT_OFFSET
#define PREEMPT_NEED_RESCHED	0x80000000U

int preempt_count(void);
void preempt_count_add(int val);
void preempt_count_sub(int val);
void preempt_count_inc(void);
void preempt_count_dec(void);
int should_resched(int preempt_offset);

void preempt_disable(void);
void preempt_enable(void);
void preempt_enable_no_resched(void);
void sched_preempt_enable_no_resched(void);
void preempt_disable_notrace(void);
void preempt_enable_notrace(void);
void preempt_enable_no_resched_notrace(void);
void preempt_disable_nested(void);
void preempt_enable_nested(void);
void preempt_check_resched(void);
void preempt_schedule(void);

void migrate_disable(void);
void migrate_enable(void);

int in_nmi(void);
int in_hardirq(void);
int in_irq(void);
int in_serving_softirq(void);
int in_softirq(void);
int in_interrupt(void);
int in_task(void);
int in_atomic(void);
int in_atomic_preempt_off(void);
int preemptible(void);
int hardirq_count(void);
int softirq_count(void);
int irq_count(void);
int nmi_count(void);

#endif /* __LINUX_PREEMPT_H */
