/* irqflags.h: local interrupt enable/disable/save/restore; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H

#include <linux/types.h>
#include <linux/compiler.h>

void local_irq_enable(void);
void local_irq_disable(void);
void local_irq_restore(unsigned long flags);
int irqs_disabled(void);
int irqs_disabled_flags(unsigned long flags);
void raw_local_irq_enable(void);
void raw_local_irq_disable(void);
void raw_local_irq_restore(unsigned long flags);
int raw_irqs_disabled(void);
int raw_irqs_disabled_flags(unsigned long flags);
void safe_halt(void);
void trace_hardirqs_on(void);
void trace_hardirqs_off(void);

unsigned long __kp_local_irq_save(void);
unsigned long __kp_local_save_flags(void);
unsigned long __kp_raw_local_irq_save(void);
unsigned long __kp_raw_local_save_flags(void);

#define local_irq_save(flags)		((flags) = __kp_local_irq_save())
#define local_save_flags(flags)		((flags) = __kp_local_save_flags())
#define raw_local_irq_save(flags)	((flags) = __kp_raw_local_irq_save())
#define raw_local_save_flags(flags)	((flags) = __kp_raw_local_save_flags())

#endif /* _LINUX_TRACE_IRQFLAGS_H */
