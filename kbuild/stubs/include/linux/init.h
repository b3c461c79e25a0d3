/* init.h: __init/__exit (from compiler_types.h) and initcalls; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#define __exit_p(x)	x

/* An initcall records its function in a uniquely named static pointer. */
#define __define_initcall(fn, id) \
	static initcall_t __PASTE(__PASTE(__kp_initcall_, fn), id) __used = (fn)

#define early_initcall(fn)		__define_initcall(fn, early)
#define pure_initcall(fn)		__define_initcall(fn, 0)
#define core_initcall(fn)		__define_initcall(fn, 1)
#define core_initcall_sync(fn)		__define_initcall(fn, 1s)
#define postcore_initcall(fn)		__define_initcall(fn, 2)
#define postcore_initcall_sync(fn)	__define_initcall(fn, 2s)
#define arch_initcall(fn)		__define_initcall(fn, 3)
#define arch_initcall_sync(fn)		__define_initcall(fn, 3s)
#define subsys_initcall(fn)		__define_initcall(fn, 4)
#define subsys_initcall_sync(fn)	__define_initcall(fn, 4s)
#define fs_initcall(fn)			__define_initcall(fn, 5)
#define fs_initcall_sync(fn)		__define_initcall(fn, 5s)
#define rootfs_initcall(fn)		__define_initcall(fn, rootfs)
#define device_initcall(fn)		__define_initcall(fn, 6)
#define device_initcall_sync(fn)	__define_initcall(fn, 6s)
#define late_initcall(fn)		__define_initcall(fn, 7)
#define late_initcall_sync(fn)		__define_initcall(fn, 7s)
#define __initcall(fn)			device_initcall(fn)
#define __exitcall(fn) \
	static exitcall_t __PASTE(__kp_exitcall_, fn) __used = (fn)

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *);
	int early;
};

#define __setup(str, fn) \
	static const struct obs_kernel_param __PASTE(__kp_setup_, fn) __used = { (str), (fn), 0 }
#define early_param(str, fn) \
	static const struct obs_kernel_param __PASTE(__kp_setup_, fn) __used = { (str), (fn), 1 }

#endif /* _LINUX_INIT_H */
