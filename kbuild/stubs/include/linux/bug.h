/* bug.h: BUG, BUG_ON, WARN*; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/printk.h>

void BUG(void) __noreturn;

int __kp_warn_on(int cond, const char *file, int line);
int __kp_warn(int cond, const char *fmt, ...) __printf(2, 3);

#define BUG_ON(condition)		do { if (condition) BUG(); } while (0)
#define WARN_ON(condition)		(__kp_warn_on(!!(condition), __FILE__, __LINE__))
#define WARN_ON_ONCE(condition)		(__kp_warn_on(!!(condition), __FILE__, __LINE__))
#define WARN(condition, fmt, ...)	(__kp_warn(!!(condition), fmt, ##__VA_ARGS__))
#define WARN_ONCE(condition, fmt, ...)	(__kp_warn(!!(condition), fmt, ##__VA_ARGS__))
#define WARN_TAINT(condition, taint, fmt, ...) (__kp_warn(!!(condition), fmt, ##__VA_ARGS__))
#define WARN_ON_SMP(condition)		WARN_ON(condition)

#endif /* _LINUX_BUG_H */
