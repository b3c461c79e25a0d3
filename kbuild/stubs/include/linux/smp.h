/* smp.h: smp_processor_id, get_cpu/put_cpu, cross-CPU calls; stub for standalone checking, not the kernel's definitions. */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/list.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>

typedef void (*smp_call_func_t)(void *info);
typedef bool (*smp_cond_func_t)(int cpu, void *info);

struct __call_single_data {
	struct hlist_node node;
	smp_call_func_t func;
	void *info;
	unsigned int flags;
};
typedef struct __call_single_data call_single_data_t;

#define CSD_INIT(_func, _info)	{ .func = (_func), .info = (_info) }

int smp_processor_id(void);
int raw_smp_processor_id(void);
int __smp_processor_id(void);
int get_cpu(void);
void put_cpu(void);

void INIT_CSD(call_single_data_t *csd, smp_call_func_t func, void *info);
int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait);
int smp_call_function_single_async(int cpu, call_single_data_t *csd);
int smp_call_function_any(const struct cpumask *mask, smp_call_func_t func, void *info, int wait);
void smp_call_function(smp_call_func_t func, void *info, int wait);
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info, bool wait);
void on_each_cpu(smp_call_func_t func, void *info, int wait);
void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func, void *info, bool wait);
void on_each_cpu_cond(smp_cond_func_t cond_func, smp_call_func_t func, void *info, bool wait);
void kick_all_cpus_sync(void);
void wake_up_all_idle_cpus(void);

#endif /* __LINUX_SMP_H */
