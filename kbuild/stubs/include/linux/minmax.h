/* minmax.h: min/max/clamp/swap; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

#include <linux/compiler.h>

/* Statement expressions: each argument is evaluated exactly once. */
#define min(x, y) \
	({ __typeof__(x) __kp_min_x = (x); __typeof__(y) __kp_min_y = (y); \
	   __kp_min_x < __kp_min_y ? __kp_min_x : __kp_min_y; })
#define max(x, y) \
	({ __typeof__(x) __kp_max_x = (x); __typeof__(y) __kp_max_y = (y); \
	   __kp_max_x > __kp_max_y ? __kp_max_x : __kp_max_y; })
#define min_t(type, x, y) \
	({ type __kp_min_x = (x); type __kp_min_y = (y); \
	   __kp_min_x < __kp_min_y ? __kp_min_x : __kp_min_y; })
#define max_t(type, x, y) \
	({ type __kp_max_x = (x); type __kp_max_y = (y); \
	   __kp_max_x > __kp_max_y ? __kp_max_x : __kp_max_y; })
#define umin(x, y)		min_t(unsigned long long, x, y)
#define umax(x, y)		max_t(unsigned long long, x, y)
#define min3(x, y, z)		min(min(x, y), z)
#define max3(x, y, z)		max(max(x, y), z)
#define min_not_zero(x, y) \
	({ __typeof__(x) __kp_mnz_x = (x); __typeof__(y) __kp_mnz_y = (y); \
	   __kp_mnz_x == 0 ? __kp_mnz_y : (__kp_mnz_y == 0 ? __kp_mnz_x : min(__kp_mnz_x, __kp_mnz_y)); })
#define clamp(val, lo, hi) \
	({ __typeof__(val) __kp_clamp_v = (val); __typeof__(lo) __kp_clamp_lo = (lo); \
	   __typeof__(hi) __kp_clamp_hi = (hi); \
	   __kp_clamp_v < __kp_clamp_lo ? __kp_clamp_lo : \
	   (__kp_clamp_v > __kp_clamp_hi ? __kp_clamp_hi : __kp_clamp_v); })
#define clamp_t(type, val, lo, hi) \
	({ type __kp_clamp_v = (val); type __kp_clamp_lo = (lo); type __kp_clamp_hi = (hi); \
	   __kp_clamp_v < __kp_clamp_lo ? __kp_clamp_lo : \
	   (__kp_clamp_v > __kp_clamp_hi ? __kp_clamp_hi : __kp_clamp_v); })
#define clamp_val(val, lo, hi)	clamp_t(__typeof__(val), val, lo, hi)

/* Constant-expression forms, usable at file scope. */
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))
#define MIN_T(type, a, b)	MIN((type)(a), (type)(b))
#define MAX_T(type, a, b)	MAX((type)(a), (type)(b))

#define swap(a, b) \
	do { __typeof__(a) __kp_swap_tmp = (a); (a) = (b); (b) = __kp_swap_tmp; } while (0)

#endif /* _LINUX_MINMAX_H */
