/* kconfig.h: IS_ENABLED() and a small default configuration; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

/*
 * The configuration a standalone snippet is checked under: an SMP,
 * preemptible x86-64 kernel (not PREEMPT_RT). Define KPREEMPT_NO_AUTOCONF
 * to start from an empty configuration instead.
 */
#ifndef KPREEMPT_NO_AUTOCONF
#define CONFIG_64BIT 1
#define CONFIG_X86 1
#define CONFIG_X86_64 1
#define CONFIG_MMU 1
#define CONFIG_SMP 1
#define CONFIG_NR_CPUS 64
#define CONFIG_HZ 250
#define CONFIG_PREEMPTION 1
#define CONFIG_PREEMPT 1
#define CONFIG_PREEMPT_COUNT 1
#define CONFIG_HOTPLUG_CPU 1
#define CONFIG_MODULES 1
#define CONFIG_PRINTK 1
#endif

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val

#define __and(x, y)			___and(x, y)
#define ___and(x, y)			____and(__ARG_PLACEHOLDER_##x, y)
#define ____and(arg1_or_junk, y)	__take_second_arg(arg1_or_junk y, 0)

#define __or(x, y)			___or(x, y)
#define ___or(x, y)			____or(__ARG_PLACEHOLDER_##x, y)
#define ____or(arg1_or_junk, y)		__take_second_arg(arg1_or_junk 1, y)

#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)

#define IS_BUILTIN(option)		__is_defined(option)
#define IS_MODULE(option)		__is_defined(option##_MODULE)
#define IS_REACHABLE(option)		__or(IS_BUILTIN(option), __and(IS_MODULE(option), __is_defined(MODULE)))
#define IS_ENABLED(option)		__or(IS_BUILTIN(option), IS_MODULE(option))

#endif /* _LINUX_KCONFIG_H */
