/* asm/current.h: current; stub for standalone checking, not the kernel's definitions. */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

#include <linux/compiler.h>

struct task_struct;

struct task_struct *get_current(void);

/* As arch/x86/include/asm/current.h writes it. */
#define current get_current()

#endif /* _ASM_X86_CURRENT_H */
