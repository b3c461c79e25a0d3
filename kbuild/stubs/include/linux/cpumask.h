/* cpumask.h: struct cpumask, CPU iteration and online/possible queries; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/threads.h>
#include <linux/bitops.h>

typedef struct cpumask {
	unsigned long bits[(NR_CPUS + 63) / 64];
} cpumask_t;

typedef struct cpumask cpumask_var_t[1];

extern unsigned int nr_cpu_ids;
extern const struct cpumask *const cpu_possible_mask;
extern const struct cpumask *const cpu_online_mask;
extern const struct cpumask *const cpu_present_mask;
extern const struct cpumask *const cpu_active_mask;

#define nr_cpumask_bits		nr_cpu_ids
#define cpumask_bits(maskp)	((maskp)->bits)
#define CPU_MASK_ALL		{ { ~0UL } }
#define CPU_MASK_NONE		{ { 0UL } }
#define CPU_BITS_ALL		{ ~0UL }

unsigned int num_online_cpus(void);
unsigned int num_possible_cpus(void);
unsigned int num_present_cpus(void);
unsigned int num_active_cpus(void);
bool cpu_online(unsigned int cpu);
bool cpu_possible(unsigned int cpu);
bool cpu_present(unsigned int cpu);
bool cpu_active(unsigned int cpu);
bool cpu_is_offline(unsigned int cpu);

const struct cpumask *cpumask_of(unsigned int cpu);
unsigned int cpumask_first(const struct cpumask *srcp);
unsigned int cpumask_last(const struct cpumask *srcp);
unsigned int cpumask_next(int n, const struct cpumask *srcp);
unsigned int cpumask_any(const struct cpumask *srcp);
unsigned int cpumask_any_but(const struct cpumask *mask, unsigned int cpu);
unsigned int cpumask_weight(const struct cpumask *srcp);
void cpumask_set_cpu(unsigned int cpu, struct cpumask *dstp);
void cpumask_clear_cpu(int cpu, struct cpumask *dstp);
bool cpumask_test_cpu(int cpu, const struct cpumask *cpumask);
bool cpumask_test_and_set_cpu(int cpu, struct cpumask *cpumask);
bool cpumask_test_and_clear_cpu(int cpu, struct cpumask *cpumask);
void cpumask_setall(struct cpumask *dstp);
void cpumask_clear(struct cpumask *dstp);
void cpumask_copy(struct cpumask *dstp, const struct cpumask *srcp);
bool cpumask_and(struct cpumask *dstp, const struct cpumask *src1p, const struct cpumask *src2p);
void cpumask_or(struct cpumask *dstp, const struct cpumask *src1p, const struct cpumask *src2p);
bool cpumask_andnot(struct cpumask *dstp, const struct cpumask *src1p, const struct cpumask *src2p);
bool cpumask_empty(const struct cpumask *srcp);
bool cpumask_full(const struct cpumask *srcp);
bool cpumask_equal(const struct cpumask *src1p, const struct cpumask *src2p);
bool cpumask_intersects(const struct cpumask *src1p, const struct cpumask *src2p);
bool cpumask_subset(const struct cpumask *src1p, const struct cpumask *src2p);

bool alloc_cpumask_var(cpumask_var_t *mask, gfp_t flags);
bool zalloc_cpumask_var(cpumask_var_t *mask, gfp_t flags);
void free_cpumask_var(cpumask_var_t mask);

unsigned int __kp_cpumask_next(int n, const struct cpumask *mask);
unsigned int __kp_nr_cpu_ids(void);
const struct cpumask *__kp_cpu_possible_mask(void);
const struct cpumask *__kp_cpu_online_mask(void);
const struct cpumask *__kp_cpu_present_mask(void);

#define __KP_FOR_EACH_CPU(cpu, mask) \
	for ((cpu) = __kp_cpumask_next(-1, (mask)); (cpu) < __kp_nr_cpu_ids(); \
	     (cpu) = __kp_cpumask_next((cpu), (mask)))

#define for_each_cpu(cpu, mask)		__KP_FOR_EACH_CPU(cpu, mask)
#define for_each_possible_cpu(cpu)	__KP_FOR_EACH_CPU(cpu, __kp_cpu_possible_mask())
#define for_each_online_cpu(cpu)	__KP_FOR_EACH_CPU(cpu, __kp_cpu_online_mask())
#define for_each_present_cpu(cpu)	__KP_FOR_EACH_CPU(cpu, __kp_cpu_present_mask())

#endif /* __LINUX_CPUMASK_H */
