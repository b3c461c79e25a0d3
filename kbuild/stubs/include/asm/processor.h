/* asm/processor.h: cpu_relax; stub for standalone checking, not the kernel's definitions. */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <linux/types.h>
#include <linux/compiler.h>

void cpu_relax(void);
void native_halt(void);
void prefetch(const void *x);
void prefetchw(const void *x);

#endif /* _ASM_X86_PROCESSOR_H */
