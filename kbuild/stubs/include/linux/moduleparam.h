/* moduleparam.h: module_param and friends; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_MODULE_PARAMS_H
#define _LINUX_MODULE_PARAMS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stat.h>

struct kernel_param;

struct __kp_module_param {
	const char *name;
	const char *type;
	unsigned int perm;
	const void *arg;
};

/* A parameter records its variable in a uniquely named static descriptor. */
#define module_param_named(name, value, type, perm) \
	static const struct __kp_module_param __PASTE(__kp_param_, name) __used = \
		{ #name, #type, (perm), (const void *)&(value) }
#define module_param(name, type, perm)	module_param_named(name, name, type, perm)
#define module_param_unsafe(name, type, perm) module_param_named(name, name, type, perm)
#define module_param_array_named(name, array, type, nump, perm) \
	static const struct __kp_module_param __PASTE(__kp_param_, name) __used = \
		{ #name, #type, (perm), (const void *)(array) }
#define module_param_array(name, type, nump, perm) \
	module_param_array_named(name, name, type, nump, perm)
#define module_param_string(name, string, len, perm) \
	static const struct __kp_module_param __PASTE(__kp_param_, name) __used = \
		{ #name, "string", (perm), (const void *)(string) }
#define module_param_cb(name, ops, arg, perm) \
	static const struct __kp_module_param __PASTE(__kp_param_, name) __used = \
		{ #name, "cb", (perm), (const void *)(arg) }
#define MODULE_PARM_DESC(_parm, desc) \
	static const char __PASTE(__kp_parm_desc_, _parm)[] __used = #_parm ":" desc

#endif /* _LINUX_MODULE_PARAMS_H */
