/* export.h: EXPORT_SYMBOL*; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/compiler.h>

/* An export is a redundant declaration of the symbol. */
#define EXPORT_SYMBOL(sym)			extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL(sym)			extern __typeof__(sym) sym
#define EXPORT_SYMBOL_NS(sym, ns)		extern __typeof__(sym) sym
#define EXPORT_SYMBOL_NS_GPL(sym, ns)		extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL_FOR_MODULES(sym, mods) extern __typeof__(sym) sym
#define EXPORT_SYMBOL_FOR_MODULES(sym, mods)	extern __typeof__(sym) sym
#define EXPORT_TRACEPOINT_SYMBOL(name)		extern int __PASTE(__kp_tracepoint_, name)
#define EXPORT_TRACEPOINT_SYMBOL_GPL(name)	extern int __PASTE(__kp_tracepoint_, name)
#define THIS_MODULE				((struct module *)0)

struct module;

#endif /* _LINUX_EXPORT_H */
