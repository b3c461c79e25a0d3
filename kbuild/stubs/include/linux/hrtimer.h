/* hrtimer.h: high-resolution timers; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/ktime.h>
#include <linux/percpu.h>
#include <linux/container_of.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_BOOTTIME		7
#define CLOCK_TAI		11

enum hrtimer_mode {
	HRTIMER_MODE_ABS		= 0x00,
	HRTIMER_MODE_REL		= 0x01,
	HRTIMER_MODE_PINNED		= 0x02,
	HRTIMER_MODE_SOFT		= 0x04,
	HRTIMER_MODE_HARD		= 0x08,
	HRTIMER_MODE_ABS_PINNED		= 0x02,
	HRTIMER_MODE_REL_PINNED		= 0x03,
	HRTIMER_MODE_ABS_SOFT		= 0x04,
	HRTIMER_MODE_REL_SOFT		= 0x05,
	HRTIMER_MODE_ABS_PINNED_SOFT	= 0x06,
	HRTIMER_MODE_REL_PINNED_SOFT	= 0x07,
	HRTIMER_MODE_ABS_HARD		= 0x08,
	HRTIMER_MODE_REL_HARD		= 0x09,
	HRTIMER_MODE_ABS_PINNED_HARD	= 0x0a,
	HRTIMER_MODE_REL_PINNED_HARD	= 0x0b,
};

enum hrtimer_restart {
	HRTIMER_NORESTART,
	HRTIMER_RESTART,
};

struct hrtimer {
	ktime_t _softexpires;
	enum hrtimer_restart (*function)(struct hrtimer *timer);
	u8 state;
	u8 is_rel;
	u8 is_soft;
	u8 is_hard;
};

void hrtimer_init(struct hrtimer *timer, int which_clock, enum hrtimer_mode mode);
void hrtimer_setup(struct hrtimer *timer, enum hrtimer_restart (*function)(struct hrtimer *),
		   int clock_id, enum hrtimer_mode mode);
void hrtimer_start(struct hrtimer *timer, ktime_t tim, const enum hrtimer_mode mode);
void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim, u64 range_ns, const enum hrtimer_mode mode);
void hrtimer_restart(struct hrtimer *timer);
int hrtimer_cancel(struct hrtimer *timer);
int hrtimer_try_to_cancel(struct hrtimer *timer);
bool hrtimer_active(const struct hrtimer *timer);
bool hrtimer_is_queued(struct hrtimer *timer);
bool hrtimer_callback_running(struct hrtimer *timer);
u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval);
u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval);
ktime_t hrtimer_get_remaining(const struct hrtimer *timer);
ktime_t hrtimer_cb_get_time(const struct hrtimer *timer);
void hrtimer_set_expires(struct hrtimer *timer, ktime_t time);
ktime_t hrtimer_get_expires(const struct hrtimer *timer);

#endif /* _LINUX_HRTIMER_H */
