/* static_call.h: static calls; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_STATIC_CALL_H
#define _LINUX_STATIC_CALL_H

#include <linux/types.h>
#include <linux/compiler.h>

struct static_call_key {
	void *func;
};

#define STATIC_CALL_KEY(name)		__SCK__##name
#define STATIC_CALL_TRAMP(name)		__SCT__##name

#define DECLARE_STATIC_CALL(name, func)					\
	extern struct static_call_key STATIC_CALL_KEY(name);		\
	extern typeof(func) STATIC_CALL_TRAMP(name)
#define DEFINE_STATIC_CALL(name, _func)					\
	DECLARE_STATIC_CALL(name, _func);				\
	struct static_call_key STATIC_CALL_KEY(name) = { .func = _func }
#define DEFINE_STATIC_CALL_NULL(name, _func)				\
	DECLARE_STATIC_CALL(name, _func);				\
	struct static_call_key STATIC_CALL_KEY(name) = { .func = NULL }

void __static_call_update(struct static_call_key *key, void *tramp, void *func);

/* As the kernel's with CONFIG_HAVE_STATIC_CALL_INLINE: the trampoline's address. */
#define static_call(name)	({ (void)&STATIC_CALL_KEY(name); &STATIC_CALL_TRAMP(name); })
#define static_call_cond(name)	(void)static_call(name)
#define static_call_update(name, func)					\
({									\
	typeof(&STATIC_CALL_TRAMP(name)) __F = (func);			\
	__static_call_update(&STATIC_CALL_KEY(name),			\
			     &STATIC_CALL_TRAMP(name), __F);		\
})

#endif
