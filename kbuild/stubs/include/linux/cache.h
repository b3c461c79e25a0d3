/* cache.h: cache line sizes and alignment attributes; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_CACHE_H
#define __LINUX_CACHE_H

#include <linux/compiler_types.h>

#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES
#define L1_CACHE_ALIGN(x)	(((x) + (L1_CACHE_BYTES - 1)) & ~(L1_CACHE_BYTES - 1))
#define SMP_ALIGN(x)		L1_CACHE_ALIGN(x)

#endif /* __LINUX_CACHE_H */
