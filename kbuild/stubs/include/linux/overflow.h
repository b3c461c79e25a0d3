/* overflow.h: checked arithmetic and struct_size(); stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_OVERFLOW_H
#define __LINUX_OVERFLOW_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/limits.h>

#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d)	__builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

size_t size_mul(size_t factor1, size_t factor2);
size_t size_add(size_t addend1, size_t addend2);
size_t size_sub(size_t minuend, size_t subtrahend);

#define array_size(a, b)		size_mul(a, b)
#define array3_size(a, b, c)		size_mul(size_mul(a, b), c)
#define flex_array_size(p, member, count) \
	size_mul((count), sizeof(*(p)->member))
#define struct_size(p, member, count) \
	size_add(sizeof(*(p)), flex_array_size(p, member, count))
#define struct_size_t(type, member, count) \
	struct_size((type *)NULL, member, count)

#endif /* __LINUX_OVERFLOW_H */
