/* highmem.h: kmap, kmap_local and kmap_atomic; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/preempt.h>
#include <linux/uaccess.h>

struct page;
struct folio;

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_local_page(struct page *page);
void *kmap_local_folio(struct folio *folio, size_t offset);
void kunmap_local(const void *addr);
void *kmap_atomic(struct page *page);
void kunmap_atomic(const void *addr);
void clear_highpage(struct page *page);
void copy_highpage(struct page *to, struct page *from);
void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len);
void memcpy_to_page(struct page *page, size_t offset, const char *from, size_t len);

#endif /* _LINUX_HIGHMEM_H */
