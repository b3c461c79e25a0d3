/* asm/simd.h: may_use_simd; stub for standalone checking, not the kernel's definitions. */
#ifndef _ASM_SIMD_H
#define _ASM_SIMD_H

#include <linux/types.h>
#include <asm/fpu/api.h>

bool may_use_simd(void);

#endif /* _ASM_SIMD_H */
