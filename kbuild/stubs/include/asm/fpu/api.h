/* asm/fpu/api.h: kernel FPU/SIMD sections; stub for standalone checking, not the kernel's definitions. */
#ifndef _ASM_X86_FPU_API_H
#define _ASM_X86_FPU_API_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bottom_half.h>
#include <linux/preempt.h>

#define KFPU_387	0x1U
#define KFPU_MXCSR	0x2U

void kernel_fpu_begin_mask(unsigned int kfpu_mask);
void kernel_fpu_begin(void);
void kernel_fpu_end(void);
bool irq_fpu_usable(void);
bool kernel_fpu_available(void);
void fpregs_lock(void);
void fpregs_unlock(void);

#endif /* _ASM_X86_FPU_API_H */
