/* slab.h: kmalloc family and slab caches; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>

struct kmem_cache;

#define SLAB_HWCACHE_ALIGN	((slab_flags_t)0x00002000u)
#define SLAB_CACHE_DMA		((slab_flags_t)0x00004000u)
#define SLAB_CACHE_DMA32	((slab_flags_t)0x00008000u)
#define SLAB_PANIC		((slab_flags_t)0x00040000u)
#define SLAB_TYPESAFE_BY_RCU	((slab_flags_t)0x00080000u)
#define SLAB_ACCOUNT		((slab_flags_t)0x00400000u)
#define SLAB_RECLAIM_ACCOUNT	((slab_flags_t)0x00020000u)
#define SLAB_MEM_SPREAD		((slab_flags_t)0u)
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
#define KMALLOC_MAX_SIZE	(1UL << 22)

void *kmalloc(size_t size, gfp_t flags) __malloc __alloc_size(1);
void *kzalloc(size_t size, gfp_t flags) __malloc __alloc_size(1);
void *kmalloc_array(size_t n, size_t size, gfp_t flags) __malloc __alloc_size(1, 2);
void *kcalloc(size_t n, size_t size, gfp_t flags) __malloc __alloc_size(1, 2);
void *krealloc(const void *p, size_t new_size, gfp_t flags) __alloc_size(2);
void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags);
void *kmalloc_node(size_t size, gfp_t flags, int node) __malloc __alloc_size(1);
void *kzalloc_node(size_t size, gfp_t flags, int node) __malloc __alloc_size(1);
void *kcalloc_node(size_t n, size_t size, gfp_t flags, int node) __malloc;
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);
size_t ksize(const void *objp);
void *kvmalloc(size_t size, gfp_t flags) __malloc __alloc_size(1);
void *kvzalloc(size_t size, gfp_t flags) __malloc __alloc_size(1);
void *kvmalloc_array(size_t n, size_t size, gfp_t flags) __malloc;
void *kvcalloc(size_t n, size_t size, gfp_t flags) __malloc;
void *kvrealloc(const void *p, size_t size, gfp_t flags);
void *kvmalloc_node(size_t size, gfp_t flags, int node) __malloc;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name, unsigned int size, unsigned int align,
					      slab_flags_t flags, unsigned int useroffset,
					      unsigned int usersize, void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *cachep, gfp_t flags) __malloc;
void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags) __malloc;
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);
int kmem_cache_shrink(struct kmem_cache *s);

#define KMEM_CACHE(__struct, __flags) \
	kmem_cache_create(#__struct, sizeof(struct __struct), __alignof__(struct __struct), (__flags), NULL)

#endif /* _LINUX_SLAB_H */
