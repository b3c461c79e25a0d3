#define FOO 1
#define IS_DEF defined(FOO)
#define IS_DEF2 defined FOO
#define ISDEF(x) defined(x)
#if IS_DEF && IS_DEF2 && ISDEF(ISDEF) && !ISDEF(BAR)
defined_from_macro
#endif
#if defined(IS_DEF) && defined ISDEF
macro_names_defined
#endif
/* the operand of defined is not expanded */
#define ALIAS FOO
#if defined(ALIAS) && !defined(UNDEFINED_ALIAS)
operand_unexpanded
#endif
/* include/linux/kconfig.h */
#define CONFIG_A 1
#define CONFIG_B_MODULE 1
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)
#define __or(x, y)			___or(x, y)
#define ___or(x, y)			____or(__ARG_PLACEHOLDER_##x, y)
#define ____or(arg1_or_junk, y)		__take_second_arg(arg1_or_junk 1, y)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_REACHABLE(option) __or(IS_BUILTIN(option), \
				__and(IS_MODULE(option), __is_defined(MODULE)))
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))
#if IS_ENABLED(CONFIG_A) && IS_ENABLED(CONFIG_B) && !IS_ENABLED(CONFIG_C) && IS_BUILTIN(CONFIG_A) && !IS_BUILTIN(CONFIG_B)
kconfig_ok
#endif
int a = IS_ENABLED(CONFIG_A), b = IS_ENABLED(CONFIG_B), c = IS_ENABLED(CONFIG_C), d = IS_MODULE(CONFIG_B);
