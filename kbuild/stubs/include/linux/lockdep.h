/* lockdep.h: lockdep assertions and lock classes; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

#include <linux/types.h>
#include <linux/compiler.h>

struct lock_class_key {
	char __kp_unused;
};

struct lockdep_map {
	struct lock_class_key *key;
	const char *name;
};

#define SINGLE_DEPTH_NESTING		1
#define MAX_LOCKDEP_SUBCLASSES		8

/* Assertions about a lock take a pointer to any lock type. */
void lockdep_assert_held(const void *lock);
void lockdep_assert_held_once(const void *lock);
void lockdep_assert_held_read(const void *lock);
void lockdep_assert_held_write(const void *lock);
void lockdep_assert_held_exclusive(const void *lock);
void lockdep_assert_not_held(const void *lock);
int lockdep_is_held(const void *lock);
int lockdep_is_held_type(const void *lock, int read);
void lockdep_assert(bool cond);
void lockdep_assert_once(bool cond);
void might_lock(const void *lock);
void might_lock_read(const void *lock);
void might_lock_nested(const void *lock, int subclass);

void lockdep_set_class(const void *lock, struct lock_class_key *key);
void lockdep_set_class_and_name(const void *lock, struct lock_class_key *key, const char *name);
void lockdep_set_class_and_subclass(const void *lock, struct lock_class_key *key, unsigned int subclass);
void lockdep_set_subclass(const void *lock, unsigned int subclass);
void lockdep_set_novalidate_class(const void *lock);

/* Context assertions take no argument. */
void lockdep_assert_irqs_enabled(void);
void lockdep_assert_irqs_disabled(void);
void lockdep_assert_preemption_enabled(void);
void lockdep_assert_preemption_disabled(void);
void lockdep_assert_in_irq(void);
void lockdep_assert_in_softirq(void);
void lockdep_assert_no_hardirq(void);
void lockdep_assert_RT_in_threaded_ctx(void);

void lockdep_register_key(struct lock_class_key *key);
void lockdep_unregister_key(struct lock_class_key *key);
void lockdep_off(void);
void lockdep_on(void);
void debug_show_all_locks(void);
void debug_check_no_locks_held(void);

#endif /* __LINUX_LOCKDEP_H */
