/* timer.h: struct timer_list and the timer API; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/jiffies.h>
#include <linux/container_of.h>

struct timer_list {
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(struct timer_list *timer);
	u32 flags;
};

#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000

#define __TIMER_INITIALIZER(_function, _flags) \
	{ .entry = { NULL, NULL }, .function = (_function), .flags = (_flags) }
#define DEFINE_TIMER(_name, _function) \
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, __typeof__(*(var)), timer_fieldname)
#define timer_container_of(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, __typeof__(*(var)), timer_fieldname)

void timer_setup(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags);
void timer_setup_on_stack(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags);
void destroy_timer_on_stack(struct timer_list *timer);
int timer_pending(const struct timer_list *timer);
void add_timer(struct timer_list *timer);
void add_timer_on(struct timer_list *timer, int cpu);
void add_timer_local(struct timer_list *timer);
void add_timer_global(struct timer_list *timer);
int mod_timer(struct timer_list *timer, unsigned long expires);
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);
int del_timer(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
int timer_delete(struct timer_list *timer);
int timer_delete_sync(struct timer_list *timer);
int timer_shutdown(struct timer_list *timer);
int timer_shutdown_sync(struct timer_list *timer);
int try_to_del_timer_sync(struct timer_list *timer);

#endif /* _LINUX_TIMER_H */
