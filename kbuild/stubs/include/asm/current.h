/* asm/current.h: current; stub for standalone checking, not the kernel's definitions. */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

#include <linux/compiler.h>

struct task_struct;

struct task_struct *get_current(void);
struct task_struct *__kp_get_current(void);

#define current (__kp_get_current())

#endif /* _ASM_X86_CURRENT_H */
