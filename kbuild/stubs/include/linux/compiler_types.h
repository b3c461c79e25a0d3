/* compiler_types.h: sparse annotations and attribute macros; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_COMPILER_TYPES_H
#define __LINUX_COMPILER_TYPES_H

#include <linux/kconfig.h>

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "kpreempt_stub"
#endif

/* Sparse annotations: nothing to the compiler. */
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __bitwise
#define __safe
#define __nocast
#define __private
#define __data_racy
#define __acquires(x)
#define __releases(x)
#define __must_hold(x)
#define __cond_acquires(x)
#define __cond_releases(x)
#define __guarded_by(x)
#define __pt_guarded_by(x)
#define __acquire(x)		((void)0)
#define __release(x)		((void)0)
#define __cond_lock(x, c)	(c)
#define ACCESS_PRIVATE(p, member) ((p)->member)

/* GCC attributes. */
#define __always_inline		inline __attribute__((__always_inline__))
#define noinline		__attribute__((__noinline__))
#define noinline_for_stack	noinline
#define __cold			__attribute__((__cold__))
#define __hot			__attribute__((__hot__))
#define __noreturn		__attribute__((__noreturn__))
#define notrace			__attribute__((__no_instrument_function__))
#define noinstr			notrace
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __used			__attribute__((__used__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __weak			__attribute__((__weak__))
#define __pure			__attribute__((__pure__))
#define __attribute_const__	__attribute__((__const__))
#define __malloc		__attribute__((__malloc__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __deprecated		__attribute__((__deprecated__))
#define __printf(a, b)		__attribute__((__format__(__printf__, a, b)))
#define __scanf(a, b)		__attribute__((__format__(__scanf__, a, b)))
#define __section(s)		__attribute__((__section__(s)))
#define __visible		__attribute__((__externally_visible__))
#define __alloc_size(...)	__attribute__((__alloc_size__(__VA_ARGS__)))
#define __counted_by(m)
#define __nonstring
#define __randomize_layout
#define __no_randomize_layout
#define __latent_entropy
#define __noclone
#define __flatten
#define __no_kcsan
#define __no_sanitize_address
#define __cpuidle
#define __kprobes
#define nokprobe_inline		__always_inline
#define asmlinkage
#define fallthrough		__attribute__((__fallthrough__))

/* Sections (linux/init.h, linux/cache.h). */
#define __init			__section(".init.text") __cold
#define __exit			__section(".exit.text") __used __cold
#define __initdata		__section(".init.data")
#define __initconst		__section(".init.rodata")
#define __exitdata		__section(".exit.data")
#define __ref
#define __refdata
#define __read_mostly		__section(".data..read_mostly")
#define __ro_after_init		__section(".data..ro_after_init")
#define ____cacheline_aligned	__aligned(64)
#define ____cacheline_aligned_in_smp ____cacheline_aligned
#define __cacheline_aligned	__aligned(64) __section(".data..cacheline_aligned")
#define __cacheline_aligned_in_smp __cacheline_aligned

/* Unique identifiers for declaring macros. */
#define ___PASTE(a, b)		a##b
#define __PASTE(a, b)		___PASTE(a, b)
#define __UNIQUE_ID(prefix)	__PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#endif /* __LINUX_COMPILER_TYPES_H */
