/* uaccess.h: user-space access (may fault, hence may sleep) and pagefault_disable; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/minmax.h>

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long __copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __copy_to_user_inatomic(void __user *to, const void *from, unsigned long n);
unsigned long __copy_from_user_inatomic(void *to, const void __user *from, unsigned long n);
long copy_from_user_nofault(void *dst, const void __user *src, size_t size);
long copy_to_user_nofault(void __user *dst, const void *src, size_t size);
unsigned long clear_user(void __user *to, unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *str, long n);
int access_ok(const void __user *addr, unsigned long size);

/* get_user(x, ptr) assigns *ptr to x and returns 0 or -EFAULT. */
int __kp_get_user(void *x, const void __user *ptr, size_t size);
int __kp_put_user(unsigned long x, void __user *ptr, size_t size);

#define get_user(x, ptr)	(__kp_get_user((void *)&(x), (ptr), sizeof(*(ptr))))
#define put_user(x, ptr)	(__kp_put_user((unsigned long)(x), (ptr), sizeof(*(ptr))))
#define __get_user(x, ptr)	(__kp_get_user((void *)&(x), (ptr), sizeof(*(ptr))))
#define __put_user(x, ptr)	(__kp_put_user((unsigned long)(x), (ptr), sizeof(*(ptr))))

void pagefault_disable(void);
void pagefault_enable(void);
bool pagefault_disabled(void);
bool faulthandler_disabled(void);

#endif /* __LINUX_UACCESS_H__ */
