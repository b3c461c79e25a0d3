/* ktime.h: ktime_t and clock reads; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/jiffies.h>

typedef s64 ktime_t;

#define KTIME_MAX		((s64)~((u64)1 << 63))
#define KTIME_SEC_MAX		(KTIME_MAX / NSEC_PER_SEC)

ktime_t ktime_get(void);
ktime_t ktime_get_real(void);
ktime_t ktime_get_boottime(void);
ktime_t ktime_get_raw(void);
u64 ktime_get_ns(void);
u64 ktime_get_real_ns(void);
u64 ktime_get_boottime_ns(void);
u64 ktime_get_raw_ns(void);
u64 ktime_get_mono_fast_ns(void);
time64_t ktime_get_seconds(void);
time64_t ktime_get_real_seconds(void);
ktime_t ktime_set(const s64 secs, const unsigned long nsecs);
ktime_t ns_to_ktime(u64 ns);
ktime_t ms_to_ktime(u64 ms);
ktime_t us_to_ktime(u64 us);
s64 ktime_to_ns(const ktime_t kt);
s64 ktime_to_us(const ktime_t kt);
s64 ktime_to_ms(const ktime_t kt);
s64 ktime_us_delta(const ktime_t later, const ktime_t earlier);
s64 ktime_ms_delta(const ktime_t later, const ktime_t earlier);
int ktime_compare(const ktime_t cmp1, const ktime_t cmp2);
bool ktime_after(const ktime_t cmp1, const ktime_t cmp2);
bool ktime_before(const ktime_t cmp1, const ktime_t cmp2);

#define ktime_add(lhs, rhs)	((lhs) + (rhs))
#define ktime_sub(lhs, rhs)	((lhs) - (rhs))
#define ktime_add_ns(kt, nsval)	((kt) + (nsval))
#define ktime_sub_ns(kt, nsval)	((kt) - (nsval))
#define ktime_add_us(kt, usec)	((kt) + (s64)(usec) * NSEC_PER_USEC)
#define ktime_add_ms(kt, msec)	((kt) + (s64)(msec) * NSEC_PER_MSEC)

#endif /* _LINUX_KTIME_H */
