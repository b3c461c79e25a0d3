/* asm/barrier.h: memory barriers; stub for standalone checking, not the kernel's definitions. */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <linux/compiler_types.h>

void mb(void);
void rmb(void);
void wmb(void);
void smp_mb(void);
void smp_rmb(void);
void smp_wmb(void);
void dma_rmb(void);
void dma_wmb(void);
void smp_mb__before_atomic(void);
void smp_mb__after_atomic(void);
void smp_mb__after_spinlock(void);

void __kp_store_release(void *p, unsigned long v);
unsigned long __kp_load_acquire(const void *p);
void __kp_store_mb(void *p, unsigned long v);

#define smp_store_release(p, v)	(__kp_store_release((void *)(p), (unsigned long)(v)))
#define smp_load_acquire(p)	((__typeof__(*(p)))__kp_load_acquire((const void *)(p)))
#define smp_store_mb(var, value) (__kp_store_mb((void *)&(var), (unsigned long)(value)))

#endif /* _ASM_X86_BARRIER_H */
