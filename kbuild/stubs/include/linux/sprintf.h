/* sprintf.h: sprintf family; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_KERNEL_SPRINTF_H_
#define _LINUX_KERNEL_SPRINTF_H_

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stdarg.h>

int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsprintf(char *buf, const char *fmt, va_list args) __printf(2, 0);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args) __printf(3, 0);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args) __printf(3, 0);
int sscanf(const char *buf, const char *fmt, ...) __scanf(2, 3);
char *kasprintf(gfp_t gfp, const char *fmt, ...) __printf(2, 3);
char *kvasprintf(gfp_t gfp, const char *fmt, va_list args) __printf(2, 0);
int sysfs_emit(char *buf, const char *fmt, ...) __printf(2, 3);

#endif /* _LINUX_KERNEL_SPRINTF_H_ */
