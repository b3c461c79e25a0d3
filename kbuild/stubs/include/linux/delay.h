/* delay.h: busy-wait delays (udelay, ndelay, mdelay) and sleeping delays (msleep, usleep_range, ...); stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/sched.h>

/* Busy-wait: never sleep. */
void udelay(unsigned long usecs);
void ndelay(unsigned long nsecs);
void mdelay(unsigned long msecs);

/* Sleep. */
void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void ssleep(unsigned int seconds);
void usleep_range(unsigned long min, unsigned long max);
void usleep_range_idle(unsigned long min, unsigned long max);
void fsleep(unsigned long usecs);

#endif /* _LINUX_DELAY_H */
