/* module.h: MODULE_* information, module_init/module_exit; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/stat.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/moduleparam.h>

struct module {
	const char *name;
};

/* Module information is a uniquely named static string, as in .modinfo. */
#define MODULE_INFO(tag, info) \
	static const char __UNIQUE_ID(modinfo)[] __used __section(".modinfo") = #tag "=" info

#define MODULE_LICENSE(_license)	MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author)		MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version)	MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias)		MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep)	MODULE_INFO(softdep, _softdep)
#define MODULE_FIRMWARE(_firmware)	MODULE_INFO(firmware, _firmware)
#define MODULE_IMPORT_NS(ns)		MODULE_INFO(import_ns, #ns)
#define MODULE_DEVICE_TABLE(type, name) \
	extern __typeof__(name) __PASTE(__PASTE(__kp_mod_, type), __PASTE(__, name))

#define module_init(initfn) \
	static initcall_t __PASTE(__kp_module_init_, initfn) __used = (initfn)
#define module_exit(exitfn) \
	static exitcall_t __PASTE(__kp_module_exit_, exitfn) __used = (exitfn)

bool try_module_get(struct module *module);
void module_put(struct module *module);
void __module_get(struct module *module);

#endif /* _LINUX_MODULE_H */
