#if __has_attribute(__fallthrough__)
# define fallthrough __attribute__((__fallthrough__))
#else
# define fallthrough do {} while (0)
#endif
fallthrough;
#if __has_attribute(__nonstring__) && __has_attribute(nonstring) && __has_attribute(__copy__) && __has_attribute(__designated_init__)
gcc_attrs
#endif
#if __has_attribute(__no_caller_saved_registers__) && __has_attribute(__error__) && __has_attribute(__warning__)
more_attrs
#endif
#if __has_attribute(__overloadable__) || __has_attribute(__pass_object_size__) || __has_attribute(btf_type_tag) || __has_attribute(__preserve_most__)
wrong_clang_attrs
#endif
values __has_attribute(__fallthrough__) __has_attribute(deprecated) __has_attribute(nodiscard) __has_attribute(cold) __has_attribute(no_such_attribute)
#if __has_builtin(__builtin_dynamic_object_size) && __has_builtin(__builtin_unreachable) && !__has_builtin(__builtin_alloca_uninitialized) && __has_builtin(__builtin_isdigit)
builtins
#endif
#if __has_builtin(__builtin_has_attribute) && !__has_builtin(__builtin_no_such_builtin) && __has_builtin(__builtin_offsetof) && !__has_builtin(__builtin_va_arg)
more_builtins
#endif
#define B __builtin_expect
#if __has_builtin(B)
expanded_operand
#endif
#ifdef __has_feature
wrong_has_feature
#endif
#ifndef __has_builtin
wrong
#endif
#define cold notcold
#if __has_attribute(cold)
wrong_cold
#else
cold_expanded
#endif
#if !__has_cpp_attribute(__fallthrough__) || !__has_cpp_attribute(gnu::cold) || __has_cpp_attribute(clang::cold)
wrong_cpp
#endif
cpp_attr __has_cpp_attribute(nodiscard) __has_cpp_attribute(gnu::noreturn) __has_cpp_attribute(__gnu__::__packed__)
