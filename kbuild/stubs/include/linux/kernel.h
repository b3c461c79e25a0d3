/* kernel.h: might_sleep, ARRAY_SIZE, panic and general helpers; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stddef.h>
#include <linux/limits.h>
#include <linux/bits.h>
#include <linux/stringify.h>
#include <linux/build_bug.h>
#include <linux/container_of.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/minmax.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/sprintf.h>
#include <linux/bitops.h>
#include <linux/stdarg.h>

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))

#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define DIV_ROUND_CLOSEST(x, d)	(((x) + ((d) / 2)) / (d))
#define ALIGN(x, a)		(((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define PTR_ALIGN(p, a)		((__typeof__(p))ALIGN((unsigned long)(p), (a)))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define round_up(x, y)		((((x) - 1) | ((__typeof__(x))((y) - 1))) + 1)
#define round_down(x, y)	((x) & ~((__typeof__(x))((y) - 1)))
#define roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y)		((x) - ((x) % (y)))
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))
#define abs(x)			({ __typeof__(x) __kp_abs_x = (x); __kp_abs_x < 0 ? -__kp_abs_x : __kp_abs_x; })

void might_sleep(void);
void might_resched(void);
void might_fault(void);
void cant_sleep(void);
void cant_migrate(void);
void non_block_start(void);
void non_block_end(void);
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)

extern enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,
	SYSTEM_FREEING_INITMEM,
	SYSTEM_RUNNING,
	SYSTEM_HALT,
	SYSTEM_POWER_OFF,
	SYSTEM_RESTART,
	SYSTEM_SUSPEND,
} system_state;

extern int oops_in_progress;
void bust_spinlocks(int yes);

void panic(const char *fmt, ...) __noreturn __printf(1, 2);
int trace_printk(const char *fmt, ...) __printf(1, 2);

int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtoll(const char *s, unsigned int base, long long *res);
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int kstrtou8(const char *s, unsigned int base, u8 *res);
int kstrtou16(const char *s, unsigned int base, u16 *res);
int kstrtou32(const char *s, unsigned int base, u32 *res);
int kstrtos32(const char *s, unsigned int base, s32 *res);
int kstrtou64(const char *s, unsigned int base, u64 *res);
int kstrtobool(const char *s, bool *res);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);

#endif /* _LINUX_KERNEL_H */
