/* cleanup.h: scope-based cleanup, guard() and scoped_guard() for locks and preemption; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_CLEANUP_H
#define _LINUX_CLEANUP_H

#include <linux/compiler_types.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

/*
 * A guard class is the kernel's shape: class_<name>_t, a constructor that
 * takes the lock and a destructor run by the cleanup attribute when the
 * variable leaves scope. kpreempt knows the classes by their constructors.
 */
#define __KP_GUARD_CLASS(_name, _type) \
	typedef _type class_##_name##_t; \
	class_##_name##_t class_##_name##_constructor(_type _T); \
	void class_##_name##_destructor(class_##_name##_t *_T);
#define __KP_GUARD_CLASS_VOID(_name) \
	typedef void *class_##_name##_t; \
	class_##_name##_t class_##_name##_constructor(void); \
	void class_##_name##_destructor(class_##_name##_t *_T);

__KP_GUARD_CLASS(spinlock, spinlock_t *)
__KP_GUARD_CLASS(spinlock_irq, spinlock_t *)
__KP_GUARD_CLASS(spinlock_bh, spinlock_t *)
__KP_GUARD_CLASS(raw_spinlock, raw_spinlock_t *)
__KP_GUARD_CLASS(raw_spinlock_irq, raw_spinlock_t *)
__KP_GUARD_CLASS(mutex, struct mutex *)
__KP_GUARD_CLASS_VOID(preempt)
__KP_GUARD_CLASS_VOID(irq)
__KP_GUARD_CLASS_VOID(rcu)

#define guard(_name) \
	class_##_name##_t __UNIQUE_ID(guard) __attribute__((cleanup(class_##_name##_destructor))) = \
		class_##_name##_constructor
#define scoped_guard(_name, ...) \
	for (class_##_name##_t scope __attribute__((cleanup(class_##_name##_destructor))) = \
		     class_##_name##_constructor(__VA_ARGS__), *done = NULL; \
	     !done; done = (void *)1)

#endif /* _LINUX_CLEANUP_H */
