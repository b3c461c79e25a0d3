/* bottom_half.h: local_bh_disable/enable; stub for standalone checking, not the kernel's definitions. */
#ifndef _LINUX_BH_H
#define _LINUX_BH_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>

void local_bh_disable(void);
void local_bh_enable(void);
void local_bh_enable_ip(unsigned long ip);
void _local_bh_enable(void);
bool local_bh_blocked(void);

#endif /* _LINUX_BH_H */
