/* percpu.h: per-CPU allocation plus everything in percpu-defs.h; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/percpu-defs.h>

void *__kp_alloc_percpu(size_t size, size_t align, gfp_t gfp);

void *__alloc_percpu(size_t size, size_t align);
void *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
void free_percpu(void *ptr);

#define alloc_percpu(type) \
	((__typeof__(type) *)__kp_alloc_percpu(sizeof(type), __alignof__(type), 0))
#define alloc_percpu_gfp(type, gfp) \
	((__typeof__(type) *)__kp_alloc_percpu(sizeof(type), __alignof__(type), (gfp)))

#endif /* __LINUX_PERCPU_H */
