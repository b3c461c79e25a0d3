/* vmalloc.h: vmalloc family; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/gfp.h>

struct page;

void *vmalloc(unsigned long size) __alloc_size(1);
void *vzalloc(unsigned long size) __alloc_size(1);
void *vmalloc_user(unsigned long size) __alloc_size(1);
void *vmalloc_node(unsigned long size, int node) __alloc_size(1);
void *vzalloc_node(unsigned long size, int node) __alloc_size(1);
void *vmalloc_32(unsigned long size) __alloc_size(1);
void *vmalloc_array(size_t n, size_t size);
void *vcalloc(size_t n, size_t size);
void *__vmalloc(unsigned long size, gfp_t gfp_mask) __alloc_size(1);
void vfree(const void *addr);
void vfree_atomic(const void *addr);
void *vmap(struct page **pages, unsigned int count, unsigned long flags, unsigned long prot);
void vunmap(const void *addr);
bool is_vmalloc_addr(const void *x);
struct page *vmalloc_to_page(const void *addr);

#endif /* _LINUX_VMALLOC_H */
