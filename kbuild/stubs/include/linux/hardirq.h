/* hardirq.h: hard interrupt entry/exit and synchronize_irq; stub for standalone checking, not the kernel's definitions. */
#ifndef LINUX_HARDIRQ_H
#define LINUX_HARDIRQ_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/lockdep.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>

void synchronize_irq(unsigned int irq);
bool synchronize_hardirq(unsigned int irq);
void irq_enter(void);
void irq_exit(void);
void irq_enter_rcu(void);
void irq_exit_rcu(void);
void nmi_enter(void);
void nmi_exit(void);

#endif /* LINUX_HARDIRQ_H */
