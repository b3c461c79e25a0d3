/* gfp.h: gfp_t flags and page allocation; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/gfp_types.h>

struct page;

bool gfpflags_allow_blocking(const gfp_t gfp_flags);
struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);
struct page *alloc_page(gfp_t gfp_mask);
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
unsigned long __get_free_page(gfp_t gfp_mask);
unsigned long get_zeroed_page(gfp_t gfp_mask);
void *alloc_pages_exact(size_t size, gfp_t gfp_mask);
void free_pages_exact(void *virt, size_t size);
void __free_pages(struct page *page, unsigned int order);
void __free_page(struct page *page);
void free_pages(unsigned long addr, unsigned int order);
void free_page(unsigned long addr);
void *page_address(const struct page *page);

#endif /* __LINUX_GFP_H */
