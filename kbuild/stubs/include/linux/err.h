/* err.h: ERR_PTR/PTR_ERR/IS_ERR; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_ERR_H
#define _LINUX_ERR_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

void *ERR_PTR(long error);
long PTR_ERR(const void *ptr);
bool IS_ERR(const void *ptr);
bool IS_ERR_OR_NULL(const void *ptr);
void *ERR_CAST(const void *ptr);
int PTR_ERR_OR_ZERO(const void *ptr);

#endif /* _LINUX_ERR_H */
