/* compiler.h: likely/unlikely, barrier, READ_ONCE/WRITE_ONCE; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#include <linux/compiler_types.h>

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

void barrier(void);
void barrier_data(void *ptr);

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)
#define data_race(expr)		(expr)

#define unreachable()		__builtin_unreachable()
#define OPTIMIZER_HIDE_VAR(var)	((void)&(var))
#define RELOC_HIDE(ptr, off)	((__typeof__(ptr))((unsigned long)(ptr) + (off)))
#define __same_type(a, b)	__builtin_types_compatible_p(__typeof__(a), __typeof__(b))
#define __must_be_array(a)	0

/* The symbol's address in a section the linker discards: the compiler keeps sym (the kernel's ends in its own semicolon; the export macros that use it here end in the caller's). */
#define __ADDRESSABLE(sym) \
	static void * __used __section(".discard.addressable") \
	__UNIQUE_ID(__PASTE(__addressable_, sym)) = (void *)(unsigned long)&sym

#include <asm/barrier.h>

#endif /* __LINUX_COMPILER_H */
