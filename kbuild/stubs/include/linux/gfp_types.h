/* gfp_types.h: gfp_t flag values (Linux 6.x bit layout); stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_GFP_TYPES_H
#define __LINUX_GFP_TYPES_H

#include <linux/types.h>

#define __GFP_DMA		((gfp_t)0x01u)
#define __GFP_HIGHMEM		((gfp_t)0x02u)
#define __GFP_DMA32		((gfp_t)0x04u)
#define __GFP_MOVABLE		((gfp_t)0x08u)
#define __GFP_RECLAIMABLE	((gfp_t)0x10u)
#define __GFP_HIGH		((gfp_t)0x20u)
#define __GFP_IO		((gfp_t)0x40u)
#define __GFP_FS		((gfp_t)0x80u)
#define __GFP_ZERO		((gfp_t)0x100u)
#define __GFP_DIRECT_RECLAIM	((gfp_t)0x400u)
#define __GFP_KSWAPD_RECLAIM	((gfp_t)0x800u)
#define __GFP_RECLAIM		((gfp_t)0xc00u)
#define __GFP_WRITE		((gfp_t)0x1000u)
#define __GFP_NOWARN		((gfp_t)0x2000u)
#define __GFP_RETRY_MAYFAIL	((gfp_t)0x4000u)
#define __GFP_NOFAIL		((gfp_t)0x8000u)
#define __GFP_NORETRY		((gfp_t)0x10000u)
#define __GFP_MEMALLOC		((gfp_t)0x20000u)
#define __GFP_COMP		((gfp_t)0x40000u)
#define __GFP_NOMEMALLOC	((gfp_t)0x80000u)
#define __GFP_HARDWALL		((gfp_t)0x100000u)
#define __GFP_THISNODE		((gfp_t)0x200000u)
#define __GFP_ACCOUNT		((gfp_t)0x400000u)
#define __GFP_NOLOCKDEP		((gfp_t)0x800000u)

#define GFP_ATOMIC		((gfp_t)0x820u)		/* __GFP_HIGH | __GFP_KSWAPD_RECLAIM */
#define GFP_KERNEL		((gfp_t)0xcc0u)		/* __GFP_RECLAIM | __GFP_IO | __GFP_FS */
#define GFP_KERNEL_ACCOUNT	((gfp_t)0x400cc0u)	/* GFP_KERNEL | __GFP_ACCOUNT */
#define GFP_NOWAIT		((gfp_t)0x800u)		/* __GFP_KSWAPD_RECLAIM */
#define GFP_NOIO		((gfp_t)0xc00u)		/* __GFP_RECLAIM */
#define GFP_NOFS		((gfp_t)0xc40u)		/* __GFP_RECLAIM | __GFP_IO */
#define GFP_USER		((gfp_t)0x100cc0u)	/* GFP_KERNEL | __GFP_HARDWALL */
#define GFP_DMA			((gfp_t)0x01u)		/* __GFP_DMA */
#define GFP_DMA32		((gfp_t)0x04u)		/* __GFP_DMA32 */
#define GFP_HIGHUSER		((gfp_t)0x100cc2u)	/* GFP_USER | __GFP_HIGHMEM */
#define GFP_HIGHUSER_MOVABLE	((gfp_t)0x100ccau)	/* GFP_HIGHUSER | __GFP_MOVABLE */

#endif /* __LINUX_GFP_TYPES_H */
