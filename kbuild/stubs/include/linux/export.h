/* export.h: EXPORT_SYMBOL*; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/compiler.h>

/*
 * An export is a redundant declaration of the symbol and, as the kernel
 * writes it, its address kept in a section the linker discards
 * (__ADDRESSABLE()), so that the compiler emits the symbol.
 */
#define __KP_EXPORT(sym)	extern __typeof__(sym) sym; __ADDRESSABLE(sym)
#define EXPORT_SYMBOL(sym)			__KP_EXPORT(sym)
#define EXPORT_SYMBOL_GPL(sym)			__KP_EXPORT(sym)
#define EXPORT_SYMBOL_NS(sym, ns)		__KP_EXPORT(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)		__KP_EXPORT(sym)
#define EXPORT_SYMBOL_GPL_FOR_MODULES(sym, mods) __KP_EXPORT(sym)
#define EXPORT_SYMBOL_FOR_MODULES(sym, mods)	__KP_EXPORT(sym)
#define EXPORT_TRACEPOINT_SYMBOL(name)		extern int __PASTE(__kp_tracepoint_, name)
#define EXPORT_TRACEPOINT_SYMBOL_GPL(name)	extern int __PASTE(__kp_tracepoint_, name)
#define THIS_MODULE				((struct module *)0)

struct module;

#endif /* _LINUX_EXPORT_H */
